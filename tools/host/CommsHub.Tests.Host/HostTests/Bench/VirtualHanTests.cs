using System;
using System.Linq;
using CommsHub.Cli.Wan;
using CommsHub.Hub;
using CommsHub.Ota.Server;
using CommsHub.VirtualBoard.Bench;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.VirtualBoard.Han;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Bench
{
    /// <summary>
    /// The virtual HAN without the scenario runner, as a board with emulated devices would use it: the hub's firmware on
    /// its own radio, a head-end listing a device, the device joining, registering and leaving through the air only.
    /// </summary>
    [TestClass]
    public class VirtualHanTests
    {
        private const ulong Ppmid = 0x00DB1234567890A4;

        [TestMethod]
        public void ADeviceAddedWithoutAScenarioJoinsRegistersWithCbkeAndItsLeaveReachesTheHub()
        {
            var han = new VirtualHan(new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc), seed: 3);
            var pipe = new SerialPipe();
            var hub = new HubFirmware(new HubHardware("virtual HAN test", new NorFlashEmulator(0x16), han.Clock, pipe.A) { Radio = han.NewHubRadio(), Entropy = new SeededEntropy(5) });
            han.Hub = hub;
            hub.Boot();
            var headEnd = new HeadEnd(pipe.B, han.Clock, () => han.Run(TimeSpan.FromMilliseconds(1)), AlertLedger.InMemory());
            headEnd.GetIdentity();
            headEnd.SetTime(han.Clock.UtcNow);
            foreach (var c in han.HubCredentials(hub.Identity.Value))
            {
                Assert.AreEqual("ok", headEnd.ProvisionCbke(c.Suite, c.Certificate, c.PrivateKey, c.CaPublicKey));
            }

            var device = han.AddDevice(new DeviceSpec { Name = "ppmid", Kind = OtaDeviceKind.Ppmid, Eui = Ppmid, FirstQuery = TimeSpan.FromDays(1) });
            Assert.AreEqual(18, device.InstallCode.Length, "a generated install code carries its CRC, as on a label");
            Assert.AreEqual("ok", headEnd.AddDevice(Ppmid, (int)OtaDeviceKind.Ppmid, device.InstallCode));

            han.JoinAll(TimeSpan.FromSeconds(10));

            Assert.IsTrue(device.Joined, "state " + device.Node.State);
            Assert.IsTrue(device.Registered, "registration " + device.Registration.State);
            Assert.IsTrue(hub.Han.Nwk.Neighbours.IndexOf(Ppmid) >= 0, "the hub does not know the device it admitted");
            Assert.AreEqual(1, device.CbkeLinkKeys.Count);
            Assert.IsFalse(device.CbkeLinkKeys[0].SequenceEqual(device.InstallCodeLinkKey), "CBKE gave no new key");
            var keys = WiresharkKeys.Lines(han.CaptureKeys());
            Assert.IsTrue(keys.Contains("\"" + Convert.ToHexString(hub.Han.Nwk.Network.NetworkKey) + "\",\"Normal\",\"NWK key\""), string.Join("\n", keys));
            Assert.IsTrue(keys.Any(k => k.StartsWith("\"" + Convert.ToHexString(device.CbkeLinkKeys[0]) + "\"")), "no CBKE key in the key table");

            device.Leave();
            han.Run(TimeSpan.FromSeconds(2));

            Assert.AreEqual(-1, hub.Han.Nwk.Neighbours.IndexOf(Ppmid), "the hub still lists the device after its NWK Leave");
        }

        [TestMethod]
        public void ASwitchedOffDeviceHearsNothingAndResumesWithItsNetworkStateWhenSwitchedOn()
        {
            var han = new VirtualHan(new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc), seed: 4);
            var pipe = new SerialPipe();
            var hub = new HubFirmware(new HubHardware("virtual HAN test", new NorFlashEmulator(0x16), han.Clock, pipe.A) { Radio = han.NewHubRadio(), Entropy = new SeededEntropy(6) });
            han.Hub = hub;
            hub.Boot();
            var headEnd = new HeadEnd(pipe.B, han.Clock, () => han.Run(TimeSpan.FromMilliseconds(1)), AlertLedger.InMemory());
            headEnd.GetIdentity();
            headEnd.SetTime(han.Clock.UtcNow);
            var device = han.AddDevice(new DeviceSpec { Name = "ppmid", Kind = OtaDeviceKind.Ppmid, Eui = Ppmid, FirstQuery = TimeSpan.FromDays(1) });
            Assert.AreEqual("ok", headEnd.AddDevice(Ppmid, (int)OtaDeviceKind.Ppmid, device.InstallCode));
            Assert.IsTrue(han.JoinAndWait(device, TimeSpan.FromSeconds(10)));
            ushort address = device.Node.ShortAddress;

            device.PowerOff();
            Assert.AreEqual(-1, device.Chip.ListeningChannel);
            int framesBefore = device.Node.DataFramesSent;
            han.Run(TimeSpan.FromMinutes(1));
            Assert.AreEqual(framesBefore, device.Node.DataFramesSent, "a switched-off device sent frames");

            device.PowerOn();
            Assert.AreEqual(han.Channel, device.Chip.ListeningChannel);
            Assert.AreEqual(address, device.Node.ShortAddress, "the device lost its address while off");
            Assert.IsTrue(device.Joined);
        }
    }
}
