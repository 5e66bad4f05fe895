using CommsHub.Crypto;
using CommsHub.Platform;

namespace CommsHub.Storage.Devices
{
    /// <summary>
    /// The CHF Device Log and the Historic Device Log in flash: each change writes the whole of both as one record
    /// (magic, sequence number, body, CRC-32) of <see cref="RecordLength"/> bytes, four to a sector, in two sectors that
    /// take turns. The valid record with the highest sequence number is the log. The CRC is in the record's last page,
    /// programmed last, so a record cut short by a power cut never reads as valid and the one before it stays current;
    /// a sector is erased only when the other holds the newest record.
    /// </summary>
    public sealed class DeviceLogStore
    {
        public const int Sectors = 2;

        /// <summary>Four pages: room for 16 entries and 15 historic entries with a page to spare.</summary>
        public const int RecordLength = 1024;

        public const int BodyLength = RecordLength - 12;

        private const uint Magic = 0x474C4443; // "CDLG"

        private readonly INorFlash _flash;
        private readonly int _start;
        private readonly int _sectorSize;
        private readonly byte[] _record = new byte[RecordLength];
        private int _sector;
        private int _offset;
        private uint _sequence;
        private bool _mounted;

        public DeviceLogStore(INorFlash flash, int start)
        {
            if (flash.SectorSize % RecordLength != 0 || RecordLength % flash.PageSize != 0)
            {
                throw new System.ArgumentException("the Device Log's records must tile the flash's pages and sectors");
            }

            _flash = flash;
            _start = start;
            _sectorSize = flash.SectorSize;
            Body = new byte[BodyLength];
        }

        /// <summary>The current record's body after <see cref="Mount"/>; what <see cref="Write"/> stores.</summary>
        public byte[] Body { get; private set; }

        /// <summary>Sector erases this instance has made.</summary>
        public int Erases { get; private set; }

        /// <summary>Reads the newest valid record into <see cref="Body"/>; false when the flash holds none.</summary>
        public bool Mount()
        {
            bool found = false;
            _sequence = 0;
            int newestSector = 0;
            int[] lastWritten = new int[Sectors];
            for (int sector = 0; sector < Sectors; sector++)
            {
                for (int at = 0; at < _sectorSize; at += RecordLength)
                {
                    _flash.Read(_start + (sector * _sectorSize) + at, _record, 0, RecordLength);
                    if (IsBlank())
                    {
                        continue;
                    }

                    // A torn record is skipped, never written over: appends go after it.
                    lastWritten[sector] = at + RecordLength;
                    if (LittleEndian.U32(_record, 0) != Magic
                        || LittleEndian.U32(_record, RecordLength - 4) != Crc32.Compute(_record, 0, RecordLength - 4))
                    {
                        continue;
                    }

                    uint sequence = LittleEndian.U32(_record, 4);
                    if (!found || sequence > _sequence)
                    {
                        found = true;
                        _sequence = sequence;
                        newestSector = sector;
                        System.Array.Copy(_record, 8, Body, 0, BodyLength);
                    }
                }
            }

            if (!found)
            {
                for (int i = 0; i < BodyLength; i++)
                {
                    Body[i] = 0;
                }
            }

            _sector = newestSector;
            _offset = lastWritten[newestSector];
            _mounted = true;
            return found;
        }

        /// <summary>Stores <see cref="Body"/> as the new current record.</summary>
        public void Write()
        {
            if (!_mounted)
            {
                throw new System.InvalidOperationException("DeviceLogStore.Write before Mount");
            }

            if (_offset + RecordLength > _sectorSize)
            {
                // The other sector holds only records older than the newest one in this sector.
                _sector = 1 - _sector;
                _flash.EraseSector(_start + (_sector * _sectorSize));
                Erases++;
                _offset = 0;
            }

            _sequence++;
            LittleEndian.PutU32(_record, 0, Magic);
            LittleEndian.PutU32(_record, 4, _sequence);
            System.Array.Copy(Body, 0, _record, 8, BodyLength);
            LittleEndian.PutU32(_record, RecordLength - 4, Crc32.Compute(_record, 0, RecordLength - 4));
            int address = _start + (_sector * _sectorSize) + _offset;
            int page = _flash.PageSize;
            for (int at = 0; at < RecordLength; at += page)
            {
                _flash.ProgramPage(address + at, _record, at, page);
            }

            _offset += RecordLength;
        }

        private bool IsBlank()
        {
            for (int i = 0; i < RecordLength; i++)
            {
                if (_record[i] != 0xFF)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
