using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CommsHub.Mac;
using CommsHub.Mac.Coordinator;
using CommsHub.Radio;
using CommsHub.Tests.HostTests.Ota;
using CommsHub.VirtualBoard.Capture;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.VirtualBoard.Radio;
using nanoFramework.TestFramework;
using TestFrameworkShared;

namespace CommsHub.Tests.HostTests.Radio
{
    /// <summary>
    /// The MRF24J40 driver and the coordinator MAC, tested only through the register-level emulator on the
    /// simulated medium; what crossed the medium is decoded by tshark and by zigbee-on-host's MAC codec.
    /// </summary>
    [TestClass]
    public class RadioMacTests
    {
        private const long ExpertWarning = 0x00600000;

        [TestMethod]
        public void SelfTestPassesAndEveryFrameOnTheMediumDecodesWithTsharkAndZigbeeOnHost()
        {
            var test = new RadioSelfTest();
            var failures = new List<string>();
            int failed = test.Run((ok, text) => { if (!ok) failures.Add(text); });
            Assert.AreEqual(0, failed, string.Join(" | ", failures));
            var frames = test.Bench.Medium.History;
            Assert.IsTrue(frames.Count >= 10, "only " + frames.Count + " frames crossed the medium");
            Assert.IsTrue(frames.Any(f => (f.Psdu[0] & 7) == MacFrameType.Beacon));
            Assert.IsTrue(frames.Any(f => (f.Psdu[0] & 7) == MacFrameType.Acknowledgment && (f.Psdu[0] & 0x10) != 0), "no acknowledgment with frame pending");
            CheckWithOracles(frames.Select(f => f.Psdu).ToList());
        }

        [TestMethod]
        public void TheMacOraclesCatchABadFcsAndAHeaderThatDisagrees()
        {
            // A Beacon Request with a good FCS passes; the same frame with one FCS bit flipped must not.
            byte[] good = { 0x03, 0x08, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00, 0x00 };
            ushort fcs = Fcs16.Compute(good, 0, 8);
            good[8] = (byte)fcs;
            good[9] = (byte)(fcs >> 8);
            CheckWithOracles(new List<byte[]> { good });
            byte[] badFcs = (byte[])good.Clone();
            badFcs[9] ^= 0x01;
            string verdict = OracleVerdict(badFcs);
            Assert.IsTrue(verdict != null && verdict.Contains("FCS not ok"), verdict ?? "a bad FCS passed");

            // A destination addressing mode of 1 (reserved): zigbee-on-host refuses it, and so must the check.
            byte[] reserved = { 0x03, 0x04, 0x01, 0xFF, 0xFF, 0x07, 0x00, 0x00 };
            fcs = Fcs16.Compute(reserved, 0, 6);
            reserved[6] = (byte)fcs;
            reserved[7] = (byte)(fcs >> 8);
            verdict = OracleVerdict(reserved);
            Assert.IsTrue(verdict != null && verdict.Contains("zigbee-on-host"), verdict ?? "a reserved addressing mode passed");
        }

        private static string OracleVerdict(byte[] psdu)
        {
            try
            {
                CheckWithOracles(new List<byte[]> { psdu });
                return null;
            }
            catch (AssertFailedException e)
            {
                return e.Message;
            }
        }

        [TestMethod]
        public void AFrameToAnAbsentDeviceFailsWithNoAckAfterTheChipsThreeRetries()
        {
            var rig = new Rig(sleepy: false);
            rig.Join();
            rig.DeviceRadio.Sleep(); // the device has gone: its receiver is off
            int before = rig.Bench.Medium.History.Count;
            int handle = rig.Coordinator.SendData(rig.Device.ShortAddress, Nwk(1), 0, Nwk(1).Length);
            Assert.IsTrue(rig.Bench.RunUntil(() => rig.Confirms.ContainsKey(handle), TimeSpan.FromSeconds(1)));
            Assert.AreEqual(MacStatus.NoAck, rig.Confirms[handle]);
            var sent = rig.Bench.Medium.History.Skip(before).Where(f => (f.Psdu[0] & 7) == MacFrameType.Data).ToList();
            Assert.AreEqual(4, sent.Count, "one transmission and three retries");
            Assert.IsTrue(sent.All(f => f.Psdu.SequenceEqual(sent[0].Psdu)), "retries resend the same frame");
            rig.CheckAir();
        }

