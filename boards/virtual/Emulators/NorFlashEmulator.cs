using System;
using System.IO;
using CommsHub.Platform;

namespace CommsHub.VirtualBoard.Emulators
{
    /// <summary>
    /// A Winbond W25Q-family serial NOR flash at the chip's command level, as seen through its SPI pins.
    /// It keeps the datasheet behaviours a driver depends on: erase sets a 4 KB sector to 0xFF, page program
    /// only clears bits and wraps inside its 256-byte page, program and erase need the write-enable latch
    /// and clear it, and while the busy bit is set every instruction except Read Status is ignored.
    /// Power can fail at any transaction, leaving an interrupted program or erase partly done.
    /// Power-down (0xB9) makes it ignore everything but Release Power-down (0xAB). Block protection is
    /// modelled at its worst: any BP/TB/SEC bit, or CMP, protects the whole array (a real part protects the
    /// range those bits select), so a driver that does not clear them sees every program and erase ignored.
    /// </summary>
    public sealed class NorFlashEmulator : ISpiBus, IDisposable
    {
        public const int PageSize = 256;
        public const int SectorSize = 4096;

        private const byte StatusBusy = 0x01;
        private const byte StatusWel = 0x02;

        private readonly byte[] _memory;
        private readonly byte[] _uniqueId;
        private readonly int[] _eraseCounts;
        private readonly int _jedecId;
        private readonly FileStream _backing;
        private readonly Random _partialBits;
        private const byte StatusProtectBits = 0x7C;
        private const byte Status2Cmp = 0x40;

        private int _busyPollsLeft;
        private bool _writeEnabled;
        private bool _poweredDown;
        private byte _status1Protect;
        private byte _status2;
        private bool _poweredOn = true;
        private long _transactionsSincePowerOn;
        private PowerCut _plannedCut;

        /// <param name="capacityCode">JEDEC capacity byte: 0x16 = 4 MB (W25Q32), 0x17 = 8 MB (W25Q64).</param>
        public NorFlashEmulator(int capacityCode = 0x16, byte[] uniqueId = null, string backingFile = null, int seed = 1)
        {
            if (capacityCode < 0x11 || capacityCode > 0x19)
            {
                throw new ArgumentOutOfRangeException(nameof(capacityCode), "W25Q parts have capacity codes 0x11 to 0x19");
            }

            _jedecId = 0xEF4000 | capacityCode;
            _memory = new byte[1 << capacityCode];
            _eraseCounts = new int[_memory.Length / SectorSize];
            _uniqueId = uniqueId ?? new byte[] { 0x00, 0xDB, 0x12, 0x34, 0x56, 0x78, 0x90, 0xA2 };
            _partialBits = new Random(seed);
            Array.Fill(_memory, (byte)0xFF);
            if (backingFile != null)
            {
                _backing = LoadBacking(backingFile, _memory);
            }
        }

        /// <summary>Status reads the chip stays busy after a page program (typ. 0.7 ms on the real part).</summary>
        public int ProgramBusyPolls { get; set; } = 3;

        /// <summary>Status reads the chip stays busy after a sector erase (typ. 45 ms on the real part).</summary>
        public int EraseBusyPolls { get; set; } = 20;

        public int Capacity => _memory.Length;

        /// <summary>In power-down (0xB9), as a bootloader or earlier firmware may leave it; only 0xAB wakes it.</summary>
        public bool PoweredDown
        {
            get => _poweredDown;
            set => _poweredDown = value;
        }

        /// <summary>Status register 1 bits 2-6 (BP0-2, TB, SEC); non-volatile, so they survive power cycles.</summary>
        public byte BlockProtectBits
        {
            get => _status1Protect;
            set => _status1Protect = (byte)(value & StatusProtectBits);
        }

        /// <summary>Status register 2 (CMP is bit 6); non-volatile.</summary>
        public byte Status2
        {
            get => _status2;
            set => _status2 = value;
        }

        /// <summary>A chip that never finishes: the busy bit stays set for ever.</summary>
        public bool StuckBusy { get; set; }

        /// <summary>Program or erase instructions dropped because the array was block-protected.</summary>
        public long ProtectedRejections { get; private set; }

        private bool ArrayProtected => _status1Protect != 0 || (_status2 & Status2Cmp) != 0;

        public bool IsBusy => _busyPollsLeft > 0 || StuckBusy;

        public long PagePrograms { get; private set; }

        public long SectorErases { get; private set; }

        /// <summary>Instructions the chip dropped because it was busy or not write-enabled: a driver bug if ever non-zero.</summary>
        public long IgnoredInstructions { get; private set; }

        public long TransactionsSincePowerOn => _transactionsSincePowerOn;

