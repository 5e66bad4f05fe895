using System;
using CommsHub.Platform;
using CommsHub.Storage.W25q;
using CommsHub.VirtualBoard.Emulators;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests
{
    /// <summary>The driver against the command-level emulator: only SPI transactions pass between them.</summary>
    [TestClass]
    public class W25qFlashTests
    {
        [TestMethod]
        public void IdentifyReadsJedecIdAndCapacity()
        {
            var driver = new W25qFlash(new NorFlashEmulator(capacityCode: 0x16));
            driver.Identify();

            Assert.AreEqual(0xEF4016, driver.JedecId);
            Assert.AreEqual(4 * 1024 * 1024, driver.CapacityBytes);
        }

        [TestMethod]
        public void WhatIsProgrammedReadsBackAcrossManyPages()
        {
            var chip = new NorFlashEmulator();
            var driver = Identified(chip);
            byte[] data = new byte[1000];
            new Random(7).NextBytes(data);

            for (int page = 0; page < 4; page++)
            {
                int count = Math.Min(256, data.Length - page * 256);
                driver.ProgramPage(0x8000 + page * 256, data, page * 256, count);
            }

            byte[] back = new byte[1000];
            driver.Read(0x8000, back, 0, back.Length);
            Assert.IsTrue(data.AsSpan().SequenceEqual(back));
            Assert.AreEqual(0L, chip.IgnoredInstructions);
        }

        [TestMethod]
        public void EachProgramAndEraseWaitsForTheBusyBitToClear()
        {
            var chip = new NorFlashEmulator { ProgramBusyPolls = 4, EraseBusyPolls = 9 };
            var driver = Identified(chip);

            driver.ProgramPage(0, new byte[] { 1, 2, 3 }, 0, 3);
            Assert.IsFalse(chip.IsBusy);
            Assert.AreEqual(4, driver.LastBusyPolls);

            driver.EraseSector(0);
            Assert.IsFalse(chip.IsBusy);
            Assert.AreEqual(9, driver.LastBusyPolls);
            Assert.AreEqual(0L, chip.IgnoredInstructions);
        }

        [TestMethod]
        public void AProgramThatWouldWrapInsideItsPageIsRefusedBeforeAnythingIsSent()
        {
            var chip = new NorFlashEmulator();
            var driver = Identified(chip);

            Assert.ThrowsException(typeof(ArgumentException), () => driver.ProgramPage(0x00F0, new byte[32], 0, 32));
            Assert.AreEqual(0L, chip.PagePrograms);
        }

        [TestMethod]
        public void MisalignedEraseAndOutOfRangeAccessAreRefused()
        {
            var driver = Identified(new NorFlashEmulator());

            Assert.ThrowsException(typeof(ArgumentException), () => driver.EraseSector(0x1001));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => driver.Read(4 * 1024 * 1024 - 2, new byte[4], 0, 4));
        }

        [TestMethod]
        public void AMissingChipIsReportedWithAWiringHint()
        {
            var driver = new W25qFlash(new FloatingBus());
            try
            {
                driver.Identify();
            }
            catch (FlashException e)
            {
                Assert.IsTrue(e.Message.Contains("wiring"), e.Message);
                return;
            }

            Assert.IsTrue(false, "Identify accepted a bus with no chip on it");
        }

        [TestMethod]
        public void APowerCutDuringAProgramReachesTheCallerAndTheNextBootSeesAPartialPage()
        {
            var chip = new NorFlashEmulator();
            var driver = Identified(chip);

            // ProgramPage sends busy-check, write enable, status, then the program.
            chip.CutPowerAt(new PowerCut(chip.TransactionsSincePowerOn + 3, 0.5));
            Assert.ThrowsException(typeof(PowerLossException), () => driver.ProgramPage(0x3000, new byte[256], 0, 256));

            chip.PowerOn();
            var rebooted = Identified(chip);
            byte[] page = new byte[256];
            rebooted.Read(0x3000, page, 0, 256);
            Assert.AreEqual((byte)0x00, page[0]);
            Assert.AreEqual((byte)0xFF, page[255]);
        }

        [TestMethod]
        public void IdentifyWakesAChipLeftInPowerDown()
        {
            var chip = new NorFlashEmulator { PoweredDown = true };
            var driver = new W25qFlash(chip);

            driver.Identify();

            Assert.AreEqual(0xEF4016, driver.JedecId);
            Assert.IsFalse(chip.PoweredDown);
        }

        [TestMethod]
        public void IdentifyWaitsForAnEraseLeftRunningByAResetBeforeReadingTheJedecId()
        {
            var chip = new NorFlashEmulator { EraseBusyPolls = 50 };
            chip.TransferFullDuplex(new byte[] { 0x06 }, null, 1);
            chip.TransferFullDuplex(new byte[] { 0x20, 0, 0x10, 0 }, null, 4);
            Assert.IsTrue(chip.IsBusy);

            var driver = new W25qFlash(chip);
            driver.Identify();

            Assert.AreEqual(0xEF4016, driver.JedecId);

            // Only the Release Power-down went unheard: a chip that is erasing is not powered down.
            Assert.AreEqual(1L, chip.IgnoredInstructions);
        }

        [TestMethod]
        public void IdentifyClearsBlockProtectionSoProgramsAreNotSilentlyIgnored()
        {
            // BP1|BP0 in SR1; in SR2 CMP, QE and the one-time lock bit LB1, which must survive untouched.
            var chip = new NorFlashEmulator { BlockProtectBits = 0x0C, Status2 = 0x40 | 0x02 | 0x08 };
            var driver = new W25qFlash(chip);

            driver.Identify();

            Assert.IsTrue(driver.ProtectionCleared);
            Assert.AreEqual((byte)0, chip.BlockProtectBits);
            Assert.AreEqual((byte)(0x02 | 0x08), chip.Status2);
            driver.EraseSector(0x2000);
            driver.ProgramPage(0x2000, new byte[] { 0x5A }, 0, 1);
            Assert.AreEqual((byte)0x5A, chip.PeekByte(0x2000));
            Assert.AreEqual(0L, chip.ProtectedRejections);
        }

        [TestMethod]
        public void AnUnprotectedChipIsLeftAsItIs()
        {
            var chip = new NorFlashEmulator { Status2 = 0x02 };
            var driver = new W25qFlash(chip);

            driver.Identify();

            Assert.IsFalse(driver.ProtectionCleared);
            Assert.AreEqual((byte)0x02, chip.Status2);
        }

        [TestMethod]
        public void TheEmulatorIgnoresWritesToAProtectedArray()
        {
            // Shows the protection test above can fail: without the clear, the program is dropped.
            var chip = new NorFlashEmulator { BlockProtectBits = 0x04 };
            chip.TransferFullDuplex(new byte[] { 0x06 }, null, 1);
            chip.TransferFullDuplex(new byte[] { 0x02, 0, 0, 0, 0x5A }, null, 5);

            Assert.AreEqual((byte)0xFF, chip.PeekByte(0));
            Assert.AreEqual(1L, chip.ProtectedRejections);
        }

        [TestMethod]
        public void AStuckChipIsReportedAfterTheTimeBoundFromTheClockNotAMillionReads()
        {
            var clock = new VirtualClock(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            var chip = new NorFlashEmulator();
            var driver = new W25qFlash(new SlowBus(chip, clock), clock);
            driver.Identify();
            chip.StuckBusy = true;

            long before = clock.MonotonicMilliseconds;
            FlashException stuck = null;
            try
            {
                driver.EraseSector(0);
            }
            catch (FlashException e)
            {
                stuck = e;
            }

            Assert.IsNotNull(stuck, "a chip busy for ever was waited on for ever");
            Assert.IsTrue(stuck.Message.Contains("stuck"), stuck.Message);
            long waited = clock.MonotonicMilliseconds - before;
            Assert.IsTrue(waited > W25qFlash.BusyTimeoutMilliseconds && waited < W25qFlash.BusyTimeoutMilliseconds + 10, "waited " + waited + " ms");
            Assert.IsTrue(driver.LastBusyPolls < 2 * W25qFlash.BusyTimeoutMilliseconds, driver.LastBusyPolls + " status reads");
        }

        [TestMethod]
        public void AChipStuckAtStartUpIsReportedByIdentify()
        {
            var clock = new VirtualClock(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            var chip = new NorFlashEmulator { StuckBusy = true };
            var driver = new W25qFlash(new SlowBus(chip, clock), clock);

            try
            {
                driver.Identify();
            }
            catch (FlashException e)
            {
                Assert.IsTrue(e.Message.Contains("busy") && e.Message.Contains("start-up"), e.Message);
                return;
            }

            Assert.IsTrue(false, "Identify accepted a chip that never stops being busy");
        }

        private static W25qFlash Identified(NorFlashEmulator chip)
        {
            var driver = new W25qFlash(chip);
            driver.Identify();
            return driver;
        }

        /// <summary>Each SPI transaction takes a millisecond of virtual time, as a slow bus on the device would.</summary>
        private sealed class SlowBus : ISpiBus
        {
            private readonly ISpiBus _inner;
            private readonly VirtualClock _clock;

            public SlowBus(ISpiBus inner, VirtualClock clock)
            {
                _inner = inner;
                _clock = clock;
            }

            public void TransferFullDuplex(byte[] writeBuffer, byte[] readBuffer, int length)
            {
                _clock.Advance(TimeSpan.FromMilliseconds(1));
                _inner.TransferFullDuplex(writeBuffer, readBuffer, length);
            }
        }

        /// <summary>A bus with nothing on it: MISO pulled up, every byte reads 0xFF.</summary>
        private sealed class FloatingBus : ISpiBus
        {
            public void TransferFullDuplex(byte[] writeBuffer, byte[] readBuffer, int length)
            {
                if (readBuffer != null)
                {
                    Array.Fill(readBuffer, (byte)0xFF, 0, length);
                }
            }
        }
    }
}
