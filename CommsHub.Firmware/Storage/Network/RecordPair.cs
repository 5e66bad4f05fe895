using CommsHub.Crypto;
using CommsHub.Platform;

namespace CommsHub.Storage.Network
{
    /// <summary>
    /// The newest of a series of fixed-length records, kept in two flash sectors that take turns. A record is
    /// magic, sequence number, body and CRC-32; the valid record with the highest sequence number is the current
    /// one. Records are appended; when a sector is full the other is erased and written next, so the previous
    /// record stays readable until a newer one is complete, and a power cut at any moment leaves either the old or
    /// the new record current, never neither.
    /// </summary>
    public sealed class RecordPair
    {
        private const int Overhead = 12;

        private readonly INorFlash _flash;
        private readonly int _start;
        private readonly int _sectorSize;
        private readonly int _recordLength;
        private readonly uint _magic;
        private readonly byte[] _record;
        private readonly byte[] _page;
        private int _sector;
        private int _offset;
        private bool _mounted;
        private uint _sequence;

        /// <summary>
        /// Records of <paramref name="recordLength"/> bytes (a divisor of the page size, so none crosses a page) in the
        /// two sectors from <paramref name="start"/>.
        /// </summary>
        public RecordPair(INorFlash flash, int start, int recordLength, uint magic)
        {
            if (recordLength <= Overhead || flash.PageSize % recordLength != 0)
            {
                throw new System.ArgumentException("record length must exceed 12 bytes and divide the flash page size");
            }

            _flash = flash;
            _start = start;
            _sectorSize = flash.SectorSize;
            _recordLength = recordLength;
            _magic = magic;
            _record = new byte[recordLength];
            _page = new byte[flash.PageSize];
        }

        /// <summary>Bytes of body a record carries.</summary>
        public int BodyLength
        {
            get { return _recordLength - Overhead; }
        }

        /// <summary>After <see cref="Mount"/>: whether a valid record exists.</summary>
        public bool HasCurrent { get; private set; }

        /// <summary>Sector erases this instance has made (each takes tens of ms on a W25Q).</summary>
        public int Erases { get; private set; }

        /// <summary>Finds the current record and copies its body into <paramref name="body"/>; false when there is none.</summary>
        public bool Mount(byte[] body)
        {
            HasCurrent = false;
            _sequence = 0;
            int newestSector = 0;
            int[] lastWritten = new int[2];
            for (int sector = 0; sector < 2; sector++)
            {
                int sectorStart = _start + (sector * _sectorSize);
                lastWritten[sector] = 0;

                // A page at a time: a few reads per sector instead of one per record.
                for (int page = 0; page < _sectorSize; page += _page.Length)
                {
                    _flash.Read(sectorStart + page, _page, 0, _page.Length);
                    for (int at = 0; at < _page.Length; at += _recordLength)
                    {
                        if (!IsBlank(at))
                        {
                            // A torn record is skipped, never overwritten: appends go after it.
                            lastWritten[sector] = page + at + _recordLength;
                        }

                        if (!IsValid(at))
                        {
                            continue;
                        }

                        uint sequence = LittleEndian.U32(_page, at + 4);
                        if (!HasCurrent || sequence > _sequence)
                        {
                            HasCurrent = true;
                            _sequence = sequence;
                            newestSector = sector;
                            System.Array.Copy(_page, at + 8, body, 0, BodyLength);
                        }
                    }
                }
            }

            _sector = newestSector;
            _offset = lastWritten[newestSector];
            _mounted = true;
            return HasCurrent;
        }

        /// <summary>Writes <paramref name="body"/> as the new current record. Call <see cref="Mount"/> first.</summary>
        public void Write(byte[] body)
        {
            if (!_mounted)
            {
                throw new System.InvalidOperationException("RecordPair.Write before Mount");
            }

            if (_offset + _recordLength > _sectorSize)
            {
                // This sector is full: the other one holds only older records, so it is the one to erase.
                _sector = 1 - _sector;
                _flash.EraseSector(_start + (_sector * _sectorSize));
                Erases++;
                _offset = 0;
            }

            _sequence++;
            for (int i = 0; i < _recordLength; i++)
            {
                _record[i] = 0xFF;
            }

            LittleEndian.PutU32(_record, 0, _magic);
            LittleEndian.PutU32(_record, 4, _sequence);
            System.Array.Copy(body, 0, _record, 8, BodyLength);
            LittleEndian.PutU32(_record, _recordLength - 4, Crc32.Compute(_record, 0, _recordLength - 4));
            _flash.ProgramPage(_start + (_sector * _sectorSize) + _offset, _record, 0, _recordLength);
            _offset += _recordLength;
            HasCurrent = true;
        }

        private bool IsValid(int at)
        {
            return LittleEndian.U32(_page, at) == _magic
                && LittleEndian.U32(_page, at + _recordLength - 4) == Crc32.Compute(_page, at, _recordLength - 4);
        }

        private bool IsBlank(int at)
        {
            for (int i = 0; i < _recordLength; i++)
            {
                if (_page[at + i] != 0xFF)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
