using System;
using System.Linq;
using CommsHub.Aps;
using CommsHub.Mac;
using CommsHub.Nwk;
using CommsHub.Security;
using CommsHub.Tests.HostTests.Security;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Radio;
using CommsHub.Wan;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Nwk
{
    /// <summary>
    /// The whole hub firmware on the virtual board, its real MRF24J40 driver on the emulated chip: a device listed in
    /// the Device Log joins, takes the network key from the Transport-Key, and its OTA Query Next Image Request is
    /// answered by the hub's OtaServer through APS, NWK security, the MAC and the radio. tshark decrypts it all.
    /// </summary>
    [TestClass]
    public class HubOverTheRadioTests
    {
        private const ulong DeviceEui = 0x00DB123456789A01;
        private const string InstallCodeHex = "83FED3407A939723A5C639B26916D505";
        private const string LinkKeyHex = "66B6900981E1EE3CA4206B6B861C02BB";

        [TestMethod]
        public void AListedDeviceJoinsTheHubAndItsQueryNextImageIsAnsweredUnderNwkSecurity()
        {
            var bench = new RadioBench(9);
            var (hubChip, hubRadio) = bench.AddRadio("hub");
            using var board = new VirtualBoard.VirtualBoard(null, new DateTime(2026, 11, 21, 9, 0, 0, DateTimeKind.Utc), radio: hubRadio);
            board.Boot();
            bench.OnMainLoop(board.Hub.Poll);
            Assert.IsNotNull(board.Hub.Han, "the HAN stack did not start");
            Assert.IsNotNull(board.Hub.OtaServer, "no OtaServer on the radio path");
            board.Hub.Wan.DeviceLog.AddOrReplace(new DeviceLogEntry { Device = DeviceEui, Kind = 132, InstallCode = Convert.FromHexString(InstallCodeHex) });
            board.Hub.Han.TrustCentre.OpenJoining(60);
            var reports = new System.Collections.Generic.List<string>();
            board.Hub.Reported += reports.Add;

            var (_, deviceRadio) = bench.AddRadio("ppmid");
            var device = new EndDeviceMac(deviceRadio, bench.Clock, DeviceEui, sleepy: false);
            bench.OnMainLoop(device.Process);
            device.Start(hubChip.ListeningChannel);
            device.RequestAssociation(board.Hub.Mac.PanId);
            Assert.IsTrue(bench.RunUntil(() => device.ReceivedData.Count == 1, TimeSpan.FromSeconds(2)), "no Transport-Key; association status " + device.AssociationStatus);

            byte[] nwkKey = TakeNetworkKey(device.ReceivedData[0]);
            Assert.AreEqual(Convert.ToHexString(board.Hub.Han.Nwk.Network.NetworkKey), Convert.ToHexString(nwkKey));

            // OTA Query Next Image Request (ZCL client to server, command 0x01) to the hub's Smart Energy endpoint.
            byte[] query = Convert.FromHexString("00" + "01" + "1900" + "0901" + "01" + "07" + "01" + "05" + "01" + "00" + "3412" + "0100" + "01000000");
            device.SendData(TrustCentreJoinTests.SecuredFrom(nwkKey, device.ShortAddress, DeviceEui, 1, query));
            Assert.IsTrue(bench.RunUntil(() => device.ReceivedData.Count == 2, TimeSpan.FromSeconds(2)),
                "no answer: NWK " + board.Hub.Han.Nwk.LastDrop + ", APS " + board.Hub.Han.Aps.LastDrop + ", OTA " + board.Hub.OtaServer.LastRejection);

            byte[] answer = device.ReceivedData[1];
            var n = new NwkHeader();
            Assert.IsNull(NwkFrameCodec.Decode(answer, 0, answer.Length, n, SecurityLevel.Zigbee));
            Assert.IsTrue(n.Security);
            var security = new FrameSecurity(new DotNetAes());
            security.SetKey(nwkKey, 0);
            Assert.IsNull(security.Unsecure(answer, 0, n.HeaderLength, n.PayloadLength, n.Auxiliary, n.Auxiliary.Source));
            var a = new ApsHeader();
            Assert.IsNull(ApsFrameCodec.Decode(answer, n.PayloadOffset, n.PayloadLength, a, SecurityLevel.Zigbee));
            Assert.AreEqual(0x0019, (int)a.Cluster);
            Assert.AreEqual(0x0109, (int)a.Profile);
            Assert.AreEqual(1, (int)a.DestinationEndpoint);
            Assert.AreEqual(0x02, (int)answer[a.PayloadOffset + 2], "ZCL command is not Query Next Image Response");
            Assert.AreEqual(0x05, (int)answer[a.PayloadOffset + 1], "the response echoes the request's ZCL sequence number");

            // Every data frame on the medium, through tshark with the network key, the link key and its key-transport key.
            var nwkFrames = bench.Medium.History.Where(f => (f.Psdu[0] & 7) == MacFrameType.Data && f.Psdu.Length > 11)
                .Select(f => f.Psdu.AsSpan(9, f.Psdu.Length - 11).ToArray()).ToList();
            byte[] transportKey = new byte[16];
            new KeyedHash(new DotNetAes()).KeyTransportKey(Convert.FromHexString(LinkKeyHex), 0, transportKey, 0);
            var dissected = ZigbeeOracle.Tshark(nwkFrames, new[] { Convert.ToHexString(nwkKey), LinkKeyHex, Convert.ToHexString(transportKey) },
                "zbee_aps.cmd.key", "zbee_zcl_general.ota.cmd.srv_tx.id");
            Assert.AreEqual(Convert.ToHexString(nwkKey), dissected[0][0].Replace(":", "").ToUpperInvariant(), "tshark: the Transport-Key did not decrypt to the network key");
            Assert.IsTrue(dissected.Any(d => d[1] == "0x02"), "tshark did not see a Query Next Image Response: " + string.Join(" | ", dissected.Select(d => string.Join(";", d))));
        }

        [TestMethod]
        public void ADeviceNotInTheLogIsRefusedAndTheHubReportsIt()
        {
            var bench = new RadioBench(10);
            var (hubChip, hubRadio) = bench.AddRadio("hub");
            using var board = new VirtualBoard.VirtualBoard(null, new DateTime(2026, 11, 21, 9, 0, 0, DateTimeKind.Utc), radio: hubRadio);
            board.Boot();
            bench.OnMainLoop(board.Hub.Poll);
            var reports = new System.Collections.Generic.List<string>();
            board.Hub.Reported += reports.Add;
            board.Hub.Han.TrustCentre.OpenJoining(60);
            var (_, deviceRadio) = bench.AddRadio("stranger");
            var device = new EndDeviceMac(deviceRadio, bench.Clock, DeviceEui, sleepy: true);
            bench.OnMainLoop(device.Process);
            device.Start(hubChip.ListeningChannel);
            device.RequestAssociation(board.Hub.Mac.PanId);
            Assert.IsTrue(bench.RunUntil(() => device.AssociationStatus != 0xFF, TimeSpan.FromSeconds(2)));
            Assert.AreEqual((int)AssociationStatus.PanAccessDenied, (int)device.AssociationStatus);
            Assert.AreEqual(1, board.Hub.Han.TrustCentre.RefusedNotInLog);
            Assert.IsTrue(reports.Any(r => r.Contains("not in the Device Log")), string.Join(" | ", reports));
        }

        [TestMethod]
        public void AfterARebootTheHubResumesTheSameNetworkAndItsFrameCounterOnlyGoesUp()
        {
            var bench = new RadioBench(12);
            var flash = new VirtualBoard.Emulators.NorFlashEmulator(0x16);
            var clock = new VirtualBoard.Emulators.VirtualClock(new DateTime(2026, 11, 21, 9, 0, 0, DateTimeKind.Utc));
            var (_, firstRadio) = bench.AddRadio("hub-first-boot");
            var first = new CommsHub.Hub.HubFirmware(new CommsHub.Hub.HubHardware("test", flash, clock, null) { Entropy = new VirtualBoard.Emulators.HostEntropy(), Radio = firstRadio });
            string firstHan = first.Boot().Single(l => l.StartsWith("HAN:"));
            Assert.IsTrue(firstHan.Contains("quietest"), firstHan);
            var network = first.Han.Nwk.Network;
            Assert.AreEqual(first.Identity.Value, network.ExtendedPanId, "GBCS: the extended PAN id is the hub's EUI-64");
            Assert.IsTrue(first.Han.Store.TryNext(out uint before));

            var (_, secondRadio) = bench.AddRadio("hub-second-boot");
            var second = new CommsHub.Hub.HubFirmware(new CommsHub.Hub.HubHardware("test", flash, clock, null) { Entropy = new VirtualBoard.Emulators.HostEntropy(), Radio = secondRadio });
            string secondHan = second.Boot().Single(l => l.StartsWith("HAN:"));
            Assert.IsTrue(secondHan.Contains("stored network resumed"), secondHan);
            var resumed = second.Han.Nwk.Network;
            Assert.AreEqual(Convert.ToHexString(network.NetworkKey), Convert.ToHexString(resumed.NetworkKey));
            Assert.AreEqual(network.Channel, resumed.Channel);
            Assert.AreEqual((int)network.PanId, (int)resumed.PanId);
            Assert.AreEqual(network.Channel, second.Mac.Channel);
            Assert.IsTrue(second.Han.Store.TryNext(out uint after));
            Assert.IsTrue(after > before, after + " after " + before);
        }

        /// <summary>The device's side of a Transport-Key: NWK unsecured, APS under the key-transport key of its install code.</summary>
        private static byte[] TakeNetworkKey(byte[] nwk)
        {
            var n = new NwkHeader();
            Assert.IsNull(NwkFrameCodec.Decode(nwk, 0, nwk.Length, n, SecurityLevel.Zigbee));
            var a = new ApsHeader();
            Assert.IsNull(ApsFrameCodec.Decode(nwk, n.PayloadOffset, n.PayloadLength, a, SecurityLevel.Zigbee));
            var aes = new DotNetAes();
            byte[] linkKey = new byte[16];
            Assert.IsNull(new InstallCode(aes).DeriveFromCode(Convert.FromHexString(InstallCodeHex), 0, 16, linkKey, 0));
            byte[] transportKey = new byte[16];
            new KeyedHash(aes).KeyTransportKey(linkKey, 0, transportKey, 0);
            var security = new FrameSecurity(aes);
            security.SetKey(transportKey, 0);
            byte[] copy = (byte[])nwk.Clone();
            Assert.IsNull(security.Unsecure(copy, n.PayloadOffset, a.HeaderLength, a.PayloadLength, a.Auxiliary, a.Auxiliary.Source));
            var command = new ApsCommand();
            Assert.IsNull(ApsCommandCodec.Decode(copy, a.PayloadOffset, a.PayloadLength, command));
            Assert.AreEqual((int)ApsCommandId.KeyTypeNetwork, (int)command.KeyType);
            return command.Key.ToArray();
        }
    }
}
