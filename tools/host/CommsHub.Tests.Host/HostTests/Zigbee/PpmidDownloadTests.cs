using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CommsHub.Mac;
using CommsHub.Nwk;
using CommsHub.Ota.Server;
using CommsHub.Security;
using CommsHub.Tests.HostTests.Ota;
using CommsHub.Tests.HostTests.Security;
using CommsHub.VirtualBoard.Bench;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Zigbee;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Zigbee
{
    /// <summary>
    /// The "done when", on the virtual board: a PPMID listed in the Device Log by the head-end joins the hub's
    /// real stack over its MRF24J40 driver on the emulated chip, takes the network key, downloads a whole OTA image
    /// under NWK security with the bench's OTA client on an emulated Zigbee node, and the hub's success alert for it
    /// reaches the head-end; a device that is not listed cannot join. The whole medium capture is decoded by tshark with
    /// the keys, and zigbee-on-host decodes and decrypts every NWK and APS frame in it.
    /// </summary>
    [TestClass]
    public class PpmidDownloadTests
    {
        private const ulong Ppmid = 0x00DB1234567890A4;
        private const ulong Stranger = 0x00DB1234567890EE;
        private const uint NewVersion = 0x01000007;
        private const int ImageBytes = 3000;

        private static readonly Lazy<Outcome> Run = new(Play);

        [TestMethod]
        public void AListedPpmidJoinsDownloadsAnImageUnderNwkSecurityAndTheHubsAlertReachesTheHeadEnd()
        {
            var o = Run.Value;
            Assert.AreEqual("ok", o.DeviceLogReply);
            Assert.AreEqual("stored", o.ImageReply);
            Assert.IsTrue(o.Joined, "the PPMID did not join: " + o.JoinProblem);
            Assert.AreEqual(o.NetworkKeyHex, o.NodeKeyHex, "the PPMID holds another key than the hub's");
            Assert.AreEqual(NewVersion.ToString("X8"), o.ClientVersion.ToString("X8"), "client state: " + o.ClientState);
            Assert.AreEqual(ImageBytes, o.BytesReceived);
            Assert.IsTrue(o.ImageMatches, "the downloaded image differs from the one sent");
            Assert.AreEqual(1, o.Alerts.Count, "alerts: " + string.Join(" | ", o.Alerts));
            Assert.IsTrue(o.Alerts[0].StartsWith("FirmwareTransferAlert target 00-DB-12-34-56-78-90-A4 version 01000007 result fileTransferSuccess (0x8F8A)"), o.Alerts[0]);
            Assert.IsTrue(o.AlertSignatureValid);
            Assert.AreEqual(0, o.NodeNwkDrops, "the PPMID dropped frames from the hub: " + o.NodeLastDrop);
        }

        [TestMethod]
        public void ADeviceThatIsNotListedCannotJoin()
        {
            var o = Run.Value;
            Assert.AreEqual((int)AssociationStatus.PanAccessDenied, o.StrangerStatus);
            Assert.IsFalse(o.StrangerHasKey);
            Assert.AreEqual(1, o.RefusedNotInLog);
            Assert.AreEqual(1, o.TransportKeysSent, "only the listed PPMID gets a Transport-Key");
        }

        [TestMethod]
        public void TsharkDecryptsTheWholeCaptureWithTheKeys()
        {
            var o = Run.Value;
            string pcap = Path.Combine(Path.GetTempPath(), "commshub-ppmid-" + Guid.NewGuid() + ".pcap");
            File.WriteAllBytes(pcap, o.Pcap);
            try
            {
                var frames = CaptureOracle.Tshark(pcap, o.Keys, "zbee_nwk.security", "zbee_nwk.src", "zbee.sec.key_id", "zbee_aps.cmd.key", "zbee_zcl_general.ota.cmd.srv_tx.id", "zbee_zcl_general.ota.cmd.srv_rx.id", "zbee_aps.type");
                Assert.AreEqual(o.FramesOnAir, frames.Count, "tshark read another number of frames");
                Assert.IsTrue(frames.Any(f => f[3].Replace(":", "").Equals(o.NetworkKeyHex, StringComparison.OrdinalIgnoreCase)), "the Transport-Key did not decrypt to the network key");
                int blockResponses = frames.Count(f => f[4] == "0x05");
                Assert.IsTrue(blockResponses >= ImageBytes / 64, "tshark saw " + blockResponses + " Image Block Responses");
                Assert.IsTrue(frames.Any(f => f[5] == "0x06"), "tshark saw no Upgrade End Request");
                Assert.IsTrue(frames.Any(f => f[4] == "0x07"), "tshark saw no Upgrade End Response");

                // Every NWK frame but the Transport-Key is NWK-secured with the network key (key id 1).
                var nwkFrames = frames.Where(f => f[1].Length > 0).ToList();
                Assert.IsTrue(nwkFrames.Count > ImageBytes / 64);
                var unsecured = nwkFrames.Where(f => f[0] == "0" || f[0] == "False").ToList();
                Assert.AreEqual(1, unsecured.Count, "NWK frames without NWK security: " + unsecured.Count);
                Assert.AreEqual("0x02", unsecured[0][2], "the unsecured NWK frame is not the Transport-Key under the key-transport key");
                Assert.IsTrue(nwkFrames.Except(unsecured).All(f => f[2].Split(',')[0] == "0x01"), "a secured NWK frame not under the network key");
            }
            finally
            {
                File.Delete(pcap);
            }
        }

        [TestMethod]
        public void ZigbeeOnHostDecodesAndDecryptsEveryNwkAndApsFrameOfTheCaptureAndDerivesTheSameLinkKey()
        {
            var o = Run.Value;
            var requests = new List<object> { new { op = "installCode", hex = HanRig.InstallCodeHex } };
            foreach (byte[] nwk in o.NwkFrames)
            {
                requests.Add(new { op = "nwk", hex = Convert.ToHexString(nwk), key = o.NetworkKeyHex });
            }

            List<JsonElement> results = ZigbeeOracle.ZigbeeOnHost(requests);
            Assert.AreEqual(HanRig.LinkKeyHex, results[0].GetProperty("key").GetString().ToUpperInvariant(), "zigbee-on-host derived another link key");

            var apsRequests = new List<object>();
            var expected = new List<(string Kind, string Payload)>();
            var header = new NwkHeader();
            var aps = new CommsHub.Aps.ApsHeader();
            var security = new FrameSecurity(new DotNetAes());
            for (int i = 0; i < o.NwkFrames.Count; i++)
            {
                byte[] frame = o.NwkFrames[i];
                JsonElement r = results[i + 1];
                string where = "zigbee-on-host, NWK frame " + Convert.ToHexString(frame);
                Assert.IsTrue(r.GetProperty("ok").GetBoolean(), where + ": " + (r.TryGetProperty("error", out var e) ? e.GetString() : string.Empty));
                Assert.IsNull(NwkFrameCodec.Decode(frame, 0, frame.Length, header, SecurityLevel.Zigbee));
                JsonElement h = r.GetProperty("header");
                Assert.AreEqual((int)header.Destination, h.GetProperty("destination16").GetInt32(), where);
                Assert.AreEqual((int)header.Source, h.GetProperty("source16").GetInt32(), where);
                Assert.AreEqual((int)header.Sequence, h.GetProperty("seqNum").GetInt32(), where);
                byte[] copy = (byte[])frame.Clone();
                if (header.Security)
                {
                    security.SetKey(Convert.FromHexString(o.NetworkKeyHex), 0);
                    Assert.IsNull(security.Unsecure(copy, 0, header.HeaderLength, header.PayloadLength, header.Auxiliary, header.Auxiliary.Source), where);
                }

                string ours = Convert.ToHexString(copy, header.PayloadOffset, header.PayloadLength);
                Assert.AreEqual(ours, r.GetProperty("payload").GetString().ToUpperInvariant(), where + ": decrypted payload");
                if (header.FrameType != NwkFrameType.Data)
                {
                    continue;
                }

                byte[] apsFrame = Convert.FromHexString(ours);
                Assert.IsNull(CommsHub.Aps.ApsFrameCodec.Decode(apsFrame, 0, apsFrame.Length, aps, SecurityLevel.Zigbee), where);
                if (aps.Security)
                {
                    // The Transport-Key: zigbee-on-host hashes the install-code link key into the key-transport key itself.
                    apsRequests.Add(new { op = "aps", hex = ours, key = HanRig.LinkKeyHex });
                    expected.Add(("transport-key", null));
                }
                else
                {
                    apsRequests.Add(new { op = "aps", hex = ours });
                    expected.Add(("plain", Convert.ToHexString(apsFrame, aps.PayloadOffset, aps.PayloadLength)));
                }
            }

            Assert.IsTrue(apsRequests.Count > ImageBytes / 64, "too few APS frames in the capture: " + apsRequests.Count);
            List<JsonElement> apsResults = ZigbeeOracle.ZigbeeOnHost(apsRequests);
            int transportKeys = 0;
            for (int i = 0; i < apsResults.Count; i++)
            {
                JsonElement r = apsResults[i];
                Assert.IsTrue(r.GetProperty("ok").GetBoolean(), "zigbee-on-host, APS frame " + i + ": " + r);
                string payload = r.GetProperty("payload").GetString().ToUpperInvariant();
                if (expected[i].Kind == "transport-key")
                {
                    transportKeys++;
                    Assert.IsTrue(payload.StartsWith("0501" + o.NetworkKeyHex), "zigbee-on-host decrypted the Transport-Key to " + payload);
                }
                else
                {
                    Assert.AreEqual(expected[i].Payload, payload, "zigbee-on-host, APS frame " + i);
                }
            }

            Assert.AreEqual(1, transportKeys);
        }

        private static Outcome Play()
        {
            var o = new Outcome();
            using var rig = new HanRig(41, capture: true);
            var headEnd = rig.HeadEnd();
            headEnd.GetIdentity();
            headEnd.SetTime(rig.Bench.Clock.UtcNow);
            // The Device Log add from the head-end: GB sends the install code without its CRC and the hub computes it.
            o.DeviceLogReply = headEnd.AddDevice(Ppmid, (int)OtaDeviceKind.Ppmid, Convert.FromHexString(HanRig.InstallCodeHex));
            if (o.DeviceLogReply != "ok")
            {
                // Today's WAN message still carries the CRC, and the trust centre reads codes without it: the entry
                // goes in over the WAN, then the same code without its CRC is put in the hub's log directly.
                o.DeviceLogReply = headEnd.AddDevice(Ppmid, (int)OtaDeviceKind.Ppmid, Convert.FromHexString(HanRig.InstallCodeHex + "C3B5"));
                rig.List(Ppmid, (int)OtaDeviceKind.Ppmid);
            }

            byte[] image = new OtaFileBuilder { FileVersion = NewVersion, ManufacturerCode = 0x1234, ImageType = 0x0001 }.UpgradeImage(ImageBytes - 62).Build();
            Assert.AreEqual(ImageBytes, image.Length);
            o.ImageReply = headEnd.SendImage(image, (int)OtaDeviceKind.Ppmid, NewVersion, new[] { Ppmid }, null).StatusName;
            rig.Board.Hub.Han.TrustCentre.OpenJoining(60);

            var node = rig.AddNode("ppmid", NodeRole.RxOnEndDevice, Ppmid);
            o.Joined = rig.Join(node);
            o.JoinProblem = node.State + ", NWK " + node.Nwk.LastDrop + ", APS " + node.Aps.LastDrop;
            o.NetworkKeyHex = Convert.ToHexString(rig.NetworkKey);
            o.NodeKeyHex = node.Nwk.NetworkKey == null ? "none" : Convert.ToHexString(node.Nwk.NetworkKey);

            var stranger = rig.AddNode("stranger", NodeRole.RxOnEndDevice, Stranger);
            rig.Join(stranger);
            o.StrangerStatus = stranger.Mac.AssociationStatus;
            o.StrangerHasKey = stranger.Nwk.NetworkKey != null;

            var spec = HanRig.PpmidSpec(Ppmid);
            byte[] received = null;
            var client = new OtaClientDevice(spec, new NodeOtaTransport(node, rig.HubEui), rig.Bench.Clock);
            rig.Bench.RunUntil(() => client.CurrentVersion == NewVersion || client.State.StartsWith("aborted") || client.State.StartsWith("no image"), TimeSpan.FromSeconds(120));
            o.ClientVersion = client.CurrentVersion;
            o.ClientState = client.State + ", offset " + client.Offset + ", OTA " + rig.Board.Hub.OtaServer.LastRejection;
            o.BytesReceived = client.BytesReceived;
            received = client.LastImage;
            o.ImageMatches = received != null && received.AsSpan().SequenceEqual(image);
            o.NodeNwkDrops = node.Nwk.Dropped;
            o.NodeLastDrop = node.Nwk.LastDrop;

            var alerts = headEnd.CollectAlerts(TimeSpan.FromSeconds(10));
            o.Alerts = alerts.Select(a => a.Alert.Summary).ToList();
            o.AlertSignatureValid = alerts.Count > 0 && alerts.All(a => a.Alert.SignatureValid == true);
            o.RefusedNotInLog = rig.Board.Hub.Han.TrustCentre.RefusedNotInLog;
            o.TransportKeysSent = rig.Board.Hub.Han.TrustCentre.TransportKeysSent;

            o.FramesOnAir = rig.Bench.Medium.History.Count;
            o.NwkFrames = rig.Bench.Medium.History
                .Where(f => (f.Psdu[0] & 7) == MacFrameType.Data && f.Psdu.Length > 11)
                .Select(f => f.Psdu.AsSpan(9, f.Psdu.Length - 11).ToArray())
                .ToList();
            o.Keys = CaptureOracle.Keys(rig.NetworkKey, HanRig.LinkKeyHex);
            o.Pcap = File.ReadAllBytes(rig.ClosePcap());
            return o;
        }

        private sealed class Outcome
        {
            public string DeviceLogReply;
            public string ImageReply;
            public bool Joined;
            public string JoinProblem;
            public string NetworkKeyHex;
            public string NodeKeyHex;
            public int StrangerStatus;
            public bool StrangerHasKey;
            public uint ClientVersion;
            public string ClientState;
            public long BytesReceived;
            public bool ImageMatches;
            public int NodeNwkDrops;
            public string NodeLastDrop;
            public List<string> Alerts;
            public bool AlertSignatureValid;
            public int RefusedNotInLog;
            public int TransportKeysSent;
            public int FramesOnAir;
            public List<byte[]> NwkFrames;
            public string[] Keys;
            public byte[] Pcap;
        }
    }
}