        /// <summary>Erase count per sector, for wear figures.</summary>
        public int EraseCount(int sector) => _eraseCounts[sector];

        public void CutPowerAt(PowerCut cut)
        {
            _plannedCut = cut;
        }

        /// <summary>Power returns: volatile state (busy, write-enable latch) resets, the array keeps what was written.</summary>
        public void PowerOn()
        {
            _poweredOn = true;
            _busyPollsLeft = 0;
            _writeEnabled = false;
            _poweredDown = false;
            _transactionsSincePowerOn = 0;
            _plannedCut = null;
        }

        /// <summary>A direct look at the array, for tests and figures; firmware only ever goes through SPI.</summary>
        public byte PeekByte(int address) => _memory[address];

        public void TransferFullDuplex(byte[] writeBuffer, byte[] readBuffer, int length)
        {
            if (!_poweredOn)
            {
                throw new PowerLossException("Flash has no power");
            }

            if (length < 1 || writeBuffer == null || writeBuffer.Length < length || (readBuffer != null && readBuffer.Length < length))
            {
                throw new ArgumentException("SPI transfer of " + length + " bytes does not fit its buffers");
            }

            long index = _transactionsSincePowerOn++;
            bool cutNow = _plannedCut != null && index == _plannedCut.AtTransaction;
            if (readBuffer != null)
            {
                // MISO floats high while the chip has nothing to say.
                Array.Fill(readBuffer, (byte)0xFF, 0, length);
            }

            byte instruction = writeBuffer[0];
            if (_poweredDown)
            {
                // Deep power-down: the chip answers nothing (MISO stays high) until Release Power-down.
                _poweredDown = instruction != 0xAB;
                CutIf(cutNow, null, 0, 0);
                return;
            }

            if (IsBusy && instruction != 0x05)
            {
                IgnoredInstructions++;
                CutIf(cutNow, null, 0, 0);
                return;
            }

            switch (instruction)
            {
                case 0x9F:
                    Answer(readBuffer, length, 1, (byte)(_jedecId >> 16), (byte)(_jedecId >> 8), (byte)_jedecId);
                    break;
                case 0x05:
                    byte status = (byte)((IsBusy ? StatusBusy : 0) | (_writeEnabled ? StatusWel : 0) | _status1Protect);
                    for (int i = 1; i < length && readBuffer != null; i++)
                    {
                        readBuffer[i] = status;
                    }

                    if (_busyPollsLeft > 0)
                    {
                        _busyPollsLeft--;
                    }

                    break;
                case 0x35:
                    Answer(readBuffer, length, 1, _status2);
                    break;
                case 0x01:
                    WriteStatus(writeBuffer, length);
                    break;
                case 0xAB:
                    break;
                case 0xB9:
                    _poweredDown = true;
                    break;
                case 0x06:
                    _writeEnabled = true;
                    break;
                case 0x04:
                    _writeEnabled = false;
                    break;
                case 0x03:
                    ReadData(writeBuffer, readBuffer, length);
                    break;
                case 0x4B:
                    for (int i = 0; i < 8 && 5 + i < length && readBuffer != null; i++)
                    {
                        readBuffer[5 + i] = _uniqueId[i];
                    }

                    break;
                case 0x02:
                    PageProgram(writeBuffer, length, cutNow);
                    return;
                case 0x20:
                    SectorErase(writeBuffer, length, cutNow);
                    return;
                default:
                    IgnoredInstructions++;
                    break;
            }

            CutIf(cutNow, null, 0, 0);
        }

        public void Dispose() => _backing?.Dispose();

        private void ReadData(byte[] writeBuffer, byte[] readBuffer, int length)
        {
            if (length < 4 || readBuffer == null)
            {
                return;
            }

            int address = Address(writeBuffer);
            for (int i = 4; i < length; i++)
            {
                readBuffer[i] = _memory[address];
                address = (address + 1) % _memory.Length;
            }
        }

        private void WriteStatus(byte[] writeBuffer, int length)
        {
            if (!_writeEnabled || length < 2)
            {
                IgnoredInstructions++;
                return;
            }

            _status1Protect = (byte)(writeBuffer[1] & StatusProtectBits);
            if (length >= 3)
            {
                // The lock bits (LB1-3, bits 3-5) are one-time programmable: they can be set, never cleared.
                _status2 = (byte)((writeBuffer[2] & ~0x38) | (_status2 & 0x38) | (writeBuffer[2] & 0x38));
            }

            _writeEnabled = false;
            _busyPollsLeft = ProgramBusyPolls;
        }

