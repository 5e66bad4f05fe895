using System;
using CommsHub.Platform;

namespace CommsHub.Storage.W25q
{
    /// <summary>
    /// Driver for Winbond W25Q serial NOR flash over one SPI device. Every program and erase waits for
    /// the chip's busy bit to clear before returning, because the chip silently ignores commands while busy.
    /// </summary>
    public sealed class W25qFlash : INorFlash, IBackgroundErase
    {
        public const int Page = 256;
        public const int Sector = 4096;
        private const int AddressedHeader = 4;

        /// <summary>
        /// Bounded busy-wait: a 4 KB erase takes up to 400 ms on the slowest parts; this many status reads
        /// is far beyond that at any SPI clock, so hitting it means the chip is stuck or absent.
        /// </summary>
        private const int MaximumBusyPolls = 1000000;

        private readonly ISpiBus _spi;
        private readonly byte[] _tx = new byte[AddressedHeader + Page];
        private readonly byte[] _rx = new byte[AddressedHeader + Page];
        private int _jedecId;
        private int _capacity;
        private bool _eraseStarted;

        public W25qFlash(ISpiBus spi)
        {
            if (spi == null)
            {
                throw new ArgumentNullException("spi");
            }

            _spi = spi;
        }

        public int JedecId
        {
            get { return _jedecId; }
        }

        public int CapacityBytes
        {
            get { return _capacity; }
        }

        public int SectorSize
        {
            get { return Sector; }
        }

        public int PageSize
        {
            get { return Page; }
        }

        /// <summary>Number of status reads the last program or erase needed; shows the wait really happens.</summary>
        public int LastBusyPolls { get; private set; }

        /// <summary>Reads the JEDEC id and derives the capacity; must be called once before any other access.</summary>
        public void Identify()
        {
            _tx[0] = W25qCommand.JedecId;
            _tx[1] = 0;
            _tx[2] = 0;
            _tx[3] = 0;
            _spi.TransferFullDuplex(_tx, _rx, 4);
            int manufacturer = _rx[1];
            int memoryType = _rx[2];
            int capacityCode = _rx[3];
            _jedecId = (manufacturer << 16) | (memoryType << 8) | capacityCode;

            if (_jedecId == 0xFFFFFF || _jedecId == 0)
            {
                throw new FlashException("No flash chip answered JEDEC ID (read " + Hex.Format(_jedecId, 6)
                    + "): check the flash chip-select and MISO wiring");
            }

            if (capacityCode < 0x11 || capacityCode > 0x19)
            {
                throw new FlashException("JEDEC ID " + Hex.Format(_jedecId, 6)
                    + " has capacity code " + Hex.Format(capacityCode, 2) + ", not a 128 KB to 32 MB W25Q part");
            }

            _capacity = 1 << capacityCode;
        }

        /// <summary>The chip's factory-programmed 64-bit unique id, most significant byte first.</summary>
        public byte[] ReadUniqueId()
        {
            for (int i = 0; i < 13; i++)
            {
                _tx[i] = 0;
            }

            _tx[0] = W25qCommand.ReadUniqueId;
            _spi.TransferFullDuplex(_tx, _rx, 13);
            byte[] id = new byte[8];
            Array.Copy(_rx, 5, id, 0, 8);
            return id;
        }

        public void Read(int address, byte[] buffer, int offset, int count)
        {
            CheckRange(address, count);
            CheckBuffer(buffer, offset, count);
            FinishBackgroundErase();
            while (count > 0)
            {
                int chunk = count < Page ? count : Page;
                WriteHeader(W25qCommand.ReadData, address);
                _spi.TransferFullDuplex(_tx, _rx, AddressedHeader + chunk);
                Array.Copy(_rx, AddressedHeader, buffer, offset, chunk);
                address += chunk;
                offset += chunk;
                count -= chunk;
            }
        }

