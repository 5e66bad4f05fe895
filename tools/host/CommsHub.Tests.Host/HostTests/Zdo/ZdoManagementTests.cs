using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.Aps;
using CommsHub.Mac;
using CommsHub.Nwk;
using CommsHub.Security;
using CommsHub.Tests.HostTests.Nwk;
using CommsHub.Tests.HostTests.Security;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Radio;
using CommsHub.Wan;
using CommsHub.Zdo;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Zdo
{
    /// <summary>
    /// The hub's ZDO server over the radio, on the whole firmware: a joined device asks the management requests and the
    /// descriptor requests of the Smart Energy endpoint; leave and permit-joining are refused NOT_AUTHORIZED, a channel
    /// change is refused, an energy scan reports the medium's energy; malformed requests are dropped and counted.
    /// tshark dissects every answer the hub sent, decrypted with the network key, with no malformed part or warning.
    /// </summary>
    [TestClass]
    public class ZdoManagementTests
    {
        private const ulong DeviceEui = 0x00DB123456789A02;
        private const string InstallCodeHex = "83FED3407A939723A5C639B26916D505";
        private const string LinkKeyHex = "66B6900981E1EE3CA4206B6B861C02BB";

        [TestMethod]
        public void ManagementAndDescriptorRequestsAreAnsweredPerPolicyAndTsharkDecodesEveryAnswer()
        {
            var rig = new Rig();
            var hub = rig.Board.Hub;
            int channel = hub.Mac.Channel;
            int noisy = channel == 20 ? 21 : 20;
            rig.Bench.Medium.SetInterference(noisy, 200);

            ZdoFrame lqi = rig.Ask(ZdoCluster.MgmtLqiReq, "00");
            Assert.AreEqual(0, (int)lqi.Status);
            Assert.AreEqual(1, (int)lqi.TotalEntries);
            Assert.AreEqual(1, lqi.TableCount);
            Assert.AreEqual(hub.Identity.Value, BitConverter.ToUInt64(lqi.Table, 0), "extended PAN id");
            Assert.AreEqual(DeviceEui, BitConverter.ToUInt64(lqi.Table, 8));
            Assert.AreEqual((int)rig.Device.ShortAddress, (int)BitConverter.ToUInt16(lqi.Table, 16));
            Assert.AreEqual(0x16, (int)lqi.Table[18], "end device, receiver on when idle, child");
            ZdoFrame past = rig.Ask(ZdoCluster.MgmtLqiReq, "05");
            Assert.AreEqual(1, (int)past.TotalEntries);
            Assert.AreEqual(0, past.TableCount);

            ZdoFrame rtg = rig.Ask(ZdoCluster.MgmtRtgReq, "00");
            Assert.AreEqual(0, (int)rtg.Status);
            Assert.AreEqual(0, rtg.TableCount);

            ZdoFrame leave = rig.Ask(ZdoCluster.MgmtLeaveReq, DeviceEui.ToString("X16").Chunk(2).Reverse().Aggregate("", (a, c) => a + new string(c)) + "00");
            Assert.AreEqual((int)ZdoManagement.NotAuthorized, (int)leave.Status);
            Assert.AreEqual(1, hub.Mac.Children.Count, "the device was made to leave");

            ZdoFrame permit = rig.Ask(ZdoCluster.MgmtPermitJoiningReq, "B401");
            Assert.AreEqual((int)ZdoManagement.NotAuthorized, (int)permit.Status);
            Assert.IsFalse(hub.Mac.PermitJoining);
            Assert.IsFalse(hub.Han.TrustCentre.JoiningOpen);

            // Energy scan of every channel, scan duration 2, one scan.
            ZdoFrame scan = rig.Ask(ZdoCluster.MgmtNwkUpdateReq, "00F8FF07" + "02" + "01");
            Assert.AreEqual(0, (int)scan.Status);
            Assert.AreEqual(16, scan.TableCount);
            Assert.IsTrue(scan.Table[noisy - 11] >= 150, "energy on the noisy channel " + scan.Table[noisy - 11]);
            Assert.IsTrue(scan.Table[channel - 11] < 100, "energy on the network's channel " + scan.Table[channel - 11]);
            Assert.AreEqual(channel, hub.Mac.Channel, "the scan left the radio off the network's channel");

            // Channel change to 15 (0xFE): refused, no answer.
            Assert.IsNull(rig.Ask(ZdoCluster.MgmtNwkUpdateReq, "00800000" + "FE" + "01", expectAnswer: false));
            Assert.AreEqual(channel, hub.Mac.Channel);
            Assert.AreEqual(1, hub.Han.Zdo.Management.ChannelChangesRefused);

            ZdoFrame simple = rig.Ask(ZdoCluster.SimpleDescReq, "000001");
            Assert.AreEqual(0, (int)simple.Status);
            Assert.AreEqual(0x0109, (int)simple.Profile);
            Assert.AreEqual("0000,000A,0019,0025,0800", string.Join(",", simple.List.Take(simple.InCount).Select(c => c.ToString("X4"))));
            Assert.AreEqual(0, simple.OutCount);
            foreach (string cluster in new[] { "0000", "0A00", "2500", "0008", "1900" })
            {
                ZdoFrame match = rig.Ask(ZdoCluster.MatchDescReq, "0000" + "0901" + "01" + cluster + "00");
                Assert.AreEqual(1, match.Count, "Match_Desc for " + cluster);
                Assert.AreEqual(1, (int)match.List[0]);
            }

            ZdoFrame none = rig.Ask(ZdoCluster.MatchDescReq, "0000" + "0901" + "01" + "0600" + "00");
            Assert.AreEqual(0, none.Count, "on/off is not served");

            // Every answer the hub sent, through tshark with the keys: no malformed part, no warning.
            var answers = rig.HubFrames();
            byte[] transportKey = new byte[16];
            new KeyedHash(new DotNetAes()).KeyTransportKey(Convert.FromHexString(LinkKeyHex), 0, transportKey, 0);
            var d = ZigbeeOracle.Tshark(answers, new[] { Convert.ToHexString(rig.NwkKey), LinkKeyHex, Convert.ToHexString(transportKey) },
                "zbee_aps.zdp_cluster", "zbee_zdp.status");
            var clusters = d.Select(f => f[0]).ToList();
            foreach (string c in new[] { "0x8031", "0x8032", "0x8034", "0x8036", "0x8038", "0x8004", "0x8006" })
            {
                Assert.IsTrue(clusters.Contains(c), "tshark saw no " + c + ": " + string.Join(" ", clusters));
            }

            Assert.AreEqual("141", d.First(f => f[0] == "0x8034")[1], "tshark: Mgmt_Leave_rsp status");
            Assert.AreEqual("141", d.First(f => f[0] == "0x8036")[1], "tshark: Mgmt_Permit_Joining_rsp status");
        }

        [TestMethod]
        public void TruncatedAndOversizedRequestsAreDroppedAndCountedAndExtraBytesAreIgnored()
        {
            var rig = new Rig();
            var zdo = rig.Board.Hub.Han.Zdo;
            var cases = new (ushort Cluster, string Hex, string Problem)[]
            {
                (ZdoCluster.MgmtLqiReq, "", "start index missing"),
                (ZdoCluster.MgmtRtgReq, "", "start index missing"),
                (ZdoCluster.MgmtLeaveReq, "0102030405", "Mgmt_Leave_req truncated"),
                (ZdoCluster.MgmtPermitJoiningReq, "B4", "Mgmt_Permit_Joining_req truncated"),
                (ZdoCluster.MgmtNwkUpdateReq, "00F8FF", "truncated before the scan duration"),
                (ZdoCluster.MgmtNwkUpdateReq, "00F8FF0702", "scan count missing"),
                (ZdoCluster.MgmtNwkUpdateReq, "00F8FF0709", "scan duration is reserved"),
                (ZdoCluster.MatchDescReq, "00000901" + "21" + string.Concat(Enumerable.Repeat("1900", 33)) + "00", "exceeds what the hub keeps"),
                (ZdoCluster.MatchDescReq, "00000901" + "03" + "1900", "truncated"),
            };
            int undecodable = zdo.Undecodable;
            foreach (var c in cases)
            {
                Assert.IsNull(rig.Ask(c.Cluster, c.Hex, expectAnswer: false), "answered a bad request of cluster 0x" + c.Cluster.ToString("X4"));
                Assert.AreEqual(++undecodable, zdo.Undecodable, "not counted: " + c.Hex);
                Assert.IsTrue(zdo.LastProblem.Contains(c.Problem), zdo.LastProblem + " / expected " + c.Problem);
            }

            // A scan count above 5 decodes but is refused in the answer.
            Assert.AreEqual((int)ZdoManagement.InvalidRequestType, (int)rig.Ask(ZdoCluster.MgmtNwkUpdateReq, "00F8FF070209").Status);

            // Zigbee lets later revisions add fields: bytes after a complete request are ignored.
            ZdoFrame leave = rig.Ask(ZdoCluster.MgmtLeaveReq, "0102030405060708" + "00" + "AABBCCDDEEFF");
            Assert.AreEqual((int)ZdoManagement.NotAuthorized, (int)leave.Status);
            Assert.AreEqual(1, rig.Board.Hub.Mac.Children.Count);
        }

        /// <summary>The hub on the virtual board with one joined PPMID on the emulated radio.</summary>
        private sealed class Rig
        {
            private uint _counter = 1;

            public Rig()
            {
                Bench = new RadioBench(21);
                var (hubChip, hubRadio) = Bench.AddRadio("hub");
                Board = new VirtualBoard.VirtualBoard(null, new DateTime(2026, 11, 21, 9, 0, 0, DateTimeKind.Utc), radio: hubRadio);
                Board.Boot();
                Bench.OnMainLoop(Board.Hub.Poll);
                Board.Hub.Wan.DeviceLog.AddOrReplace(new DeviceLogEntry { Device = DeviceEui, Kind = 132, InstallCode = Convert.FromHexString(InstallCodeHex) });
                Board.Hub.Han.TrustCentre.OpenJoining(60);
                var (_, deviceRadio) = Bench.AddRadio("ppmid");
                Device = new EndDeviceMac(deviceRadio, Bench.Clock, DeviceEui, sleepy: false);
                Bench.OnMainLoop(Device.Process);
                Device.Start(hubChip.ListeningChannel);
                Device.RequestAssociation(Board.Hub.Mac.PanId);
                Assert.IsTrue(Bench.RunUntil(() => Device.ReceivedData.Count == 1, TimeSpan.FromSeconds(2)), "no Transport-Key");
                NwkKey = Board.Hub.Han.Nwk.Network.NetworkKey.ToArray();
                Board.Hub.Han.TrustCentre.CloseJoining();
            }

            public RadioBench Bench { get; }

            public VirtualBoard.VirtualBoard Board { get; }

            public EndDeviceMac Device { get; }

            public byte[] NwkKey { get; }

            /// <summary>Sends a ZDO request (sequence number first) to the hub; its decoded answer, or null when none came.</summary>
            public ZdoFrame Ask(ushort cluster, string zdoHex, bool expectAnswer = true)
            {
                uint counter = _counter++;
                byte[] aps = new byte[] { 0x00, 0x00, (byte)cluster, (byte)(cluster >> 8), 0x00, 0x00, 0x00, (byte)counter, (byte)counter }
                    .Concat(Convert.FromHexString(zdoHex)).ToArray();
                int before = Device.ReceivedData.Count;
                Device.SendData(TrustCentreJoinTests.SecuredFrom(NwkKey, Device.ShortAddress, DeviceEui, counter, aps));
                bool answered = Bench.RunUntil(() => Device.ReceivedData.Count > before, TimeSpan.FromMilliseconds(300));
                if (!expectAnswer)
                {
                    Assert.IsFalse(answered, "an answer came to a request that must get none");
                    return null;
                }

                Assert.IsTrue(answered, "no answer to ZDO 0x" + cluster.ToString("X4") + ": NWK " + Board.Hub.Han.Nwk.LastDrop
                    + ", APS " + Board.Hub.Han.Aps.LastDrop + ", ZDO " + Board.Hub.Han.Zdo.LastProblem);
                byte[] frame = (byte[])Device.ReceivedData[^1].Clone();
                var n = new NwkHeader();
                Assert.IsNull(NwkFrameCodec.Decode(frame, 0, frame.Length, n, SecurityLevel.Zigbee));
                var security = new FrameSecurity(new DotNetAes());
                security.SetKey(NwkKey, 0);
                Assert.IsNull(security.Unsecure(frame, 0, n.HeaderLength, n.PayloadLength, n.Auxiliary, n.Auxiliary.Source));
                var a = new ApsHeader();
                Assert.IsNull(ApsFrameCodec.Decode(frame, n.PayloadOffset, n.PayloadLength, a, SecurityLevel.Zigbee));
                Assert.AreEqual(cluster | ZdoCluster.Response, (int)a.Cluster);
                Assert.AreEqual(0, (int)a.Profile);
                var f = new ZdoFrame();
                Assert.IsNull(ZdoCodec.Decode(a.Cluster, frame, a.PayloadOffset, a.PayloadLength, f));
                Assert.AreEqual((byte)counter, f.Sequence, "the answer echoes the request's sequence number");
                return f;
            }

            /// <summary>The NWK frames the hub put on the air (MAC data frames from 0x0000).</summary>
            public List<byte[]> HubFrames() => Bench.Medium.History
                .Where(f => (f.Psdu[0] & 7) == MacFrameType.Data && f.Psdu.Length > 11 && f.Psdu[7] == 0x00 && f.Psdu[8] == 0x00)
                .Select(f => f.Psdu.AsSpan(9, f.Psdu.Length - 11).ToArray())
                .Distinct(new BytesComparer()).ToList();

            private sealed class BytesComparer : IEqualityComparer<byte[]>
            {
                public bool Equals(byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y);

                public int GetHashCode(byte[] obj) => obj.Length ^ obj[^1];
            }
        }
    }
}