        private void PageProgram(byte[] writeBuffer, int length, bool cutNow)
        {
            if (ArrayProtected && _writeEnabled)
            {
                ProtectedRejections++;
                _writeEnabled = false;
                CutIf(cutNow, null, 0, 0);
                return;
            }

            if (!_writeEnabled || length < 5)
            {
                IgnoredInstructions++;
                CutIf(cutNow, null, 0, 0);
                return;
            }

            int address = Address(writeBuffer);
            int pageStart = address & ~(PageSize - 1);
            int dataLength = length - 4;

            // More than a page of data: only the last 256 bytes are kept, as the datasheet says.
            int firstData = dataLength > PageSize ? 4 + dataLength - PageSize : 4;
            int count = length - firstData;
            int[] targets = new int[count];
            byte[] values = new byte[count];
            int column = (address + (firstData - 4)) & (PageSize - 1);
            for (int i = 0; i < count; i++)
            {
                targets[i] = pageStart + ((column + i) & (PageSize - 1));
                values[i] = writeBuffer[firstData + i];
            }

            _writeEnabled = false;
            PagePrograms++;
            int done = cutNow ? (int)(count * _plannedCut.Completed) : count;
            for (int i = 0; i < done; i++)
            {
                _memory[targets[i]] &= values[i];
            }

            if (cutNow && done < count)
            {
                // The byte being programmed when power failed has only some of its bits cleared.
                int t = targets[done];
                byte intended = (byte)(_memory[t] & values[done]);
                _memory[t] = (byte)(_memory[t] & (intended | (byte)_partialBits.Next(256)));
            }

            Persist(pageStart, PageSize);
            _busyPollsLeft = ProgramBusyPolls;
            CutIf(cutNow, "page program", address, count);
        }

        private void SectorErase(byte[] writeBuffer, int length, bool cutNow)
        {
            if (ArrayProtected && _writeEnabled)
            {
                ProtectedRejections++;
                _writeEnabled = false;
                CutIf(cutNow, null, 0, 0);
                return;
            }

            if (!_writeEnabled || length < 4)
            {
                IgnoredInstructions++;
                CutIf(cutNow, null, 0, 0);
                return;
            }

            int start = Address(writeBuffer) & ~(SectorSize - 1);
            _writeEnabled = false;
            SectorErases++;
            _eraseCounts[start / SectorSize]++;
            if (cutNow)
            {
                // An interrupted erase leaves the sector neither old nor blank: part erased, part with random bits set.
                int done = (int)(SectorSize * _plannedCut.Completed);
                for (int i = 0; i < SectorSize; i++)
                {
                    if (i < done)
                    {
                        _memory[start + i] = 0xFF;
                    }
                    else if (i < done + 64)
                    {
                        _memory[start + i] |= (byte)_partialBits.Next(256);
                    }
                }
            }
            else
            {
                Array.Fill(_memory, (byte)0xFF, start, SectorSize);
            }

            Persist(start, SectorSize);
            _busyPollsLeft = EraseBusyPolls;
            CutIf(cutNow, "sector erase", start, SectorSize);
        }

        private void CutIf(bool cutNow, string operation, int address, int count)
        {
            if (!cutNow)
            {
                return;
            }

            _poweredOn = false;
            string what = operation == null
                ? "at SPI transaction " + _plannedCut.AtTransaction
                : "during " + operation + " at 0x" + address.ToString("X6") + " (" + count + " bytes, "
                    + (int)(_plannedCut.Completed * 100) + "% done)";
            throw new PowerLossException("Power cut " + what);
        }

        private static void Answer(byte[] readBuffer, int length, int from, params byte[] bytes)
        {
            for (int i = 0; i < bytes.Length && from + i < length && readBuffer != null; i++)
            {
                readBuffer[from + i] = bytes[i];
            }
        }

        private int Address(byte[] writeBuffer)
        {
            return ((writeBuffer[1] << 16) | (writeBuffer[2] << 8) | writeBuffer[3]) % _memory.Length;
        }

        private void Persist(int start, int count)
        {
            if (_backing == null)
            {
                return;
            }

            _backing.Position = start;
            _backing.Write(_memory, start, count);
            _backing.Flush();
        }

        private static FileStream LoadBacking(string path, byte[] memory)
        {
            FileStream stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
            if (stream.Length == 0)
            {
                stream.Write(memory, 0, memory.Length);
                stream.Flush();
                return stream;
            }

            if (stream.Length != memory.Length)
            {
                long found = stream.Length;
                stream.Dispose();
                throw new InvalidDataException("Flash image " + path + " holds " + found + " bytes but the emulated chip has "
                    + memory.Length + "; use a matching capacity or a new file");
            }

            stream.ReadExactly(memory, 0, memory.Length);
            return stream;
        }
    }
}
