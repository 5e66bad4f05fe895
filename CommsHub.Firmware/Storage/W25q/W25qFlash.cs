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
        /// How long the busy bit may stay set: a 4 KB erase takes at most 400 ms and a page program 3 ms on the
        /// W25Q32JV/FV datasheets; a chip busy for longer is stuck (or MISO is held high).
        /// </summary>
        public const int BusyTimeoutMilliseconds = 1000;

        /// <summary>
        /// Backstop for a clock that does not move while we wait (a board without a clock, or a paused virtual
        /// clock): far more status reads than 1 s allows at any SPI clock the device can run.
        /// </summary>
        private const int MaximumBusyPolls = 1000000;

        private readonly ISpiBus _spi;
        private readonly IClock _clock;
        private readonly byte[] _tx = new byte[AddressedHeader + Page];
        private readonly byte[] _rx = new byte[AddressedHeader + Page];
        private int _jedecId;
        private int _capacity;
        private bool _eraseStarted;

        public W25qFlash(ISpiBus spi)
            : this(spi, null)
        {
        }

        /// <param name="clock">Bounds every busy-wait by <see cref="BusyTimeoutMilliseconds"/>; null bounds it by status reads only.</param>
        public W25qFlash(ISpiBus spi, IClock clock)
        {
            if (spi == null)
            {
                throw new ArgumentNullException("spi");
            }

            _spi = spi;
            _clock = clock;
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

        /// <summary>True when <see cref="Identify"/> found block protection set and cleared it.</summary>
        public bool ProtectionCleared { get; private set; }

        /// <summary>
        /// Wakes the chip, reads the JEDEC id, derives the capacity and clears block protection; must be called
        /// once before any other access.
        /// </summary>
        public void Identify()
        {
            // A chip left in power-down (by a bootloader or a previous firmware) answers nothing but Release
            // Power-down; it needs 3 µs afterwards, less than one SPI transaction takes on the device.
            _tx[0] = W25qCommand.ReleasePowerDown;
            _spi.TransferFullDuplex(_tx, null, 1);

            // A reset during an erase leaves the chip busy for up to 400 ms, and it ignores the JEDEC command until done.
            string busy = BusyFor();
            if (busy != null)
            {
                throw new FlashException("Flash stayed busy " + busy + " at start-up (JEDEC ID reads " + Hex.Format(ReadJedecId(), 6)
                    + "): no chip answering with MISO held high, or a stuck chip; check the flash chip-select and MISO wiring, then power-cycle");
            }

            _jedecId = ReadJedecId();
            int capacityCode = _jedecId & 0xFF;
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
            ClearBlockProtection();
        }

        private int ReadJedecId()
        {
            _tx[0] = W25qCommand.JedecId;
            _tx[1] = 0;
            _tx[2] = 0;
            _tx[3] = 0;
            _spi.TransferFullDuplex(_tx, _rx, 4);
            return (_rx[1] << 16) | (_rx[2] << 8) | _rx[3];
        }

        /// <summary>
        /// Factory parts and other firmware may leave BP/TB/SEC (or CMP) set, and a protected chip silently ignores
        /// program and erase. Clear them once, keeping every other bit (SR2's lock bits are one-time programmable).
        /// </summary>
        private void ClearBlockProtection()
        {
            int status1 = ReadStatus();
            int status2 = ReadRegister(W25qCommand.ReadStatusRegister2);
            ProtectionCleared = false;
            if ((status1 & W25qCommand.StatusBlockProtect) == 0 && (status2 & W25qCommand.Status2ComplementProtect) == 0)
            {
                return;
            }

            EnableWrite();
            _tx[0] = W25qCommand.WriteStatusRegister;
            _tx[1] = (byte)(status1 & ~W25qCommand.StatusBlockProtect);
            _tx[2] = (byte)(status2 & ~W25qCommand.Status2ComplementProtect);
            _spi.TransferFullDuplex(_tx, null, 3);
            WaitUntilReady();
            status1 = ReadStatus();
            status2 = ReadRegister(W25qCommand.ReadStatusRegister2);
            if ((status1 & W25qCommand.StatusBlockProtect) != 0 || (status2 & W25qCommand.Status2ComplementProtect) != 0)
            {
                throw new FlashException("Flash block protection could not be cleared (status " + Hex.Format(status1, 2) + " " + Hex.Format(status2, 2)
                    + "): /WP must be tied to 3.3 V");
            }

            ProtectionCleared = true;
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
            string busy = BusyFor();
            if (busy != null)
            {
                throw new FlashException("Flash stuck: still busy " + busy + " (a program or erase takes at most 400 ms); power-cycle the board");
            }
        }

        /// <summary>Waits for the busy bit to clear; null when it did, else how long it was seen busy.</summary>
        private string BusyFor()
        {
            long start = _clock != null ? _clock.MonotonicMilliseconds : 0;
            int polls = 0;
            while ((ReadStatus() & W25qCommand.StatusBusy) != 0)
            {
                polls++;
                long waited = _clock != null ? _clock.MonotonicMilliseconds - start : 0;
                if (waited > BusyTimeoutMilliseconds || polls >= MaximumBusyPolls)
                {
                    LastBusyPolls = polls;
                    return "after " + waited.ToString() + " ms and " + polls.ToString() + " status reads";
                }
            }

            LastBusyPolls = polls;
            return null;
        }

        private byte ReadStatus()
        {
            return ReadRegister(W25qCommand.ReadStatusRegister1);
        }

        private byte ReadRegister(byte command)
        {
            _tx[0] = command;
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