        [TestMethod]
        public void DisassociationTellsTheChildAndForgetsIt()
        {
            var rig = new Rig(sleepy: false);
            rig.Join();
            var left = new List<ulong>();
            rig.Coordinator.ChildLeft += (ext, shortAddress) => left.Add(ext);
            Assert.IsTrue(rig.Coordinator.Disassociate(RadioSelfTest.DeviceExtendedAddress));
            rig.Bench.Run(TimeSpan.FromMilliseconds(20));
            Assert.AreEqual(0, rig.Coordinator.Children.Count);
            Assert.AreEqual(RadioSelfTest.DeviceExtendedAddress, left.Single());
            var frame = new MacFrame();
            var notification = rig.Bench.Medium.History.Last(f => (f.Psdu[0] & 7) == MacFrameType.Command);
            Assert.IsNull(MacFrameCodec.Decode(notification.Psdu, 0, notification.Psdu.Length - 2, frame));
            Assert.AreEqual((int)MacCommandId.DisassociationNotification, (int)frame.CommandId);
            Assert.AreEqual(RadioSelfTest.DeviceExtendedAddress, frame.Destination.Extended);
            Assert.AreEqual(1, (int)frame.PayloadAt(0), "reason 1: the coordinator wishes the device to leave");
            Assert.AreEqual(-1, rig.Coordinator.SendData(rig.Device.ShortAddress, new byte[1], 0, 1), "a departed child is no destination");
            rig.CheckAir();
        }

        [TestMethod]
        public void ASleepyChildGetsHeldFramesOnlyThroughItsPollsAndUncollectedOnesExpire()
        {
            var rig = new Rig(sleepy: true);
            rig.Join();
            int first = rig.Coordinator.SendData(rig.Device.ShortAddress, Nwk(1), 0, Nwk(1).Length);
            int second = rig.Coordinator.SendData(rig.Device.ShortAddress, Nwk(2), 0, Nwk(2).Length);
            int before = rig.Bench.Medium.History.Count;
            rig.Bench.Run(TimeSpan.FromSeconds(3));
            Assert.AreEqual(before, rig.Bench.Medium.History.Count, "the coordinator sent to a sleeping child without a poll");
            Assert.AreEqual(2, rig.Coordinator.IndirectFramesHeld);

            rig.Device.Poll();
            Assert.IsTrue(rig.Bench.RunUntil(() => rig.Confirms.ContainsKey(first), TimeSpan.FromSeconds(1)));
            rig.Bench.Run(TimeSpan.FromMilliseconds(50));
            Assert.AreEqual(1, rig.Device.ReceivedData.Count, "one frame per poll");
            var delivered = rig.Bench.Medium.History.Last(f => (f.Psdu[0] & 7) == MacFrameType.Data);
            Assert.IsTrue((delivered.Psdu[0] & 0x10) != 0, "frame pending must be set while a second frame is held");
            Assert.IsFalse(rig.Confirms.ContainsKey(second));

            // Nobody polls for the second one: it expires after macTransactionPersistenceTime without being sent.
            rig.Bench.Run(TimeSpan.FromSeconds(8));
            Assert.AreEqual(MacStatus.TransactionExpired, rig.Confirms[second]);
            Assert.AreEqual(0, rig.Coordinator.IndirectFramesHeld);

            // With nothing held the acknowledgment to a poll says so and the device goes back to sleep.
            rig.Device.Poll();
            rig.Bench.Run(TimeSpan.FromMilliseconds(100));
            Assert.IsFalse(rig.Device.LastAckHadFramePending);
            Assert.IsTrue(rig.DeviceChip.Asleep);
            rig.CheckAir();
        }

        [TestMethod]
        public void ARetransmissionAfterALostAcknowledgmentReachesTheUpperLayerOnce()
        {
            var rig = new Rig(sleepy: false);
            rig.Join();
            rig.Bench.Medium.SetLoss(rig.HubChip, rig.DeviceChip, 1.0); // acks from the hub never arrive
            rig.Device.SendData(Nwk(3));
            Assert.IsTrue(rig.Bench.RunUntil(() => rig.Device.LastTransmitStatus >= 0, TimeSpan.FromSeconds(1)));
            Assert.AreEqual(RadioTransmitStatus.NoAck, rig.Device.LastTransmitStatus);
            Assert.AreEqual(1, rig.HubReceived.Count, "four copies arrived; the MAC must pass one up");
            rig.CheckAir();
        }

