using System;
using System.Linq;
using CommsHub.Security;
using CommsHub.TrustCenter;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Radio;
using CommsHub.Wan;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.TrustCenter
{
    /// <summary>
    /// The whole hub on the virtual board with its radio: an add to the Device Log opens that device's join window, so it
    /// joins with no other window open; removing it from the log reaches the trust centre (its link key dropped and kept in
    /// the Historic Device Log, the MAC forgets it, the network key rotates for the device that remains), and the rotated
    /// key is the one the hub resumes after a reboot.
    /// </summary>
    [TestClass]
    public class HubDeviceLogJoinTests
    {
        private const ulong MeterEui = 0x00DB123456789A01;
        private const ulong PpmidEui = 0x00DB123456789A02;
        private const string MeterCode = "83FED3407A939723A5C639B26916D505";
        private const string PpmidCode = "1122334455667788";

        [TestMethod]
        public void AnAddOpensTheDevicesWindowAndARemovalDropsItsKeyAndRotatesTheNetworkKey()
        {
            var bench = new RadioBench(21);
            var (hubChip, hubRadio) = bench.AddRadio("hub");
            var flash = new VirtualBoard.Emulators.NorFlashEmulator(0x16);
            var hub = new CommsHub.Hub.HubFirmware(new CommsHub.Hub.HubHardware("test", flash, bench.Clock, null) { Entropy = new VirtualBoard.Emulators.HostEntropy(), Radio = hubRadio });
            hub.Boot();
            bench.OnMainLoop(hub.Poll);
            var tc = hub.Han.TrustCentre;
            var reports = new System.Collections.Generic.List<string>();
            hub.Reported += reports.Add;
            Assert.IsFalse(tc.JoiningOpen, "the hub's own window is open: the test would prove nothing");

            AddToLog(bench, hub, MeterEui, MeterCode);
            AddToLog(bench, hub, PpmidEui, PpmidCode);
            bench.Run(TimeSpan.FromMilliseconds(50));
            Assert.IsTrue(hub.Mac.PermitJoining, "beacons do not advertise the window the add opened");
            var meter = Join(bench, hub, hubChip, MeterEui);
            var ppmid = Join(bench, hub, hubChip, PpmidEui);
            Assert.AreEqual(2, tc.TransportKeysSent);
            byte[] oldKey = (byte[])hub.Han.Nwk.Network.NetworkKey.Clone();

            Assert.IsTrue(hub.DeviceLog.Remove(PpmidEui));
            Assert.AreEqual(-1, tc.LinkKeys.IndexOf(PpmidEui));
            Assert.AreEqual(-1, hub.Mac.Children.IndexOf(PpmidEui));
            byte[] kept = new byte[16];
            hub.DeviceLog.Historic.CopyKeyAt(hub.DeviceLog.Historic.IndexOf(PpmidEui), kept, 0);
            byte[] ppmidKey = new byte[16];
            new InstallCode(new DotNetAes()).DeriveFromCode(Convert.FromHexString(PpmidCode), 0, 8, ppmidKey, 0);
            Assert.AreEqual(Convert.ToHexString(ppmidKey), Convert.ToHexString(kept), "the Historic Device Log lost the link key");

            bench.Run(TimeSpan.FromMilliseconds(KeyRotationPolicy.SwitchDelayMilliseconds + 500));
            Assert.AreEqual(1, tc.KeyTransportsForRotation);
            Assert.AreEqual(1, tc.KeySwitches);
            Assert.AreNotEqual(Convert.ToHexString(oldKey), Convert.ToHexString(hub.Han.Nwk.Network.NetworkKey));
            Assert.AreEqual(1, (int)hub.Han.Nwk.Network.KeySequence);
            Assert.IsTrue(bench.RunUntil(() => meter.ReceivedData.Count >= 3, TimeSpan.FromSeconds(2)), "the meter got no new key and switch: " + string.Join(" ", meter.ReceivedData.Select(Convert.ToHexString)) + " frames; medium " + bench.Medium.History.Count + "; faults " + hub.Faults.Count + " " + hub.Faults.Last + "; " + string.Join(" | ", reports));

            // A reboot resumes the rotated key and keeps the log.
            var (_, secondRadio) = bench.AddRadio("hub-second-boot");
            var again = new CommsHub.Hub.HubFirmware(new CommsHub.Hub.HubHardware("test", flash, bench.Clock, null) { Entropy = new VirtualBoard.Emulators.HostEntropy(), Radio = secondRadio });
            string[] lines = again.Boot();
            Assert.AreEqual(Convert.ToHexString(hub.Han.Nwk.Network.NetworkKey), Convert.ToHexString(again.Han.Nwk.Network.NetworkKey));
            Assert.AreEqual(1, again.DeviceLog.Count);
            Assert.AreEqual(PpmidEui, again.DeviceLog.Historic.DeviceAt(0));
            Assert.IsTrue(lines.Any(l => l.StartsWith("Device Log: 1 device(s), 1 in the Historic Device Log")), string.Join("\n", lines));
        }

        /// <summary>What the WAN's DeviceLogAdd does (WanService): add, then open the device's window for the default join_timeout.</summary>
        private static void AddToLog(RadioBench bench, CommsHub.Hub.HubFirmware hub, ulong eui, string code)
        {
            Assert.IsTrue(hub.DeviceLog.AddOrReplace(new DeviceLogEntry { Device = eui, Kind = 2, InstallCode = Convert.FromHexString(code) }));
            hub.DeviceLog.OpenJoinWindow(eui, JoinWindowPolicy.ClosesAt(bench.Clock.MonotonicMilliseconds, DeviceLogPolicy.DefaultJoinTimeoutSeconds));
        }

        private static EndDeviceMac Join(RadioBench bench, CommsHub.Hub.HubFirmware hub, VirtualBoard.Radio.Mrf24j40Emulator hubChip, ulong eui)
        {
            var (_, radio) = bench.AddRadio("device-" + eui.ToString("X"));
            var device = new EndDeviceMac(radio, bench.Clock, eui, sleepy: false);
            bench.OnMainLoop(device.Process);
            device.Start(hubChip.ListeningChannel);
            device.RequestAssociation(hub.Mac.PanId);
            Assert.IsTrue(bench.RunUntil(() => device.ReceivedData.Count == 1, TimeSpan.FromSeconds(2)), "no Transport-Key for " + eui.ToString("X") + ": " + hub.Han.TrustCentre.LastProblem);
            return device;
        }
    }
}
