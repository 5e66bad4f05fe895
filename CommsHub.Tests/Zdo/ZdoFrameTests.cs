using CommsHub.Tests.Security;
using CommsHub.Zdo;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Zdo
{
    [TestClass]
    public class ZdoFrameTests
    {
        public static readonly ushort[] Clusters =
        {
            ZdoCluster.NwkAddrReq, ZdoCluster.IeeeAddrReq, ZdoCluster.NwkAddrReq | ZdoCluster.Response, ZdoCluster.IeeeAddrReq | ZdoCluster.Response,
            ZdoCluster.NodeDescReq, ZdoCluster.NodeDescReq | ZdoCluster.Response, ZdoCluster.PowerDescReq, ZdoCluster.PowerDescReq | ZdoCluster.Response,
            ZdoCluster.SimpleDescReq, ZdoCluster.SimpleDescReq | ZdoCluster.Response, ZdoCluster.ActiveEpReq, ZdoCluster.ActiveEpReq | ZdoCluster.Response,
            ZdoCluster.MatchDescReq, ZdoCluster.MatchDescReq | ZdoCluster.Response, ZdoCluster.DeviceAnnce,
            ZdoCluster.MgmtLqiReq, ZdoCluster.MgmtLqiReq | ZdoCluster.Response, ZdoCluster.MgmtRtgReq, ZdoCluster.MgmtRtgReq | ZdoCluster.Response,
            ZdoCluster.MgmtLeaveReq, ZdoCluster.MgmtLeaveReq | ZdoCluster.Response, ZdoCluster.MgmtPermitJoiningReq,
            ZdoCluster.MgmtPermitJoiningReq | ZdoCluster.Response, ZdoCluster.MgmtNwkUpdateReq, ZdoCluster.MgmtNwkUpdateReq | ZdoCluster.Response,
        };

        [TestMethod]
        public void EveryZdoFrameRoundTripsAndEveryPrefixIsRefusedByName()
        {
            byte[] buffer = new byte[127];
            var decoded = new ZdoFrame();
            foreach (ushort cluster in Clusters)
            {
                int length = ZdoCodec.Encode(cluster, Sample(cluster), buffer, 2);
                Assert.IsNull(ZdoCodec.Decode(cluster, buffer, 2, length, decoded), "cluster " + cluster);
                byte[] again = new byte[127];
                Assert.AreEqual(length, ZdoCodec.Encode(cluster, decoded, again, 0), "cluster " + cluster);
                Assert.AreEqual(TestBytes.ToHex(buffer, 2, length), TestBytes.ToHex(again, 0, length), "cluster " + cluster);
                for (int prefix = 0; prefix < length; prefix++)
                {
                    // An address response may end after the remote device's addresses: that prefix is a whole frame.
                    bool wholeShorterForm = (cluster == 0x8000 || cluster == 0x8001) && prefix == 12;
                    if (!wholeShorterForm)
                    {
                        Assert.IsNotNull(ZdoCodec.Decode(cluster, buffer, 2, prefix, decoded), "cluster " + cluster + " cut to " + prefix);
                    }
                }
            }
        }

        [TestMethod]
        public void ASimpleDescriptorWhoseLengthDisagreesIsRefused()
        {
            byte[] buffer = new byte[64];
            ushort cluster = ZdoCluster.SimpleDescReq | ZdoCluster.Response;
            int length = ZdoCodec.Encode(cluster, Sample(cluster), buffer, 0);
            buffer[4]++;
            buffer[length] = 0;
            Assert.AreEqual("Simple_Desc_rsp descriptor length disagrees with its cluster lists", ZdoCodec.Decode(cluster, buffer, 0, length + 1, new ZdoFrame()));
        }

        [TestMethod]
        public void DeviceAnnceMatchesItsPublishedLayout()
        {
            // Sequence, NWK address 0x1234, IEEE 00:11:22:33:44:55:66:77 least significant first, capability 0x8E.
            byte[] frame = TestBytes.Parse("07 3412 7766554433221100 8E");
            var f = new ZdoFrame();
            Assert.IsNull(ZdoCodec.Decode(ZdoCluster.DeviceAnnce, frame, 0, frame.Length, f));
            Assert.AreEqual(0x1234, (int)f.Address);
            Assert.AreEqual("4822678189205111", f.Ieee.ToString());
            Assert.AreEqual(0x8E, (int)f.Capability);
        }

        /// <summary>A realistic frame of each cluster: the hub as coordinator and trust centre, a meter as router 0x1234.</summary>
        public static ZdoFrame Sample(ushort cluster)
        {
            var f = new ZdoFrame();
            f.Sequence = (byte)(cluster & 0x7F);
            f.Ieee = 0x0011223344556677;
            f.Address = 0x1234;
            f.Status = ZdoCluster.Success;
            switch (cluster)
            {
                case ZdoCluster.NwkAddrReq | ZdoCluster.Response:
                case ZdoCluster.IeeeAddrReq | ZdoCluster.Response:
                    f.RequestType = 1;
                    f.Count = 2;
                    f.StartIndex = 0;
                    f.List[0] = 0x5678;
                    f.List[1] = 0x9ABC;
                    break;
                case ZdoCluster.NodeDescReq | ZdoCluster.Response:
                    byte[] node = TestBytes.Parse("00408F0211528000412C800000");
                    System.Array.Copy(node, f.NodeDescriptor, node.Length);
                    break;
                case ZdoCluster.PowerDescReq | ZdoCluster.Response:
                    f.PowerDescriptor = 0xC110;
                    break;
                case ZdoCluster.SimpleDescReq:
                    f.Endpoint = 1;
                    break;
                case ZdoCluster.SimpleDescReq | ZdoCluster.Response:
                case ZdoCluster.MatchDescReq:
                    f.Endpoint = 1;
                    f.Profile = 0x0109;
                    f.DeviceId = 0x0500;
                    f.DeviceVersion = 0;
                    f.InCount = 3;
                    f.List[0] = 0x0000;
                    f.List[1] = 0x000A;
                    f.List[2] = 0x0800;
                    f.OutCount = 1;
                    f.List[3] = 0x0019;
                    if (cluster == ZdoCluster.MatchDescReq)
                    {
                        f.Address = 0xFFFD;
                        f.InCount = 1;
                        f.List[0] = 0x0019;
                        f.OutCount = 0;
                    }

                    break;
                case ZdoCluster.ActiveEpReq | ZdoCluster.Response:
                case ZdoCluster.MatchDescReq | ZdoCluster.Response:
                    f.Address = 0x0000;
                    f.Count = 1;
                    f.List[0] = 1;
                    break;
                case ZdoCluster.DeviceAnnce:
                    f.Capability = 0x8E;
                    break;
                case ZdoCluster.MgmtLqiReq | ZdoCluster.Response:
                    f.TotalEntries = 2;
                    f.StartIndex = 0;
                    f.TableCount = 2;
                    Put(f.Table, 0, "0403020100124B00 7766554433221100 3412 15 02 01 C8");
                    Put(f.Table, 22, "0403020100124B00 0807060504030201 7856 12 02 02 80");
                    break;
                case ZdoCluster.MgmtRtgReq | ZdoCluster.Response:
                    f.TotalEntries = 2;
                    f.StartIndex = 0;
                    f.TableCount = 2;
                    Put(f.Table, 0, "3412 00 3412");
                    Put(f.Table, 5, "7856 20 3412");
                    break;
                case ZdoCluster.MgmtLeaveReq:
                    f.Capability = 0x00;
                    break;
                case ZdoCluster.MgmtPermitJoiningReq:
                    f.PermitDuration = 180;
                    f.TcSignificance = 1;
                    break;
                case ZdoCluster.MgmtNwkUpdateReq:
                    f.ScanChannels = 0x07FFF800;
                    f.ScanDuration = 3;
                    f.ScanCount = 1;
                    break;
                case ZdoCluster.MgmtNwkUpdateReq | ZdoCluster.Response:
                    f.ScanChannels = 0x00003800;
                    f.TotalTransmissions = 120;
                    f.TransmissionFailures = 3;
                    f.TableCount = 3;
                    f.Table[0] = 0x10;
                    f.Table[1] = 0x40;
                    f.Table[2] = 0xA0;
                    break;
            }

            return f;
        }

        private static void Put(byte[] table, int at, string hex)
        {
            byte[] bytes = TestBytes.Parse(hex);
            System.Array.Copy(bytes, 0, table, at, bytes.Length);
        }
    }
}