        [TestMethod]
        public void WithPermitJoinOffTheBeaconSaysSoAndAssociationIsDenied()
        {
            var rig = new Rig(sleepy: true, permitJoin: false);
            rig.Device.SendBeaconRequest();
            rig.Bench.Run(TimeSpan.FromMilliseconds(30));
            Assert.AreEqual(1, rig.Device.Beacons.Count);
            Assert.IsFalse(rig.Device.Beacons[0].Beacon.AssociationPermit);
            rig.Device.RequestAssociation(RadioSelfTest.PanId);
            Assert.IsTrue(rig.Bench.RunUntil(() => rig.Device.AssociationStatus != 0xFF, TimeSpan.FromSeconds(2)));
            Assert.AreEqual((int)AssociationStatus.PanAccessDenied, (int)rig.Device.AssociationStatus);
            Assert.AreEqual(0, rig.Coordinator.Children.Count);
            rig.CheckAir();
        }

        [TestMethod]
        public void APromiscuousSnifferHearsEveryFrameAndAcknowledgesNothing()
        {
            var rig = new Rig(sleepy: false);
            var (snifferChip, sniffer) = rig.Bench.AddRadio("sniffer");
            sniffer.Initialize();
            sniffer.SetChannel(15);
            sniffer.SetPromiscuous(true);
            var heard = new List<int>();
            sniffer.FrameReceived += (frame, length, lqi, rssi) => heard.Add(frame[0] & 7);
            rig.Bench.OnMainLoop(sniffer.Process);
            rig.Join();
            int onAir = rig.Bench.Medium.History.Count(f => f.Sender != snifferChip);
            Assert.AreEqual(onAir, heard.Count);
            Assert.IsTrue(heard.Contains(MacFrameType.Acknowledgment));
            Assert.IsFalse(rig.Bench.Medium.History.Any(f => f.Sender == snifferChip));
            Assert.AreEqual(0, snifferChip.Violations.Count);
            rig.CheckAir();
        }

        [TestMethod]
        public void ABusyChannelEndsInChannelAccessFailureAfterTheChipsBackoffs()
        {
            var rig = new Rig(sleepy: false);
            rig.Join();
            rig.Bench.Medium.SetInterference(15, 0xE0); // above the driver's CCA threshold of 0x60
            int before = rig.Bench.Medium.History.Count;
            int handle = rig.Coordinator.SendData(rig.Device.ShortAddress, Nwk(9), 0, Nwk(9).Length);
            Assert.IsTrue(rig.Bench.RunUntil(() => rig.Confirms.ContainsKey(handle), TimeSpan.FromSeconds(1)));
            Assert.AreEqual(MacStatus.ChannelAccessFailure, rig.Confirms[handle]);
            Assert.AreEqual(before, rig.Bench.Medium.History.Count, "nothing may be sent on a busy channel");
            rig.CheckAir();
        }

        [TestMethod]
        public void FramesSentAtTheSameInstantCollideWithoutCsmaAndGetThroughWithIt()
        {
            foreach (bool csma in new[] { false, true })
            {
                var bench = new RadioBench(3);
                var (hubChip, hubRadio) = bench.AddRadio("hub");
                var hub = new CoordinatorMac(hubRadio, bench.Clock, new HostEntropy(), 1, 1);
                var received = new List<ushort>();
                hub.DataIndication += (frame, lqi) => received.Add(frame.Source.Short);
                bench.OnMainLoop(hub.Process);
                hub.Start(0x1A62, 15);
                var senders = new List<CommsHub.Radio.Mrf24j40.Mrf24j40>();
                var results = new List<int>();
                for (int i = 0; i < 2; i++)
                {
                    var (chip, radio) = bench.AddRadio("meter" + i);
                    radio.Initialize();
                    radio.SetChannel(15);
                    radio.SetPanId(0x1A62);
                    radio.SetShortAddress((ushort)(0x0100 + i));
                    radio.TransmitDone += (status, pending, retries) => results.Add(status);
                    bench.OnMainLoop(radio.Process);
                    if (!csma)
                    {
                        // TXMCR NOCSMA: what a chip configured without CSMA-CA does.
                        chip.TransferFullDuplex(new byte[] { (0x11 << 1) | 1, 0x80 | 0x1C }, null, 2);
                    }

                    senders.Add(radio);
                }

                for (int i = 0; i < 2; i++)
                {
                    // Data, no ack request (so no retry rescues a collision), PAN id compression, short addresses.
                    byte[] frame = new byte[] { 0x41, 0x88, (byte)i, 0x62, 0x1A, 0x00, 0x00, (byte)i, 0x01 }.Concat(Nwk((byte)i)).ToArray();
                    Assert.IsTrue(senders[i].Transmit(frame, 0, frame.Length));
                }

                bench.Run(TimeSpan.FromMilliseconds(50));
                Assert.AreEqual(2, results.Count);
                if (csma)
                {
                    Assert.AreEqual(2, received.Count, "with CSMA-CA the second sender should hear the first and back off");
                }
                else
                {
                    Assert.AreEqual(0, received.Count, "two frames on the air at once must both be lost");
                    Assert.AreEqual(2, bench.Medium.History.Count(f => f.Collided));
                }

                CheckWithOracles(bench.Medium.History.Select(f => f.Psdu).ToList());
            }
        }

