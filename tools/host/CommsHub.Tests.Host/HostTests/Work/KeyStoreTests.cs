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
        public void APowerCutAnywhereInTheMigrationLosesNoKey()
        {
            byte[] key = Convert.FromHexString("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");
            byte[] expectedPublic = new P256().PublicKey(key);
            // Cut at every flash transaction after the boot's mount: the migration's steps and its record.
            var reference = OldFormatChip(key, out long start);
            var referenceBench = new BudgetBench(reference, headEnd: false);
            long booted = reference.TransactionsSincePowerOn;
            referenceBench.Settle();
            long transactions = reference.TransactionsSincePowerOn;
            Assert.IsTrue(transactions - booted > 3, "transactions to cut at: " + (transactions - booted));

            for (long cut = booted; cut < transactions; cut++)
            {
                var chip = OldFormatChip(key, out long at);
                chip.CutPowerAt(new PowerCut(at + cut, 0.5));
                try
                {
                    new BudgetBench(chip, headEnd: false).Settle();
                }
                catch (PowerLossException)
                {
                }

                chip.PowerOn();
                var bench = new BudgetBench(chip, headEnd: false);
                bench.Settle();
                Assert.IsTrue(bench.Hub.Keys.HasKey, "cut " + cut);
                Assert.IsTrue(bench.Hub.Keys.PrivateKey.AsSpan().SequenceEqual(key), "cut " + cut + ": the private key changed");
                Assert.IsTrue(bench.Hub.Keys.PublicKey.AsSpan().SequenceEqual(expectedPublic), "cut " + cut);
            }
        }

        /// <summary>A formatted chip whose key sector holds only the first format's record; <paramref name="bootAt"/> is its transaction count.</summary>
        private static NorFlashEmulator OldFormatChip(byte[] key, out long bootAt)
        {
            var chip = new NorFlashEmulator(0x16);
            new BudgetBench(chip, headEnd: false).Settle();
            chip.PowerOn();
            var raw = new CommsHub.Storage.W25q.W25qFlash(chip);
            raw.Identify();
            raw.EraseSector(0);
            byte[] old = new byte[40];
            LittleEndian.PutU32(old, 0, 0x594B4843);
            Array.Copy(key, 0, old, 4, 32);
            LittleEndian.PutU32(old, 36, Crc32.Compute(old, 0, 36));
            raw.ProgramPage(0, old, 0, old.Length);
            while (chip.IsBusy)
            {
                chip.TransferFullDuplex(new byte[] { 0x05, 0 }, new byte[2], 2);
            }

            chip.PowerOn();
            bootAt = chip.TransactionsSincePowerOn;
            return chip;
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