        public void ProgramPage(int address, byte[] buffer, int offset, int count)
        {
            CheckRange(address, count);
            CheckBuffer(buffer, offset, count);
            if (count == 0)
            {
                return;
            }

            if ((address % Page) + count > Page)
            {
                throw new ArgumentException("Page program at " + Hex.Format(address, 6) + " of " + count.ToString()
                    + " bytes crosses a 256-byte page boundary; the chip would wrap to the page start");
            }

            EnableWrite();
            WriteHeader(W25qCommand.PageProgram, address);
            Array.Copy(buffer, offset, _tx, AddressedHeader, count);
            _spi.TransferFullDuplex(_tx, null, AddressedHeader + count);
            WaitUntilReady();
        }

        public void EraseSector(int address)
        {
            CheckRange(address, 0);
            if (address % Sector != 0)
            {
                throw new ArgumentException("Sector erase address " + Hex.Format(address, 6) + " is not 4 KB aligned");
            }

            EnableWrite();
            WriteHeader(W25qCommand.SectorErase4K, address);
            _spi.TransferFullDuplex(_tx, null, AddressedHeader);
            WaitUntilReady();
        }

        public void StartEraseSector(int address)
        {
            CheckRange(address, 0);
            if (address % Sector != 0)
            {
                throw new ArgumentException("Sector erase address " + Hex.Format(address, 6) + " is not 4 KB aligned");
            }

            EnableWrite();
            WriteHeader(W25qCommand.SectorErase4K, address);
            _spi.TransferFullDuplex(_tx, null, AddressedHeader);
            _eraseStarted = true;
        }

        public bool EraseBusy
        {
            get
            {
                if (!_eraseStarted)
                {
                    return false;
                }

                _eraseStarted = (ReadStatus() & W25qCommand.StatusBusy) != 0;
                return _eraseStarted;
            }
        }

        /// <summary>A read while the chip erases would return garbage: wait for a background erase first.</summary>
        private void FinishBackgroundErase()
        {
            if (_eraseStarted)
            {
                WaitUntilReady();
                _eraseStarted = false;
            }
        }

        private void EnableWrite()
        {
            WaitUntilReady();
            _eraseStarted = false;
            _tx[0] = W25qCommand.WriteEnable;
            _spi.TransferFullDuplex(_tx, null, 1);
            if ((ReadStatus() & W25qCommand.StatusWriteEnableLatch) == 0)
            {
                throw new FlashException("Write enable latch did not set: the flash is write-protected or not responding");
            }
        }

        private void WaitUntilReady()
        {
            int polls = 0;
            while ((ReadStatus() & W25qCommand.StatusBusy) != 0)
            {
                polls++;
                if (polls >= MaximumBusyPolls)
                {
                    throw new FlashException("Flash stayed busy for " + polls.ToString() + " status reads");
                }
            }

            LastBusyPolls = polls;
        }

        private byte ReadStatus()
        {
            _tx[0] = W25qCommand.ReadStatusRegister1;
            _tx[1] = 0;
            _spi.TransferFullDuplex(_tx, _rx, 2);
            return _rx[1];
        }

        private void WriteHeader(byte command, int address)
        {
            _tx[0] = command;
            _tx[1] = (byte)(address >> 16);
            _tx[2] = (byte)(address >> 8);
            _tx[3] = (byte)address;
        }

        private void CheckRange(int address, int count)
        {
            if (_capacity == 0)
            {
                throw new InvalidOperationException("Flash not identified: call Identify first");
            }

            if (address < 0 || count < 0 || address + count > _capacity)
            {
                throw new ArgumentOutOfRangeException("address", "Range " + Hex.Format(address, 6) + "+" + count.ToString()
                    + " is outside the " + _capacity.ToString() + "-byte flash");
            }
        }

        private static void CheckBuffer(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                throw new ArgumentOutOfRangeException("offset", "Buffer range does not fit the buffer");
            }
        }
    }
}