        [TestMethod]
        public void OnALossyLinkTheChipsRetriesDeliverMostFramesAndTheMacPassesEachUpOnce()
        {
            var rig = new Rig(sleepy: false);
            rig.Join();
            rig.Bench.Medium.SetLoss(rig.DeviceChip, rig.HubChip, 0.4);
            int acked = 0;
            for (int i = 0; i < 40; i++)
            {
                rig.Device.SendData(Nwk((byte)i));
                Assert.IsTrue(rig.Bench.RunUntil(() => rig.Device.LastTransmitStatus >= 0, TimeSpan.FromSeconds(1)));
                acked += rig.Device.LastTransmitStatus == RadioTransmitStatus.Success ? 1 : 0;
                rig.Bench.Run(TimeSpan.FromMilliseconds(5));
            }

            // 40 % loss each way of the data frame: one attempt in four fails all four (0.4^4 = 2.6 %).
            Assert.IsTrue(acked >= 35, acked + " of 40 acknowledged");
            Assert.AreEqual(acked, rig.HubReceived.Count, "every acknowledged frame reaches the MAC's user exactly once");
            rig.CheckAir();
        }

        [TestMethod]
        public void TheEnergyScanPicksTheQuietestChannelInTheMask()
        {
            var bench = new RadioBench();
            var (chip, radio) = bench.AddRadio("hub");
            for (int ch = 11; ch <= 26; ch++)
            {
                bench.Medium.SetInterference(ch, 0xC0);
            }

            bench.Medium.SetInterference(25, 0x10);
            bench.Medium.SetInterference(15, 0x05); // quieter, but outside the mask
            var mac = new CoordinatorMac(radio, bench.Clock, new HostEntropy(), 1, 1);
            radio.Initialize();
            var energy = new int[27];
            Assert.AreEqual(25, mac.QuietestChannel((1 << 11) | (1 << 20) | (1 << 25), 3, energy));
            Assert.AreEqual(0xC0, energy[20]);
            Assert.AreEqual(0x10, energy[25]);
            Assert.AreEqual(0, chip.Violations.Count);
        }

        [TestMethod]
        public void TheEmulatorRefusesToTransmitForADriverThatSkippedInitialisation()
        {
            var bench = new RadioBench();
            var (chip, radio) = bench.AddRadio("uninitialised");
            Assert.IsTrue(radio.Transmit(new byte[] { 0x01, 0x08, 0x01, 0x62, 0x1A, 0xFF, 0xFF, 0xAA }, 0, 8));
            bench.Run(TimeSpan.FromMilliseconds(10));
            Assert.AreEqual(0, bench.Medium.History.Count);
            Assert.IsTrue(chip.Violations.Any(v => v.Contains("not initialised")), string.Join("; ", chip.Violations));
        }

        [TestMethod]
        public void AChannelChangeTakesEffectOnlyAfterTheRfStateMachineReset()
        {
            var bench = new RadioBench();
            var (chip, radio) = bench.AddRadio("hub");
            radio.Initialize();
            radio.SetChannel(17);
            Assert.AreEqual(17, chip.ListeningChannel);

            // Writing RFCON0 alone (what a driver forgetting RFCTL would do) leaves the chip where it was.
            chip.TransferFullDuplex(new byte[] { 0x80 | (0x200 >> 3), ((0x200 << 5) & 0xE0) | 0x10, ((24 - 11) << 4) | 0x03 }, null, 3);
            Assert.AreEqual(17, chip.ListeningChannel);
            chip.TransferFullDuplex(new byte[] { (0x36 << 1) | 1, 0x04 }, null, 2);
            chip.TransferFullDuplex(new byte[] { (0x36 << 1) | 1, 0x00 }, null, 2);
            Assert.AreEqual(24, chip.ListeningChannel);
        }

