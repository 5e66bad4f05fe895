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

            // Identify is 1 transaction; ProgramPage sends busy-check, write enable, status, then the program.
            chip.CutPowerAt(new PowerCut(chip.TransactionsSincePowerOn + 3, 0.5));
            Assert.ThrowsException(typeof(PowerLossException), () => driver.ProgramPage(0x3000, new byte[256], 0, 256));

            chip.PowerOn();
            var rebooted = Identified(chip);
            byte[] page = new byte[256];
            rebooted.Read(0x3000, page, 0, 256);
            Assert.AreEqual((byte)0x00, page[0]);
            Assert.AreEqual((byte)0xFF, page[255]);
        }

        private static W25qFlash Identified(NorFlashEmulator chip)
        {
            var driver = new W25qFlash(chip);
            driver.Identify();
            return driver;
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
