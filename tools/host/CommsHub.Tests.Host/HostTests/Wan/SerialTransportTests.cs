using System;
using System.Threading;
using CommsHub.Cli.Wan;
using CommsHub.Hub;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.VirtualBoard.Transport;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Wan
{
    /// <summary>The hub on one side of a real pseudo-terminal, the head-end opening the other as a serial device.</summary>
    [TestClass]
    public class SerialTransportTests
    {
        [TestMethod]
        public void TheHeadEndTalksToTheHubThroughAPseudoTerminal()
        {
            if (!OperatingSystem.IsLinux())
            {
                Assert.SkipTest("pseudo-terminals are tested on Linux");
            }

            using var pty = SerialDevicePort.CreatePty();
            var clock = new SystemClock();
            var hub = new HubFirmware(new HubHardware("pty test", new NorFlashEmulator(0x16), clock, pty) { Entropy = new HostEntropy() });
            hub.Boot();
            using var line = SerialDevicePort.Open(pty.Path, 115200);
            var headEnd = new HeadEnd(line, clock, () => { hub.Poll(); Thread.Sleep(1); }, AlertLedger.InMemory());

            var id = headEnd.GetIdentity();

            Assert.AreEqual(hub.Identity.Value, id.Eui);
            Assert.AreEqual("ok", headEnd.SetTime(DateTime.UtcNow));
        }

        [TestMethod]
        public void SerialAddressesParseWithADefaultBaudRate()
        {
            Assert.AreEqual(("/dev/ttyUSB0", 921600), SerialDevicePort.Parse("serial:/dev/ttyUSB0@921600"));
            Assert.AreEqual(("/dev/ttyUSB1", 115200), SerialDevicePort.Parse("serial:/dev/ttyUSB1"));
            Assert.ThrowsException(typeof(FormatException), () => SerialDevicePort.Parse("serial:/dev/ttyUSB0@fast"));
        }
    }
}