        /// <summary>A data payload as the NWK layer will hand the MAC: unsecured NWK and APS around a ZCL OTA Image Notify.</summary>
        private static byte[] Nwk(byte sequence) =>
            ZigbeeFrameWrapper.NwkApsPayload(new byte[] { 0x19, sequence, 0x00, 0x00, 0x64 }, 0x0019, 0x0000, 0x1234, sequence);

        internal static void CheckWithOracles(List<byte[]> psdus)
        {
            // zigbee-on-host's MAC codec must read the same header fields as the bytes hold.
            Assert.IsTrue(Directory.Exists(RepoPaths.Of("tools/oracles/node_modules/zigbee-on-host")),
                "zigbee-on-host is not installed: run 'npm ci --prefix tools/oracles' (.ci/run does)");
            string input = JsonSerializer.Serialize(psdus.Select(Convert.ToHexString));
            string output = Oracles.Run("node", "\"" + RepoPaths.Of("tools/oracles/mac-decode.cjs") + "\"", input);
            using var doc = JsonDocument.Parse(output);
            var decoded = doc.RootElement.EnumerateArray().ToList();
            Assert.AreEqual(psdus.Count, decoded.Count);
            var ours = new MacFrame();
            for (int i = 0; i < psdus.Count; i++)
            {
                string where = "zigbee-on-host, frame " + (i + 1) + " " + Convert.ToHexString(psdus[i]);
                JsonElement d = decoded[i];
                Assert.IsTrue(d.GetProperty("ok").GetBoolean(), where + ": " + (d.TryGetProperty("error", out var e) ? e.GetString() : ""));
                Assert.IsNull(MacFrameCodec.Decode(psdus[i], 0, psdus[i].Length - 2, ours), where + " (our decoder)");
                var fc = d.GetProperty("fc");
                var h = d.GetProperty("header");
                Assert.AreEqual(ours.FrameType, fc.GetProperty("frameType").GetInt32(), where + " frame type");
                Assert.AreEqual(ours.AckRequest, fc.GetProperty("ackRequest").GetBoolean(), where + " ack request");
                Assert.AreEqual(ours.FramePending, fc.GetProperty("framePending").GetBoolean(), where + " frame pending");
                Assert.AreEqual(ours.PanIdCompression, fc.GetProperty("panIdCompression").GetBoolean(), where + " PAN ID compression");
                Assert.AreEqual(ours.Destination.Mode, fc.GetProperty("destAddrMode").GetInt32(), where + " destination mode");
                Assert.AreEqual(ours.Source.Mode, fc.GetProperty("sourceAddrMode").GetInt32(), where + " source mode");
                Assert.AreEqual(ours.FrameVersion, fc.GetProperty("frameVersion").GetInt32(), where + " frame version");
                Assert.AreEqual((int)ours.Sequence, h.GetProperty("sequenceNumber").GetInt32(), where + " sequence");
                if (ours.Destination.Mode != MacAddressMode.None)
                {
                    Assert.AreEqual((int)ours.DestinationPanId, h.GetProperty("destinationPANId").GetInt32(), where + " destination PAN");
                    Assert.AreEqual(ours.Destination.Mode == MacAddressMode.Short ? ours.Destination.Short.ToString() : ours.Destination.Extended.ToString(),
                        h.GetProperty(ours.Destination.Mode == MacAddressMode.Short ? "destination16" : "destination64").ToString(), where + " destination");
                }

                if (ours.Source.Mode != MacAddressMode.None)
                {
                    Assert.AreEqual((int)ours.SourcePanId, h.GetProperty("sourcePANId").GetInt32(), where + " source PAN");
                    Assert.AreEqual(ours.Source.Mode == MacAddressMode.Short ? ours.Source.Short.ToString() : ours.Source.Extended.ToString(),
                        h.GetProperty(ours.Source.Mode == MacAddressMode.Short ? "source16" : "source64").ToString(), where + " source");
                }

                if (ours.FrameType == MacFrameType.Command)
                {
                    Assert.AreEqual((int)ours.CommandId, h.GetProperty("commandId").GetInt32(), where + " command");
                }
            }

            // tshark: every frame with a good FCS, nothing malformed, no warnings, same sequence and type.
            string pcap = Path.Combine(Path.GetTempPath(), "commshub-radio-" + Guid.NewGuid() + ".pcap");
            try
            {
                using (var writer = new PcapWriter(File.Create(pcap)))
                {
                    for (int i = 0; i < psdus.Count; i++)
                    {
                        writer.Write(psdus[i], TimeSpan.FromMilliseconds(i));
                    }
                }

                string[] fields = { "wpan.fcs_ok", "_ws.malformed", "_ws.expert.severity", "_ws.expert.message", "wpan.frame_type", "wpan.seq_no", "wpan.cmd" };
                string args = "-r \"" + pcap + "\" -T fields -E separator=/t -E occurrence=a " + string.Join(" ", fields.Select(f => "-e " + f));
                string[] lines = Oracles.Run("tshark", args, null).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.AreEqual(psdus.Count, lines.Length, "tshark read a different number of frames");
                for (int i = 0; i < psdus.Count; i++)
                {
                    string[] v = lines[i].TrimEnd('\r').Split('\t');
                    string where = "tshark, frame " + (i + 1) + " " + Convert.ToHexString(psdus[i]);
                    MacFrameCodec.Decode(psdus[i], 0, psdus[i].Length - 2, ours);
                    Assert.AreEqual("1", v[0], where + ": FCS not ok");
                    Assert.AreEqual(string.Empty, v[1], where + ": malformed");
                    foreach (string severity in v[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {
                        Assert.IsTrue(long.Parse(severity) < ExpertWarning, where + ": expert info " + v[3]);
                    }

                    Assert.AreEqual(ours.FrameType, Convert.ToInt32(v[4], 16), where + " frame type");
                    Assert.AreEqual(ours.Sequence.ToString(), v[5], where + " sequence");
                    if (ours.FrameType == MacFrameType.Command)
                    {
                        Assert.AreEqual("0x" + ours.CommandId.ToString("x2"), v[6], where + " command");
                    }
                }
            }
            finally
            {
                File.Delete(pcap);
            }
        }

        /// <summary>A hub coordinator and one end device on channel 15.</summary>
        private sealed class Rig
        {
            public Rig(bool sleepy, bool permitJoin = true)
            {
                Bench = new RadioBench(11);
                (HubChip, var hubRadio) = Bench.AddRadio("hub");
                (DeviceChip, DeviceRadio) = Bench.AddRadio("device");
                Coordinator = new CoordinatorMac(hubRadio, Bench.Clock, new HostEntropy(), RadioSelfTest.HubExtendedAddress, 0xAA);
                Device = new EndDeviceMac(DeviceRadio, Bench.Clock, RadioSelfTest.DeviceExtendedAddress, sleepy);
                Bench.OnMainLoop(Coordinator.Process);
                Bench.OnMainLoop(Device.Process);
                Coordinator.DataConfirm += (handle, status) => Confirms[handle] = status;
                Coordinator.DataIndication += (frame, lqi) => HubReceived.Add(frame.Sequence);
                Coordinator.Start(RadioSelfTest.PanId, 15);
                Coordinator.PermitJoining = permitJoin;
                Device.Start(15);
            }

            public RadioBench Bench { get; }
            public Mrf24j40Emulator HubChip { get; }
            public Mrf24j40Emulator DeviceChip { get; }
            public CommsHub.Radio.Mrf24j40.Mrf24j40 DeviceRadio { get; }
            public CoordinatorMac Coordinator { get; }
            public EndDeviceMac Device { get; }
            public Dictionary<int, int> Confirms { get; } = new();
            public List<byte> HubReceived { get; } = new();

            /// <summary>Every frame that crossed this rig's medium, through both independent decoders.</summary>
            public void CheckAir() => CheckWithOracles(Bench.Medium.History.Select(f => f.Psdu).ToList());

            public void Join()
            {
                Device.RequestAssociation(RadioSelfTest.PanId);
                Assert.IsTrue(Bench.RunUntil(() => Device.AssociationStatus == 0 && Coordinator.Children.Count == 1, TimeSpan.FromSeconds(2)), "association failed");
                Bench.Run(TimeSpan.FromMilliseconds(20));
            }
        }
    }
}
