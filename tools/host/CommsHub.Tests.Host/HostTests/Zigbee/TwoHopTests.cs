using System;
using System.IO;
using System.Linq;
using CommsHub.Ota.Server;
using CommsHub.Tests.HostTests.Ota;
using CommsHub.VirtualBoard.Bench;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Zigbee;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Zigbee
{
    /// <summary>
    /// Two hops on the real hub (the virtual board, its MRF24J40 driver on the emulated chip): an ESME-like router from
    /// the Device Log joins the hub; a PPMID from the Device Log that cannot hear the hub joins through the router (the
    /// router reports it with Update-Device, the trust centre tunnels its Transport-Key through the router); the PPMID's
    /// OTA Query Next Image reaches the hub through the router with a Route Record, and the hub answers it, and serves a
    /// small whole image, over a source route through the router. tshark decodes the whole capture with the keys.
    /// </summary>
    [TestClass]
    public class TwoHopTests
    {
        private const ulong Esme = 0x00DB1234567890E1;
        // Not ...90A2: that is the virtual board's own EUI-64.
        private const ulong Ppmid = 0x00DB1234567890B2;
        private const uint NewVersion = 0x01000009;
        private const int ImageBytes = 400;

        [TestMethod]
        public void APpmidTwoHopsFromTheHubJoinsThroughARouterAndIsServedOtaOverASourceRoute()
        {
            using var rig = new HanRig(57, capture: true);
            var hub = rig.Board.Hub;
            rig.List(Esme, (int)OtaDeviceKind.Esme);
            rig.List(Ppmid, (int)OtaDeviceKind.Ppmid);
            var headEnd = rig.HeadEnd();
            headEnd.GetIdentity();
            headEnd.SetTime(rig.Bench.Clock.UtcNow);
            byte[] image = new OtaFileBuilder { FileVersion = NewVersion, ManufacturerCode = 0x1234, ImageType = 0x0001 }.UpgradeImage(ImageBytes - 62).Build();
            Assert.AreEqual("stored", headEnd.SendImage(image, (int)OtaDeviceKind.Ppmid, NewVersion, new[] { Ppmid }, null).StatusName);
            hub.Han.TrustCentre.OpenJoining(60);

            // The router joins the hub directly.
            var router = rig.AddNode("esme", NodeRole.Router, Esme);
            Assert.IsTrue(rig.Join(router), "router: " + router.State + ", NWK " + router.Nwk.LastDrop + ", APS " + router.Aps.LastDrop);
            Assert.AreEqual(Convert.ToHexString(rig.NetworkKey), Convert.ToHexString(router.Nwk.NetworkKey));

            // The PPMID hears only the router.
            var (ppmidChip, ppmidRadio) = rig.Bench.AddRadio("ppmid");
            rig.Bench.Medium.SetLoss(ppmidChip, rig.HubChip, 1.0);
            rig.Bench.Medium.SetLoss(rig.HubChip, ppmidChip, 1.0);
            var ppmid = new ZigbeeNode("ppmid", NodeRole.RxOnEndDevice, ppmidRadio, rig.Bench.Clock, new DotNetAes(), Ppmid, Convert.FromHexString(HanRig.InstallCodeHex));
            rig.Bench.OnMainLoop(ppmid.Process);
            router.Mac.PermitJoining = true;
            Assert.IsTrue(rig.Join(ppmid, router.ShortAddress),
                "ppmid: " + ppmid.State + ", NWK " + ppmid.Nwk.LastDrop + ", APS " + ppmid.Aps.LastDrop + ", relay " + router.Relay.LastDrop
                + ", hub NWK " + hub.Han.Nwk.LastDrop + ", TC " + hub.Han.TrustCentre.LastProblem);
            Assert.AreEqual(router.ShortAddress, ppmid.Mac.ParentShortAddress);
            Assert.AreEqual(1, router.Relay.TunnelsRelayed, "the trust centre's Transport-Key did not come tunnelled through the router");
            Assert.AreEqual(2, hub.Han.TrustCentre.TransportKeysSent);
            Assert.AreEqual(Convert.ToHexString(rig.NetworkKey), Convert.ToHexString(ppmid.Nwk.NetworkKey));

            // OTA: the query goes up through the router, the answers come down the hub's source route.
            // The hub's first many-to-one route request (a few seconds after start) tells the router to send route records.
            Assert.IsTrue(rig.Bench.RunUntil(() => router.Relay.Concentrator.HasValue, TimeSpan.FromSeconds(10)), "no many-to-one route request from the hub");
            Assert.IsTrue(router.Relay.RouteRecordRequired, "the hub's many-to-one route request asks for no route records");
            var spec = HanRig.PpmidSpec(Ppmid);
            var client = new OtaClientDevice(spec, new NodeOtaTransport(ppmid, rig.HubEui), rig.Bench.Clock);
            rig.Bench.RunUntil(() => client.CurrentVersion == NewVersion || client.State.StartsWith("aborted"), TimeSpan.FromSeconds(120));
            string state = client.State + ", offset " + client.Offset + ", OTA " + hub.OtaServer.LastRejection + ", hub NWK " + hub.Han.Nwk.LastDrop
                + ", relay " + router.Relay.LastDrop + ", ppmid NWK " + ppmid.Nwk.LastDrop;
            Assert.AreEqual(NewVersion.ToString("X8"), client.CurrentVersion.ToString("X8"), state);
            Assert.IsTrue(client.LastImage != null && client.LastImage.AsSpan().SequenceEqual(image), "the downloaded image differs: " + state);

            int route = hub.Han.Nwk.SourceRoutes.IndexOf(ppmid.ShortAddress);
            Assert.IsTrue(route >= 0, "the hub holds no source route to the PPMID");
            Assert.AreEqual(1, hub.Han.Nwk.SourceRoutes.RelayCountAt(route));
            Assert.AreEqual((int)router.ShortAddress, (int)hub.Han.Nwk.SourceRoutes.RelayAt(route, 0));
            Assert.IsTrue(router.Relay.RouteRecordsSent >= 1, "the router sent no Route Record for its child");
            Assert.IsTrue(router.Relay.Relayed >= 2 * (ImageBytes / 64), "the router relayed only " + router.Relay.Relayed + " frames");
            Assert.AreEqual(0, router.Relay.Dropped, router.Relay.LastDrop);
            Assert.AreEqual(0, ppmid.Nwk.Dropped, ppmid.Nwk.LastDrop);

            string pcap = rig.ClosePcap();
            var fields = CaptureOracle.Tshark(pcap, CaptureOracle.Keys(rig.NetworkKey, HanRig.LinkKeyHex),
                "zbee_nwk.cmd.id", "zbee_nwk.relay.index", "zbee_aps.cmd.id", "zbee_aps.cmd.key", "zbee_zcl_general.ota.cmd.srv_tx.id", "zbee_nwk.dst");
            string dst = "0x" + ppmid.ShortAddress.ToString("x4");
            Assert.IsTrue(fields.Any(f => f[0].Split(',').Contains("0x05")), "tshark saw no Route Record");
            Assert.IsTrue(fields.Any(f => f[2].Split(',').Contains("0x06")), "tshark saw no Update-Device");
            Assert.IsTrue(fields.Any(f => f[2].Split(',').Contains("0x0e")), "tshark saw no Tunnel");
            Assert.IsTrue(fields.Count(f => f[3].Replace(":", "").Equals(Convert.ToHexString(rig.NetworkKey), StringComparison.OrdinalIgnoreCase)) >= 3,
                "tshark did not decrypt every Transport-Key (the router's, the tunnelled one, the relayed one)");
            // The Query Next Image Response, source-routed to the PPMID (its first hop to the router carries the relay list).
            Assert.IsTrue(fields.Any(f => f[4] == "0x02" && f[1].Length > 0 && f[5].Split(',').Contains(dst)), "tshark saw no source-routed Query Next Image Response to " + dst);
            // Full Image Block Responses fit only without the subframe, and go to the relay without it (RoutingPolicy).
            Assert.IsTrue(fields.Count(f => f[4] == "0x05" && f[5].Split(',').Contains(dst)) >= ImageBytes / 64, "too few Image Block Responses to " + dst);
        }
    }
}
