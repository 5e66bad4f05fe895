using System;
using System.Linq;
using CommsHub.Hub;
using CommsHub.VirtualBoard.Emulators;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests
{
    /// <summary>A random source not fit for keys is used for what it can do, never for the signing key.</summary>
    [TestClass]
    public class KeyEntropyTests
    {
        [TestMethod]
        public void AHubWhoseRandomIsNotFitForKeysMakesNoKeyAndSaysHowToProvisionOne()
        {
            var clock = new VirtualClock(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
            var pipe = new SerialPipe();
            var hub = new HubFirmware(new HubHardware("esp32-like", new NorFlashEmulator(0x16), clock, pipe.A)
            {
                Entropy = new HostEntropy(),
                EntropyFitForKeys = false,
            });

            string[] lines = hub.Boot();

            Assert.IsFalse(hub.Keys.HasKey);
            string key = lines.Single(l => l.StartsWith("Signing key:"));
            Assert.IsTrue(key.Contains("not fit for keys") && key.Contains("set-key"), key);
        }

        [TestMethod]
        public void TheSameHubWithAFitSourceMakesItsKeyAtFirstBoot()
        {
            var clock = new VirtualClock(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
            var pipe = new SerialPipe();
            var hub = new HubFirmware(new HubHardware("pc", new NorFlashEmulator(0x16), clock, pipe.A) { Entropy = new HostEntropy() });

            hub.Boot();

            // The public key is derived in main-loop steps.
            for (int turn = 0; turn < 100000 && !hub.Keys.HasKey; turn++)
            {
                hub.Poll();
            }

            Assert.IsTrue(hub.Keys.HasKey);
        }

        [TestMethod]
        public void AHanFormedFromARandomSourceNotFitForKeysSaysSoAtBoot()
        {
            var bench = new CommsHub.VirtualBoard.Radio.RadioBench(7);
            var (_, driver) = bench.AddRadio("hub");
            var hub = new HubFirmware(new HubHardware("esp32-like", new NorFlashEmulator(0x16), bench.Clock, new SerialPipe().A)
            {
                Entropy = new HostEntropy(),
                EntropyFitForKeys = false,
                Radio = driver,
            });

            string han = hub.Boot().Single(l => l.StartsWith("HAN:"));

            Assert.IsTrue(han.Contains("PAN coordinator") && han.Contains("NWK key came from a random source not fit for keys"), han);
        }

        [TestMethod]
        public void TheEsp32PolicyIsProvisioning()
        {
            Assert.IsFalse(KeyEntropyPolicy.Esp32RandomFitForKeys);
        }
    }
}
