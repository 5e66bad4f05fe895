using System;
using System.Collections.Generic;
using System.Text;
using CommsHub.Mac;
using CommsHub.Mac.Coordinator;
using CommsHub.Radio.Mrf24j40;
using CommsHub.VirtualBoard.Capture;
using CommsHub.VirtualBoard.Emulators;

namespace CommsHub.VirtualBoard.Radio
{
    /// <summary>
    /// Two emulated MRF24J40s, the hub's coordinator MAC and a sleepy end device, taken through energy scan,
    /// beacon, association, acknowledged data and polled indirect data. Each step prints what happened and
    /// whether it did what 802.15.4 requires.
    /// </summary>
    public sealed class RadioSelfTest
    {
        public const ushort PanId = 0x1A62;
        public const ulong HubExtendedAddress = 0x00124B0001A2B3C4;
        public const ulong DeviceExtendedAddress = 0x00124B0009F8E7D6;

        public RadioSelfTest(int seed = 7)
        {
            Bench = new RadioBench(seed);
            (HubChip, HubRadio) = Bench.AddRadio("hub");
            (DeviceChip, DeviceRadio) = Bench.AddRadio("ppmid");
            Coordinator = new CoordinatorMac(HubRadio, Bench.Clock, new HostEntropy(), HubExtendedAddress, 0x00124B0001A2B3C4);
            EndDevice = new EndDeviceMac(DeviceRadio, Bench.Clock, DeviceExtendedAddress, sleepy: true);
            Bench.OnMainLoop(Coordinator.Process);
            Bench.OnMainLoop(EndDevice.Process);
            Coordinator.DataIndication += (frame, lqi) =>
            {
                var data = new byte[frame.PayloadLength];
                Array.Copy(frame.Payload, frame.PayloadOffset, data, 0, data.Length);
                HubReceived.Add(data);
            };
            Coordinator.DataConfirm += (handle, status) => Confirms[handle] = status;
            Coordinator.ChildAssociated += (ext, shortAddress) => Joined.Add((ext, shortAddress));
        }

        public RadioBench Bench { get; }
        public Mrf24j40Emulator HubChip { get; }
        public Mrf24j40 HubRadio { get; }
        public Mrf24j40Emulator DeviceChip { get; }
        public Mrf24j40 DeviceRadio { get; }
        public CoordinatorMac Coordinator { get; }
        public EndDeviceMac EndDevice { get; }
        public List<byte[]> HubReceived { get; } = new();
        public Dictionary<int, int> Confirms { get; } = new();
        public List<(ulong Extended, ushort Short)> Joined { get; } = new();

