using System;
using CommsHub.Crypto;
using CommsHub.Platform;

namespace CommsHub.Storage.Metadata
{
    /// <summary>Whether a CRC-valid record's payload is one the owner can use.</summary>
    public delegate bool MetadataRecordCheck(byte[] payload, int offset, int length);

    /// <summary>
    /// An append-only log of whole-state records in a ring of flash sectors. Each record starts on a page,
    /// carries a sequence number and a CRC-32; the valid record with the highest sequence is the state. A
    /// record torn by a power cut fails its CRC and the one before it stands. A sector is erased only when the
    /// log moves into it, so many updates share one erase.
    /// </summary>
    public sealed class MetadataLog : IReclaimGuard
    {
        public const uint Magic = 0x444D4843;
        private const int HeaderLength = 10;
        private const int CrcLength = 4;

        private readonly INorFlash _flash;
        private readonly int _start;
        private readonly int _length;
        private readonly int _page;
        private readonly int _sector;
        private readonly byte[] _record;
        private readonly byte[] _probe = new byte[64];
        private int _append;
        private uint _sequence;

        public MetadataLog(INorFlash flash, int start, int length, int maximumPayload)
        {
            _flash = flash;
            _start = start;
            _length = length;
            _page = flash.PageSize;
            _sector = flash.SectorSize;
            _record = new byte[HeaderLength + maximumPayload + CrcLength];
        }

        public uint Sequence
        {
            get { return _sequence; }
        }

        /// <summary>The sector holding the newest record (where the next one goes unless it is full).</summary>
        public int CurrentSector
        {
            get
            {
                int at = _append > _start ? _append - 1 : _start;
                return _start + (((at - _start) / _sector) * _sector);
            }
        }

        /// <summary>
        /// The sector the log moves into when the current one is full. Its records are all older than the current
        /// sector's, so it may be erased ahead of time, in main-loop steps, instead of inside the append that needs it.
        /// </summary>
        public int NextSector
        {
            get
            {
                int next = CurrentSector + _sector;
                return next >= _start + _length ? _start : next;
            }
        }

        /// <summary>Never the sector the log is writing into: its newest record is the state.</summary>
        public bool MayErase(int sectorAddress)
        {
            return sectorAddress != CurrentSector;
        }

        /// <summary>Erases performed by this log since it was created: the wear figure.</summary>
        public int Erases { get; private set; }

        public int RecordsWritten { get; private set; }

        /// <summary>Page programs performed by this log: its share of the flash's program cycles.</summary>
        public int PagesProgrammed { get; private set; }

        /// <summary>CRC-valid records the owner's check refused at the last mount.</summary>
        public int RecordsRefused { get; private set; }

        /// <summary>Finds the newest valid record; returns its payload length (payload copied into <paramref name="payload"/>), or -1 when there is none.</summary>
        public int Mount(byte[] payload)
        {
            return Mount(payload, null);
        }

        /// <summary>
        /// As <see cref="Mount(byte[])"/>, but a record whose payload fails <paramref name="check"/> counts as torn: the
        /// one before it stands. New records still number past it, so it never outranks them.
        /// </summary>
        public int Mount(byte[] payload, MetadataRecordCheck check)
        {
            uint highest = 0;
            RecordsRefused = 0;
            int newestAt = -1;
            int newestLength = -1;
            _sequence = 0;
            byte[] header = new byte[HeaderLength];
            for (int at = _start; at < _start + _length; at += _page)
            {
                _flash.Read(at, header, 0, HeaderLength);
                uint magic = LittleEndian.U32(header, 0);
                int length = header[8] | (header[9] << 8);
                if (magic != Magic || length > _record.Length - HeaderLength - CrcLength || at + HeaderLength + length + CrcLength > SectorEnd(at))
                {
                    continue;
                }

                int total = HeaderLength + length + CrcLength;
                _flash.Read(at, _record, 0, total);
                if (Crc32.Compute(_record, 0, HeaderLength + length) != LittleEndian.U32(_record, HeaderLength + length))
                {
                    continue;
                }

                uint sequence = LittleEndian.U32(_record, 4);
                highest = sequence > highest ? sequence : highest;
                if (check != null && !check(_record, HeaderLength, length))
                {
                    RecordsRefused++;
                    at += ((total + _page - 1) / _page * _page) - _page;
                    continue;
                }

                if (newestAt < 0 || sequence > _sequence)
                {
                    _sequence = sequence;
                    newestAt = at;
                    newestLength = length;
                }

                at += ((total + _page - 1) / _page * _page) - _page;
            }

            if (newestAt < 0)
            {
                _sequence = highest;
                _append = _start;
                return -1;
            }

            _sequence = highest;
            _flash.Read(newestAt + HeaderLength, payload, 0, newestLength);
            _append = newestAt + (((HeaderLength + newestLength + CrcLength + _page - 1) / _page) * _page);
            return newestLength;
        }

        public void Append(byte[] payload, int length)
        {
            int total = HeaderLength + length + CrcLength;
            if (total > _record.Length)
            {
                throw new ArgumentException("Metadata record of " + total.ToString() + " bytes is larger than the log allows");
            }

            _sequence++;
            LittleEndian.PutU32(_record, 0, Magic);
            LittleEndian.PutU32(_record, 4, _sequence);
            _record[8] = (byte)length;
            _record[9] = (byte)(length >> 8);
            Array.Copy(payload, 0, _record, HeaderLength, length);
            LittleEndian.PutU32(_record, HeaderLength + length, Crc32.Compute(_record, 0, HeaderLength + length));

            int at = PlaceFor(total);
            for (int done = 0; done < total;)
            {
                int chunk = _page - ((at + done) % _page);
                if (chunk > total - done)
                {
                    chunk = total - done;
                }

                _flash.ProgramPage(at + done, _record, done, chunk);
                PagesProgrammed++;
                done += chunk;
            }

            _append = at + (((total + _page - 1) / _page) * _page);
            RecordsWritten++;
        }

        /// <summary>Where the next record goes: the next blank run of pages, moving (and erasing) into the next sector when needed.</summary>
        private int PlaceFor(int total)
        {
            int pages = (total + _page - 1) / _page;
            int at = _append;
            for (int guard = 0; guard <= _length / _page; guard++)
            {
                if (at >= _start + _length)
                {
                    at = _start;
                }

                if (at + (pages * _page) > SectorEnd(at))
                {
                    at = SectorEnd(at);
                    continue;
                }

                bool sectorStart = (at - _start) % _sector == 0;
                if (IsBlank(at, pages * _page))
                {
                    return at;
                }

                if (sectorStart)
                {
                    // Entering a sector that still holds old records (or a torn erase): reclaim it whole.
                    _flash.EraseSector(at);
                    Erases++;
                    return at;
                }

                // Leftovers of a record torn by a power cut: skip them.
                at += _page;
            }

            throw new InvalidOperationException("Metadata log found no place for a record");
        }

        private bool IsBlank(int at, int count)
        {
            for (int done = 0; done < count; done += _probe.Length)
            {
                int chunk = count - done < _probe.Length ? count - done : _probe.Length;
                _flash.Read(at + done, _probe, 0, chunk);
                for (int i = 0; i < chunk; i++)
                {
                    if (_probe[i] != 0xFF)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private int SectorEnd(int at)
        {
            return _start + (((at - _start) / _sector) + 1) * _sector;
        }

    }
}
