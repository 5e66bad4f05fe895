using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.Aps;
using CommsHub.Nwk;
using CommsHub.Tests.Zdo;
using CommsHub.Zdo;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Security
{
    /// <summary>Every ZDO frame we encode, inside APS (endpoint 0, profile 0) and NWK, dissected by tshark with the fields it holds.</summary>
    [TestClass]
    public class ZdoOracleTests
    {
        [TestMethod]
        public void EveryZdoFrameDissectsInTsharkWithItsFields()
        {
            var frames = new List<byte[]>();
            foreach (ushort cluster in ZdoFrameTests.Clusters)
            {
                byte[] zdo = new byte[100];
                int length = ZdoCodec.Encode(cluster, ZdoFrameTests.Sample(cluster), zdo, 0);
                frames.Add(Wrap(cluster, zdo[..length]));
            }

            List<string[]> d = ZigbeeOracle.Tshark(frames, Array.Empty<string>(),
                "zbee_aps.zdp_cluster", "zbee_zdp.seqno", "zbee_zdp.status", "zbee_zdp.nwk_addr", "zbee_zdp.ext_addr",
                "zbee_zdp.in_cluster", "zbee_zdp.out_cluster", "zbee_zdp.duration", "zbee_zdp.table_count", "zbee_zdp.tx_total");
            for (int i = 0; i < frames.Count; i++)
            {
                ushort cluster = ZdoFrameTests.Clusters[i];
                ZdoFrame f = ZdoFrameTests.Sample(cluster);
                string where = "tshark, ZDO cluster 0x" + cluster.ToString("x4");
                Assert.AreEqual("0x" + cluster.ToString("x4"), d[i][0], where + " cluster");
                Assert.AreEqual(f.Sequence.ToString(), d[i][1], where + " sequence");
                bool response = (cluster & ZdoCluster.Response) != 0;
                if (response)
                {
                    Assert.AreEqual("0", d[i][2], where + " status");
                }

                switch (cluster)
                {
                    case ZdoCluster.DeviceAnnce:
                    case ZdoCluster.NwkAddrReq | ZdoCluster.Response:
                        Assert.AreEqual("0x1234", d[i][3].Split(',')[0], where + " NWK address");
                        Assert.AreEqual("00:11:22:33:44:55:66:77", d[i][4], where + " IEEE address");
                        break;
                    case ZdoCluster.MatchDescReq:
                        Assert.AreEqual("0x0019", d[i][5], where + " input cluster");
                        break;
                    case ZdoCluster.SimpleDescReq | ZdoCluster.Response:
                        Assert.AreEqual("0x0000,0x000a,0x0800", d[i][5], where + " input clusters");
                        Assert.AreEqual("0x0019", d[i][6], where + " output cluster");
                        break;
                    case ZdoCluster.MgmtPermitJoiningReq:
                        Assert.AreEqual("180", d[i][7], where + " permit duration");
                        break;
                    case ZdoCluster.MgmtLqiReq | ZdoCluster.Response:
                    case ZdoCluster.MgmtRtgReq | ZdoCluster.Response:
                        Assert.AreEqual("2", d[i][8], where + " list count");
                        break;
                    case ZdoCluster.MgmtNwkUpdateReq | ZdoCluster.Response:
                        Assert.AreEqual("120", d[i][9], where + " total transmissions");
                        break;
                }
            }
        }

        private static byte[] Wrap(ushort cluster, byte[] zdo)
        {
            var aps = new ApsHeader
            {
                FrameType = ApsFrameType.Data,
                DestinationEndpoint = 0,
                SourceEndpoint = 0,
                Cluster = cluster,
                Profile = 0x0000,
                Counter = (byte)cluster,
            };
            var nwk = new NwkHeader();
            nwk.Reset();
            nwk.Destination = 0x1234;
            nwk.Radius = 30;
            nwk.Sequence = (byte)cluster;
            byte[] buffer = new byte[127];
            int at = NwkFrameCodec.EncodeHeader(nwk, buffer, 0);
            at += ApsFrameCodec.EncodeHeader(aps, buffer, at);
            zdo.CopyTo(buffer, at);
            return buffer[..(at + zdo.Length)];
        }
    }
}