        /// <summary>Runs every step; returns how many failed.</summary>
        public int Run(Action<bool, string> report)
        {
            int failures = 0;
            void Step(bool ok, string text)
            {
                failures += ok ? 0 : 1;
                report(ok, text);
            }

            // Busy channels on the bench, so the energy scan has something to avoid.
            for (int ch = 11; ch <= 26; ch++)
            {
                Bench.Medium.SetInterference(ch, ch == 20 ? 0x08 : 0x30 + (ch * 5));
            }

            var energy = new int[27];
            HubRadio.Initialize();
            int channel = Coordinator.QuietestChannel(0x07FFF800, 4, energy);
            var scan = new StringBuilder();
            for (int ch = 11; ch <= 26; ch++)
            {
                scan.Append(ch).Append(':').Append(energy[ch]).Append(' ');
            }

            Step(channel == 20, "energy scan " + scan.ToString().Trim() + " -> channel " + channel);
            Coordinator.Start(PanId, channel);
            Coordinator.PermitJoining = true;

            EndDevice.Start(channel);
            EndDevice.SendBeaconRequest();
            Bench.Run(TimeSpan.FromMilliseconds(50));
            bool beacon = EndDevice.Beacons.Count == 1 && EndDevice.Beacons[0].PanId == PanId && EndDevice.Beacons[0].Beacon.AssociationPermit
                && EndDevice.Beacons[0].Beacon.ExtendedPanId == 0x00124B0001A2B3C4;
            Step(beacon, "beacon request -> " + EndDevice.Beacons.Count + " beacon(s), PAN 0x" + PanId.ToString("X4") + ", permit join " + (beacon ? "on" : "?"));

            EndDevice.RequestAssociation(PanId);
            bool associated = Bench.RunUntil(() => EndDevice.AssociationStatus != 0xFF && Joined.Count == 1, TimeSpan.FromSeconds(3));
            Step(associated && EndDevice.AssociationStatus == AssociationStatus.Successful && Joined[0].Short == EndDevice.ShortAddress,
                "association request, poll after " + EndDeviceMac.ResponseWaitMilliseconds + " ms -> status " + EndDevice.AssociationStatus + ", short address 0x" + EndDevice.ShortAddress.ToString("X4"));

            // Payloads are real NWK/APS/ZCL frames (OTA cluster, unsecured) so a capture reads naturally in Wireshark.
            byte[] queryNextImage = ZigbeeFrameWrapper.NwkApsPayload(
                new byte[] { 0x01, 0x21, 0x01, 0x00, 0x34, 0x12, 0x02, 0x01, 0x00, 0x00, 0x01, 0x00 }, 0x0019, EndDevice.ShortAddress, 0x0000, 0x21);
            byte[] imageNotify = ZigbeeFrameWrapper.NwkApsPayload(new byte[] { 0x19, 0x05, 0x00, 0x00, 0x64 }, 0x0019, 0x0000, EndDevice.ShortAddress, 0x05);
            Bench.Run(TimeSpan.FromMilliseconds(20));
            EndDevice.SendData(queryNextImage);
            Bench.RunUntil(() => EndDevice.LastTransmitStatus >= 0, TimeSpan.FromSeconds(1));
            Bench.Run(TimeSpan.FromMilliseconds(5));
            Step(EndDevice.LastTransmitStatus == 0 && HubReceived.Count == 1 && HubReceived[0].AsSpan().SequenceEqual(queryNextImage),
                "acknowledged data device -> hub (OTA Query Next Image Request): " + (EndDevice.LastTransmitStatus == 0 ? "acked" : "not acked") + ", hub received " + HubReceived.Count + " frame(s)");

            int framesBefore = Bench.Medium.History.Count;
            int handle = Coordinator.SendData(EndDevice.ShortAddress, imageNotify, 0, imageNotify.Length);
            Bench.Run(TimeSpan.FromSeconds(2));
            bool heldBack = Bench.Medium.History.Count == framesBefore && EndDevice.ReceivedData.Count == 0 && Coordinator.IndirectFramesHeld == 1;
            Step(heldBack, "hub -> sleepy device (OTA Image Notify): held for its poll (" + (Bench.Medium.History.Count - framesBefore) + " frames on air in 2 s, " + Coordinator.IndirectFramesHeld + " held)");

            EndDevice.Poll();
            Bench.RunUntil(() => EndDevice.ReceivedData.Count == 1 && Confirms.ContainsKey(handle), TimeSpan.FromSeconds(1));
            Step(EndDevice.LastAckHadFramePending && EndDevice.ReceivedData.Count == 1 && EndDevice.ReceivedData[0].AsSpan().SequenceEqual(imageNotify) && Confirms.TryGetValue(handle, out int st) && st == MacStatus.Success,
                "poll -> ack frame pending " + (EndDevice.LastAckHadFramePending ? "set" : "clear") + ", device received " + EndDevice.ReceivedData.Count + " frame(s), hub confirm "
                + (Confirms.TryGetValue(handle, out int s2) ? MacStatus.Name(s2) : "none"));

            Bench.Run(TimeSpan.FromMilliseconds(100));
            Step(DeviceChip.Asleep, "device back asleep after its poll");
            var violations = new List<string>(HubChip.Violations);
            violations.AddRange(DeviceChip.Violations);
            Step(violations.Count == 0, "driver used both chips as the datasheet says" + (violations.Count == 0 ? string.Empty : ": " + string.Join("; ", violations)));
            return failures;
        }
    }
}
