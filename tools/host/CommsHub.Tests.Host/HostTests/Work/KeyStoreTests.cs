using System;
using CommsHub.Crypto;
using CommsHub.Platform;
using CommsHub.VirtualBoard.Emulators;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Work
{
    /// <summary>The public key lives in flash beside the private key; an old sector with the private key alone is migrated.</summary>
    [TestClass]
    public class KeyStoreTests
    {
        [TestMethod]
        public void AKeySectorWithOnlyThePrivateKeyIsMigratedInStepsAndTheNextBootDerivesNothing()
        {
            byte[] key = Convert.FromHexString("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");
            var chip = new NorFlashEmulator(0x16);
            var bench = new BudgetBench(chip, headEnd: false);
            bench.Settle();

            // The first format: magic, private key, CRC-32, nothing else.
            chip.PowerOn();
            var raw = new CommsHub.Storage.W25q.W25qFlash(chip);
            raw.Identify();
            raw.EraseSector(0);
            byte[] old = new byte[40];
            LittleEndian.PutU32(old, 0, 0x594B4843);
            Array.Copy(key, 0, old, 4, 32);
            LittleEndian.PutU32(old, 36, Crc32.Compute(old, 0, 36));
            raw.ProgramPage(0, old, 0, old.Length);

            bench.Reboot();
            Assert.IsTrue(bench.Hub.Keys.Migrating && !bench.Hub.Keys.HasKey, string.Join("\n", bench.BootReport));
            Assert.IsTrue(string.Join("\n", bench.BootReport).Contains("public key missing from flash"));
            int turns = bench.Settle();
            Assert.IsTrue(turns > 100, "derived across many turns: " + turns);
            Assert.IsTrue(bench.Hub.Keys.HasKey);
            Assert.IsTrue(bench.Hub.Keys.PrivateKey.AsSpan().SequenceEqual(key));
            Assert.IsTrue(bench.Hub.Keys.PublicKey.AsSpan().SequenceEqual(new P256().PublicKey(key)));
            Assert.AreEqual(string.Empty, string.Join("\n", bench.OverBudget));

            bench.Reboot();
            Assert.IsTrue(bench.Hub.Keys.HasKey && !bench.Hub.Keys.Busy, "the public key is read, not derived, at boot");
            Assert.IsTrue(string.Join("\n", bench.BootReport).Contains("Signing key: P-256, public key"), string.Join("\n", bench.BootReport));
            Assert.IsTrue(bench.Hub.Keys.PublicKey.AsSpan().SequenceEqual(new P256().PublicKey(key)));
        }

        [TestMethod]
        public void AProvisionedKeyIsAcknowledgedOnceStoredAndSurvivesAReboot()
        {
            byte[] key = Convert.FromHexString("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");
            var bench = new BudgetBench();
            bench.HeadEnd.GetIdentity();

            Assert.AreEqual("ok", bench.HeadEnd.ProvisionKey(key));
            Assert.IsTrue(bench.HeadEnd.GetIdentity().PublicKey.AsSpan().SequenceEqual(new P256().PublicKey(key)));
            Assert.IsTrue(bench.HeadEnd.ProvisionKey(new byte[32]).Contains("between 1 and n-1"));

            bench.Reboot();
            Assert.IsTrue(bench.Hub.Keys.HasKey && bench.Hub.Keys.PrivateKey.AsSpan().SequenceEqual(key));
            Assert.AreEqual(string.Empty, string.Join("\n", bench.OverBudget));
        }
    }
}
