using System;
using System.IO;
using CommsHub.VirtualBoard.Emulators;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests
{
    /// <summary>Pins the chip behaviour drivers rely on, through raw SPI transactions as a driver sends them.</summary>
    [TestClass]
    public class NorFlashEmulatorTests
    {
        [TestMethod]
        public void AnswersJedecIdWithWinbondAndTheCapacityCode()
        {
            var flash = new NorFlashEmulator(capacityCode: 0x17);
            byte[] rx = Spi(flash, 0x9F, 0, 0, 0);

            Assert.AreEqual((byte)0xEF, rx[1]);
            Assert.AreEqual((byte)0x40, rx[2]);
            Assert.AreEqual((byte)0x17, rx[3]);
            Assert.AreEqual(8 * 1024 * 1024, flash.Capacity);
        }

        [TestMethod]
        public void ErasedChipReadsAllOnesAndEraseRestoresThem()
        {
            var flash = new NorFlashEmulator();
            Program(flash, 0x1000, 0x12, 0x34);
            WaitReady(flash);

            Assert.AreEqual((byte)0x12, Read(flash, 0x1000, 1)[0]);
            Spi(flash, 0x06);
            Spi(flash, 0x20, 0x00, 0x1F, 0xFF); // any address inside the sector erases the whole sector
            WaitReady(flash);

            byte[] sector = Read(flash, 0x1000, 4096);
            Assert.IsTrue(Array.TrueForAll(sector, b => b == 0xFF));
            Assert.AreEqual(1, flash.EraseCount(1));
        }

        [TestMethod]
        public void ProgrammingOnlyClearsBits()
        {
            var flash = new NorFlashEmulator();
            Program(flash, 0x200, 0xF0);
            WaitReady(flash);
            Program(flash, 0x200, 0x3F);
            WaitReady(flash);

            Assert.AreEqual((byte)0x30, Read(flash, 0x200, 1)[0]);
        }

        [TestMethod]
        public void ProgramWithoutWriteEnableIsIgnored()
        {
            var flash = new NorFlashEmulator();
            Spi(flash, 0x02, 0x00, 0x00, 0x10, 0x00);

            Assert.AreEqual((byte)0xFF, flash.PeekByte(0x10));
            Assert.AreEqual(1L, flash.IgnoredInstructions);
        }

        [TestMethod]
        public void PageProgramWrapsToTheStartOfItsPage()
        {
            var flash = new NorFlashEmulator();
            Program(flash, 0x03FC, 1, 2, 3, 4, 5, 6);
            WaitReady(flash);

            Assert.AreEqual((byte)1, flash.PeekByte(0x03FC));
            Assert.AreEqual((byte)4, flash.PeekByte(0x03FF));
            Assert.AreEqual((byte)5, flash.PeekByte(0x0300));
            Assert.AreEqual((byte)6, flash.PeekByte(0x0301));
            Assert.AreEqual((byte)0xFF, flash.PeekByte(0x0400));
        }

        [TestMethod]
        public void WhileBusyEveryInstructionButReadStatusIsIgnored()
        {
            var flash = new NorFlashEmulator { EraseBusyPolls = 5 };
            Spi(flash, 0x06);
            Spi(flash, 0x20, 0, 0, 0);

            Assert.AreEqual((byte)0x01, (byte)(Spi(flash, 0x05, 0)[1] & 0x01));
            byte[] jedec = Spi(flash, 0x9F, 0, 0, 0);
            Assert.AreEqual((byte)0xFF, jedec[1]);
            Assert.AreEqual(1L, flash.IgnoredInstructions);

            WaitReady(flash);
            Assert.AreEqual((byte)0xEF, Spi(flash, 0x9F, 0, 0, 0)[1]);
        }

        [TestMethod]
        public void WriteEnableLatchClearsAfterEachProgram()
        {
            var flash = new NorFlashEmulator();
            Program(flash, 0, 0x00);
            WaitReady(flash);

            Assert.AreEqual((byte)0, (byte)(Spi(flash, 0x05, 0)[1] & 0x02));
        }

        [TestMethod]
        public void PowerCutMidProgramLeavesAPartlyProgrammedPage()
        {
            var flash = new NorFlashEmulator();
            byte[] data = new byte[256];
            Spi(flash, 0x06);
            flash.CutPowerAt(new PowerCut(flash.TransactionsSincePowerOn, 0.5));

            Assert.ThrowsException(typeof(PowerLossException), () => Program(flash, 0x4000, data, enable: false));

            Assert.AreEqual((byte)0x00, flash.PeekByte(0x4000));
            Assert.AreEqual((byte)0x00, flash.PeekByte(0x4000 + 127));
            Assert.AreEqual((byte)0xFF, flash.PeekByte(0x4000 + 129));
            Assert.AreEqual((byte)0xFF, flash.PeekByte(0x4000 + 255));
        }

        [TestMethod]
        public void PowerCutMidEraseLeavesASectorNeitherOldNorBlank()
        {
            var flash = new NorFlashEmulator();
            Program(flash, 0x2000, new byte[256]);
            WaitReady(flash);
            Program(flash, 0x2F00, new byte[256]);
            WaitReady(flash);
            Spi(flash, 0x06);
            flash.CutPowerAt(new PowerCut(flash.TransactionsSincePowerOn, 0.25));

            Assert.ThrowsException(typeof(PowerLossException), () => Spi(flash, 0x20, 0x00, 0x20, 0x00));

            Assert.AreEqual((byte)0xFF, flash.PeekByte(0x2000));
            Assert.AreEqual((byte)0x00, flash.PeekByte(0x2F80));
        }

        [TestMethod]
        public void AfterAPowerCutNothingAnswersUntilPowerReturnsAndTheArrayKeepsItsContents()
        {
            var flash = new NorFlashEmulator();
            Program(flash, 0x100, 0x5A);
            WaitReady(flash);
            flash.CutPowerAt(new PowerCut(flash.TransactionsSincePowerOn, 0));

            Assert.ThrowsException(typeof(PowerLossException), () => Spi(flash, 0x05, 0));
            Assert.ThrowsException(typeof(PowerLossException), () => Spi(flash, 0x9F, 0, 0, 0));

            flash.PowerOn();
            Assert.AreEqual((byte)0x5A, Read(flash, 0x100, 1)[0]);
            Assert.AreEqual((byte)0x00, (byte)(Spi(flash, 0x05, 0)[1] & 0x03));
        }

        [TestMethod]
        public void ABackingFileKeepsTheArrayAcrossRestarts()
        {
            string file = Path.Combine(Path.GetTempPath(), "commshub-test-" + Guid.NewGuid() + ".flash");
            try
            {
                using (var first = new NorFlashEmulator(backingFile: file))
                {
                    Program(first, 0x1234, 0xAB);
                    WaitReady(first);
                }

                using (var second = new NorFlashEmulator(backingFile: file))
                {
                    Assert.AreEqual((byte)0xAB, second.PeekByte(0x1234));
                }

                Assert.ThrowsException(typeof(InvalidDataException), () => new NorFlashEmulator(capacityCode: 0x17, backingFile: file).Dispose());
            }
            finally
            {
                File.Delete(file);
            }
        }

        internal static byte[] Spi(NorFlashEmulator flash, params byte[] tx)
        {
            byte[] rx = new byte[tx.Length];
            flash.TransferFullDuplex(tx, rx, tx.Length);
            return rx;
        }

        private static void Program(NorFlashEmulator flash, int address, params byte[] data) => Program(flash, address, data, enable: true);

        private static void Program(NorFlashEmulator flash, int address, byte[] data, bool enable)
        {
            if (enable)
            {
                Spi(flash, 0x06);
            }

            byte[] tx = new byte[4 + data.Length];
            tx[0] = 0x02;
            tx[1] = (byte)(address >> 16);
            tx[2] = (byte)(address >> 8);
            tx[3] = (byte)address;
            Array.Copy(data, 0, tx, 4, data.Length);
            flash.TransferFullDuplex(tx, null, tx.Length);
        }

        private static byte[] Read(NorFlashEmulator flash, int address, int count)
        {
            byte[] tx = new byte[4 + count];
            tx[0] = 0x03;
            tx[1] = (byte)(address >> 16);
            tx[2] = (byte)(address >> 8);
            tx[3] = (byte)address;
            byte[] rx = Spi(flash, tx);
            byte[] data = new byte[count];
            Array.Copy(rx, 4, data, 0, count);
            return data;
        }

        private static void WaitReady(NorFlashEmulator flash)
        {
            while ((Spi(flash, 0x05, 0)[1] & 0x01) != 0)
            {
            }
        }
    }
}
