using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.Mac;
using CommsHub.VirtualBoard.Zigbee;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Zigbee
{
    /// <summary>
    /// Emulated Zigbee end devices against the hub's real stack on the virtual board: each scans, associates, takes the
    /// network key from the Transport-Key under its install-code key, announces itself, and exchanges NWK-secured data
    /// with the hub's OTA server; a sleepy one hears the hub only through its polls. tshark decodes the whole capture
    /// with the keys.
    /// </summary>
    [TestClass]
    public class EmulatedNodeTests
    {
        private const ulong Ppmid = 0x00DB123456789A11;
        private const ulong Gsme = 0x00DB123456789A12;
        private const ulong Stranger = 0x00DB123456789AFF;

        /// <summary>OTA Query Next Image Request: field control 0, manufacturer 0x1234, image type 1, version 0x01000000.</summary>
        private static readonly byte[] Query = Convert.FromHexString("01" + "07" + "01" + "00" + "3412" + "0100" + "00000001");

        [TestMethod]
        public void AnRxOnEndDeviceJoinsAnnouncesItselfAndIsAnsweredUnderNwkSecurity()
        {
            using var rig = new HanRig(21, capture: true);
            rig.List(Ppmid, 132);
            rig.Board.Hub.Han.TrustCentre.OpenJoining(60);
            var node = rig.AddNode("ppmid", NodeRole.RxOnEndDevice, Ppmid);

            Assert.IsTrue(rig.Join(node), "state " + node.State + ", NWK " + node.Nwk.LastDrop + ", APS " + node.Aps.LastDrop);
            Assert.AreEqual(Convert.ToHexString(rig.NetworkKey), Convert.ToHexString(node.Nwk.NetworkKey));
            Assert.IsTrue(rig.Bench.RunUntil(() => rig.Board.Hub.Han.Zdo.Announcements == 1, TimeSpan.FromSeconds(1)), "the hub did not take the Device_annce: " + rig.Board.Hub.Han.Nwk.LastDrop);

            var heard = new List<byte[]>();
            node.ZclReceived += (n, ep, cluster, profile, zcl) => heard.Add(zcl);
            node.SendZcl(1, 0x0019, 0x0109, 1, Query);
            Assert.IsTrue(rig.Bench.RunUntil(() => heard.Count == 1, TimeSpan.FromSeconds(2)),
                "no answer: hub NWK " + rig.Board.Hub.Han.Nwk.LastDrop + ", APS " + rig.Board.Hub.Han.Aps.LastDrop + ", node NWK " + node.Nwk.LastDrop);
            Assert.AreEqual(0x02, (int)heard[0][2], "not a Query Next Image Response");
            Assert.AreEqual(0x07, (int)heard[0][1], "the response echoes the ZCL sequence number");
            Assert.IsTrue(node.Nwk.IncomingCounterOf(rig.HubEui, out _), "the node holds no incoming counter for the hub");
            Assert.AreEqual(0, node.Nwk.Dropped, node.Nwk.LastDrop);

            var fields = CaptureOracle.Tshark(rig.ClosePcap(), CaptureOracle.Keys(rig.NetworkKey, HanRig.LinkKeyHex), "zbee_aps.cmd.key", "zbee_aps.zdp_cluster", "zbee_zcl_general.ota.cmd.srv_tx.id");
            Assert.IsTrue(fields.Any(f => f[0].Replace(":", "").Equals(Convert.ToHexString(rig.NetworkKey), StringComparison.OrdinalIgnoreCase)), "tshark did not decrypt the Transport-Key");
            Assert.IsTrue(fields.Any(f => f[1] == "0x0013"), "tshark saw no Device_annce");
            Assert.IsTrue(fields.Any(f => f[2] == "0x02"), "tshark saw no Query Next Image Response");
        }

        [TestMethod]
        public void ASleepyEndDeviceJoinsThroughItsPollsAndHearsTheHubOnlyWhenItPolls()
        {
            using var rig = new HanRig(22);
            rig.List(Gsme, 1);
            rig.Board.Hub.Han.TrustCentre.OpenJoining(60);
            var node = rig.AddNode("gsme", NodeRole.SleepyEndDevice, Gsme, pollMilliseconds: 300);

            Assert.IsTrue(rig.Join(node), "state " + node.State + ", NWK " + node.Nwk.LastDrop + ", APS " + node.Aps.LastDrop);
            int pollsAtJoin = node.Mac.Polls;
            Assert.IsTrue(pollsAtJoin >= 2, "the Transport-Key must have come through a poll; polls " + pollsAtJoin);
            var heard = new List<byte[]>();
            node.ZclReceived += (n, ep, cluster, profile, zcl) => heard.Add(zcl);
            node.SendZcl(1, 0x0019, 0x0109, 1, Query);
            rig.Bench.Run(TimeSpan.FromMilliseconds(100));
            Assert.AreEqual(0, heard.Count, "a sleepy device heard the hub between polls");
            Assert.IsTrue(rig.Bench.RunUntil(() => heard.Count == 1, TimeSpan.FromSeconds(2)), "no answer through the polls");
            Assert.IsTrue(node.Mac.Polls > pollsAtJoin);
            rig.Bench.Run(TimeSpan.FromMilliseconds(100));
            Assert.IsTrue(rig.Bench.Medium.History.Count(f => f.Sender.Name == "gsme") > 0);
        }

        [TestMethod]
        public void ApsSecuredDataUnderTheInstallCodeLinkKeyGoesBothWaysAndTsharkDecryptsIt()
        {
            using var rig = new HanRig(24, capture: true);
            rig.List(Ppmid, 132);
            rig.Board.Hub.Han.TrustCentre.OpenJoining(60);
            var node = rig.AddNode("ppmid", NodeRole.RxOnEndDevice, Ppmid);
            Assert.IsTrue(rig.Join(node));
            var heard = new List<byte[]>();
            node.ZclReceived += (n, ep, cluster, profile, zcl) => heard.Add(zcl);

            // Hub to node: an Image Notify under the node's link key, through the hub's APS layer.
            byte[] notify = Convert.FromHexString("1901000064");
            byte[] buffer = new byte[CommsHub.Aps.ApsLayer.HeaderRoom + notify.Length + CommsHub.Aps.ApsLayer.MicRoom];
            notify.CopyTo(buffer, CommsHub.Aps.ApsLayer.HeaderRoom);
            Assert.IsTrue(rig.Board.Hub.Han.Aps.SendData(node.ShortAddress, 1, 0x0019, 0x0109, 1, buffer, CommsHub.Aps.ApsLayer.HeaderRoom, notify.Length, false, true) > 0);
            Assert.IsTrue(rig.Bench.RunUntil(() => heard.Count == 1, TimeSpan.FromSeconds(1)), "node: " + node.Aps.LastDrop + " / " + node.Nwk.LastDrop);
            Assert.AreEqual("1901000064", Convert.ToHexString(heard[0]));
            Assert.AreEqual(1, node.Aps.SecuredDataReceived);
            Assert.AreEqual(rig.HubEui, node.Aps.TrustCentre);

            // Node to hub: a Query Next Image under the link key, answered by the OTA server.
            node.SendZcl(1, 0x0019, 0x0109, 1, Query, apsSecurity: true);
            Assert.IsTrue(rig.Bench.RunUntil(() => heard.Count == 2, TimeSpan.FromSeconds(1)), "hub APS: " + rig.Board.Hub.Han.Aps.LastDrop);
            Assert.AreEqual(0x02, (int)heard[1][2]);

            var fields = CaptureOracle.Tshark(rig.ClosePcap(), CaptureOracle.Keys(rig.NetworkKey, HanRig.LinkKeyHex), "zbee_aps.security", "zbee_zcl_general.ota.cmd.srv_tx.id", "zbee_zcl_general.ota.cmd.srv_rx.id");
            Assert.IsTrue(fields.Any(f => f[1] == "0x00" && (f[0] == "1" || f[0] == "True")), "tshark did not decrypt the APS-secured Image Notify");
            Assert.IsTrue(fields.Any(f => f[2] == "0x01" && (f[0] == "1" || f[0] == "True")), "tshark did not decrypt the APS-secured query");
        }

        [TestMethod]
        public void ADeviceNotInTheDeviceLogIsRefusedAtAssociationAndNeverGetsTheKey()
        {
            using var rig = new HanRig(23);
            rig.List(Ppmid, 132);
            rig.Board.Hub.Han.TrustCentre.OpenJoining(60);
            var node = rig.AddNode("stranger", NodeRole.RxOnEndDevice, Stranger);

            Assert.IsFalse(rig.Join(node));
            Assert.AreEqual(NodeState.Refused, node.State);
            Assert.AreEqual((int)AssociationStatus.PanAccessDenied, (int)node.Mac.AssociationStatus);
            Assert.IsNull(node.Nwk.NetworkKey);
            Assert.AreEqual(1, rig.Board.Hub.Han.TrustCentre.RefusedNotInLog);
            Assert.AreEqual(0, rig.Board.Hub.Han.TrustCentre.TransportKeysSent);
        }
    }
}
