using CommsHub.Crypto;
using CommsHub.Platform;

namespace CommsHub.Storage.Network
{
    /// <summary>Takes the bodies a <see cref="RecordLog"/> replays at mount, oldest first.</summary>
    public interface IRecordSink
    {
        void Replay(byte[] body);
    }

    /// <summary>The state a <see cref="RecordLog"/> writes as a snapshot when its sector is full.</summary>
    public interface ISnapshotSource
    {
        int SnapshotCount { get; }

        void SnapshotBody(int index, byte[] body);
    }

    /// <summary>
    /// A log of fixed-length records (magic, sequence number, body, CRC-32) in two flash sectors that take turns. Records
    /// are appended, each one page program. When the current sector is full the other is erased and the whole state is
    /// written there as a snapshot closed by a commit record; only then do appends resume, so a sector with a commit
    /// holds the complete state, and the older sector stays intact until the newer one has its commit. At mount the
    /// sector holding the newest record is replayed when it is complete (it has a commit, or it is the first sector
    /// ever written); when its snapshot was cut short, the older sector is replayed and the snapshot made again.
    /// A record with a bad CRC is skipped (the records around it still count) and never overwritten.
    /// </summary>
    public sealed class RecordLog
    {
        private const int Overhead = 12;

        private readonly INorFlash _flash;
        private readonly int _start;
        private readonly int _sectorSize;
        private readonly int _recordLength;
        private readonly uint _magic;
        private readonly uint _commitMagic;
        private readonly byte[] _record;
        private readonly byte[] _page;
        private readonly byte[] _body;
        private int _sector;
        private int _offset;
        private uint _sequence;
        private bool _mounted;

        /// <summary>Records of <paramref name="recordLength"/> bytes (a divisor of the page size) in the two sectors from <paramref name="start"/>.</summary>
        public RecordLog(INorFlash flash, int start, int recordLength, uint magic)
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
            _commitMagic = ~magic;
            _record = new byte[recordLength];
            _page = new byte[flash.PageSize];
            _body = new byte[recordLength - Overhead];
        }

        public int BodyLength
        {
            get { return _recordLength - Overhead; }
        }

        /// <summary>Records a sector holds: a snapshot may use all but two (its commit and one append).</summary>
        public int RecordsPerSector
        {
            get { return _sectorSize / _recordLength; }
        }

        /// <summary>Sector erases this instance has made (each tens of ms on a W25Q, the log's only slow step).</summary>
        public int Erases { get; private set; }

        /// <summary>Records skipped at the latest mount because their CRC or magic was wrong (torn or corrupted).</summary>
        public int Damaged { get; private set; }

        /// <summary>After <see cref="Mount"/>: the newest sector's snapshot had been cut short and must be made again.</summary>
        public bool SnapshotInterrupted { get; private set; }

        /// <summary>True when the next <see cref="Append"/> fits in the current sector.</summary>
        public bool HasRoom
        {
            get { return _offset + _recordLength <= _sectorSize; }
        }

        /// <summary>Replays the complete state into <paramref name="sink"/>; afterwards <see cref="SnapshotInterrupted"/> says whether to compact.</summary>
        public void Mount(IRecordSink sink)
        {
            bool[] any = new bool[2];
            bool[] commit = new bool[2];
            uint[] newest = new uint[2];
            int[] lastWritten = new int[2];
            for (int sector = 0; sector < 2; sector++)
            {
                Scan(sector, null, out any[sector], out commit[sector], out newest[sector], out lastWritten[sector]);
            }

            int current = any[1] && (!any[0] || newest[1] > newest[0]) ? 1 : 0;
            int other = 1 - current;
            bool complete = commit[current] || !any[other];
            SnapshotInterrupted = !complete;
            bool a;
            bool c;
            uint n;
            int w;
            Damaged = 0;
            Scan(complete ? current : other, sink, out a, out c, out n, out w);
            _sequence = newest[current] > newest[other] ? newest[current] : newest[other];
            _sector = current;
            _offset = lastWritten[current];
            _mounted = true;
        }

        /// <summary>Appends one record (one page program). Call only when <see cref="HasRoom"/>; otherwise <see cref="Compact"/>.</summary>
        public void Append(byte[] body)
        {
            if (!_mounted || !HasRoom)
            {
                throw new System.InvalidOperationException("RecordLog.Append before Mount or with the sector full");
            }

            Write(_magic, body);
        }

        /// <summary>
        /// Erases the other sector and writes <paramref name="source"/>'s state there, then the commit: one sector erase
        /// and at most <see cref="RecordsPerSector"/> - 1 page programs.
        /// </summary>
        public void Compact(ISnapshotSource source)
        {
            if (!_mounted)
            {
                throw new System.InvalidOperationException("RecordLog.Compact before Mount");
            }

            int count = source.SnapshotCount;
            if (count > RecordsPerSector - 2)
            {
                throw new System.ArgumentException("a snapshot must leave room for its commit and one append");
            }

            // Outside a cut-short snapshot the current sector is complete; the other one is the one to reuse.
            int target = SnapshotInterrupted ? _sector : 1 - _sector;
            _flash.EraseSector(_start + (target * _sectorSize));
            Erases++;
            _sector = target;
            _offset = 0;
            for (int i = 0; i < count; i++)
            {
                for (int b = 0; b < _body.Length; b++)
                {
                    _body[b] = 0;
                }

                source.SnapshotBody(i, _body);
                Write(_magic, _body);
            }

            for (int b = 0; b < _body.Length; b++)
            {
                _body[b] = 0;
            }

            Write(_commitMagic, _body);
            SnapshotInterrupted = false;
        }

        private void Write(uint magic, byte[] body)
        {
            _sequence++;
            LittleEndian.PutU32(_record, 0, magic);
            LittleEndian.PutU32(_record, 4, _sequence);
            System.Array.Copy(body, 0, _record, 8, BodyLength);
            LittleEndian.PutU32(_record, _recordLength - 4, Crc32.Compute(_record, 0, _recordLength - 4));
            _flash.ProgramPage(_start + (_sector * _sectorSize) + _offset, _record, 0, _recordLength);
            _offset += _recordLength;
        }

        private void Scan(int sector, IRecordSink sink, out bool any, out bool commit, out uint newest, out int lastWritten)
        {
            any = false;
            commit = false;
            newest = 0;
            lastWritten = 0;
            int sectorStart = _start + (sector * _sectorSize);
            for (int page = 0; page < _sectorSize; page += _page.Length)
            {
                _flash.Read(sectorStart + page, _page, 0, _page.Length);
                for (int at = 0; at < _page.Length; at += _recordLength)
                {
                    bool blank = IsBlank(at);
                    if (!blank)
                    {
                        // A torn record is skipped, never overwritten: appends go after it.
                        lastWritten = page + at + _recordLength;
                    }

                    uint magic = LittleEndian.U32(_page, at);
                    bool valid = (magic == _magic || magic == _commitMagic)
                        && LittleEndian.U32(_page, at + _recordLength - 4) == Crc32.Compute(_page, at, _recordLength - 4);
                    if (!valid)
                    {
                        Damaged += blank || sink == null ? 0 : 1;
                        continue;
                    }

                    uint sequence = LittleEndian.U32(_page, at + 4);
                    any = true;
                    newest = sequence > newest ? sequence : newest;
                    if (magic == _commitMagic)
                    {
                        commit = true;
                    }
                    else if (sink != null)
                    {
                        System.Array.Copy(_page, at + 8, _body, 0, BodyLength);
                        sink.Replay(_body);
                    }
                }
            }
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
