using CommsHub.Mac.Coordinator;
using CommsHub.Nwk;
using CommsHub.Platform;
using CommsHub.TrustCenter;

namespace CommsHub.Storage.Network
{
    /// <summary>
    /// The hub's devices in flash, so a reboot resumes them without rejoins: each child's EUI-64, short address and
    /// rx-on-when-idle, its incoming NWK frame counter (saved lazily, <see cref="IncomingCounterPolicy"/>) and its link
    /// key with one flags byte (bit 0: the key was established by CBKE, authorised). One 64-byte CRC'd record per change of a device,
    /// in a <see cref="RecordLog"/>: a change costs one page program; a full sector costs one sector erase and a
    /// snapshot (bounded: one erase per 31 or more records, not sliced). A RAM copy of what flash holds means a
    /// record is written only when something kept changed.
    /// </summary>
    public sealed class DeviceTableStore : IRecordSink, ISnapshotSource
    {
        public const int Sectors = 2;

        private const int RecordLength = 64;
        private const uint Magic = 0x56444E43;
        private const byte KindDevice = 1;
        private const byte KindRemoved = 2;
        private const byte StateChild = 0x01;
        private const byte StateRxOn = 0x02;
        private const byte StateKey = 0x04;
        private const byte StateCounter = 0x08;

        /// <summary>Key flags bit: the link key came from CBKE and is authorised for the Smart Energy clusters.</summary>
        private const byte KeyAuthorised = 0x01;

        private readonly RecordLog _log;
        private readonly ulong[] _device = new ulong[DeviceTablePolicy.Capacity];
        private readonly ushort[] _short = new ushort[DeviceTablePolicy.Capacity];
        private readonly byte[] _state = new byte[DeviceTablePolicy.Capacity];
        private readonly byte[] _keyFlags = new byte[DeviceTablePolicy.Capacity];
        private readonly byte[] _keys = new byte[DeviceTablePolicy.Capacity * 16];
        private readonly uint[] _counter = new uint[DeviceTablePolicy.Capacity];
        private readonly long[] _savedAt = new long[DeviceTablePolicy.Capacity];
        private readonly bool[] _used = new bool[DeviceTablePolicy.Capacity];
        private readonly byte[] _body;
        private CoordinatorMac _mac;
        private NeighbourTable _neighbours;
        private LinkKeyTable _linkKeys;
        private IClock _clock;
        private bool _restoring;

        public DeviceTableStore(INorFlash flash, int start)
        {
            _log = new RecordLog(flash, start, RecordLength, Magic);
            _body = new byte[_log.BodyLength];
        }

        /// <summary>Devices kept.</summary>
        public int Count
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _used.Length; i++)
                {
                    n += _used[i] ? 1 : 0;
                }

                return n;
            }
        }

        /// <summary>Records written since construction (appends and snapshot records).</summary>
        public int RecordsWritten { get; private set; }

        public int Erases
        {
            get { return _log.Erases; }
        }

        /// <summary>Records skipped at mount because their CRC was wrong.</summary>
        public int DamagedRecords
        {
            get { return _log.Damaged; }
        }

        /// <summary>Devices not kept because the table was full.</summary>
        public int Refused { get; private set; }

        /// <summary>Why the latest device could not be kept, or null.</summary>
        public string Problem { get; private set; }

        /// <summary>Reads what flash holds; finishes a snapshot a power cut interrupted.</summary>
        public void Mount()
        {
            for (int i = 0; i < _used.Length; i++)
            {
                _used[i] = false;
            }

            _log.Mount(this);
            if (_log.SnapshotInterrupted)
            {
                _log.Compact(this);
                RecordsWritten += Count + 1;
            }
        }

        /// <summary>The saved incoming counter of <paramref name="device"/>, or -1 when none is kept.</summary>
        public long SavedCounterOf(ulong device)
        {
            int m = IndexOf(device);
            return m >= 0 && (_state[m] & StateCounter) != 0 ? _counter[m] : -1;
        }

        /// <summary>Whether <paramref name="device"/> is kept in flash.</summary>
        public bool Holds(ulong device)
        {
            return IndexOf(device) >= 0;
        }

        /// <summary>
        /// Puts the kept devices into the MAC's child table, the NWK neighbour table and the link key table (call before
        /// the MAC handles a frame), then keeps them up to date from those tables' events.
        /// </summary>
        public void Attach(CoordinatorMac mac, NeighbourTable neighbours, LinkKeyTable linkKeys, IClock clock)
        {
            _mac = mac;
            _neighbours = neighbours;
            _linkKeys = linkKeys;
            _clock = clock;
            _restoring = true;
            for (int m = 0; m < _used.Length; m++)
            {
                if (!_used[m])
                {
                    continue;
                }

                bool rxOn = (_state[m] & StateRxOn) != 0;
                if ((_state[m] & StateChild) != 0)
                {
                    mac.Children.Put(_device[m], _short[m], rxOn);
                    neighbours.Restore(_device[m], _short[m], rxOn, (_state[m] & StateCounter) != 0, _counter[m]);
                }

                if ((_state[m] & StateKey) != 0)
                {
                    linkKeys.Put(_device[m], _keys, m * 16, (_keyFlags[m] & KeyAuthorised) != 0);
                }

                _savedAt[m] = clock.MonotonicMilliseconds;
            }

            _restoring = false;
            mac.ChildAssociated += OnChild;
            mac.ChildLeft += OnChild;
            linkKeys.Changed += Sync;
            neighbours.CounterAccepted += OnCounterAccepted;
        }

        public void Replay(byte[] body)
        {
            ulong device = LittleEndian.U64(body, 1);
            int m = IndexOf(device);
            if (body[0] == KindRemoved)
            {
                if (m >= 0)
                {
                    _used[m] = false;
                }

                return;
            }

            if (body[0] != KindDevice)
            {
                return;
            }

            m = m >= 0 ? m : FreeSlot();
            if (m < 0)
            {
                Problem = "more devices in flash than the table holds";
                return;
            }

            _used[m] = true;
            _device[m] = device;
            _short[m] = LittleEndian.U16(body, 9);
            _state[m] = body[11];
            _keyFlags[m] = body[12];
            System.Array.Copy(body, 13, _keys, m * 16, 16);
            _counter[m] = LittleEndian.U32(body, 29);
        }

        public int SnapshotCount
        {
            get { return Count; }
        }

        public void SnapshotBody(int index, byte[] body)
        {
            int n = -1;
            for (int m = 0; m < _used.Length; m++)
            {
                n += _used[m] ? 1 : 0;
                if (n == index)
                {
                    Encode(m, body);
                    return;
                }
            }
        }

        private void OnChild(ulong device, ushort shortAddress)
        {
            Sync(device);
        }

        /// <summary>A child left on its own (NWK Leave): the MAC's table changed without a MAC event.</summary>
        public void OnLeft(ulong device, ushort shortAddress, bool rejoin)
        {
            Sync(device);
        }

        /// <summary>A device rejoined: the NWK layer may have placed it in the MAC's table without a MAC event.</summary>
        public void OnRejoined(ulong device, ushort shortAddress, bool secured)
        {
            Sync(device);
        }

        /// <summary>Brings the kept copy of <paramref name="device"/> in line with the live tables; writes if it changed.</summary>
        private void Sync(ulong device)
        {
            if (_restoring)
            {
                return;
            }

            int child = _mac.Children.IndexOf(device);
            int key = _linkKeys.IndexOf(device);
            int m = IndexOf(device);
            if (child < 0 && key < 0)
            {
                if (m >= 0)
                {
                    _used[m] = false;
                    for (int i = 0; i < _body.Length; i++)
                    {
                        _body[i] = 0;
                    }

                    _body[0] = KindRemoved;
                    LittleEndian.PutU64(_body, 1, device);
                    Write(_body);
                }

                return;
            }

            bool added = false;
            if (m < 0)
            {
                m = FreeSlot();
                if (m < 0)
                {
                    Refused++;
                    Problem = "device table full: " + Eui64.FromValue(device).ToString() + " is served but not kept across reboots";
                    return;
                }

                added = true;
                _used[m] = true;
                _device[m] = device;
                _state[m] = 0;
                _short[m] = 0;
                _counter[m] = 0;
            }

            byte state = (byte)(_state[m] & StateCounter);
            ushort shortAddress = _short[m];
            if (child >= 0)
            {
                state |= StateChild;
                state |= _mac.Children.RxOnWhenIdleAt(child) ? StateRxOn : (byte)0;
                shortAddress = _mac.Children.ShortAt(child);
            }
            else
            {
                // A device that left starts a fresh counter when it comes back (the neighbour table forgets it).
                state = (byte)(state & ~StateCounter);
            }

            bool changed = added || state != _state[m] || shortAddress != _short[m];
            if (key >= 0)
            {
                state |= StateKey;
                int at = _linkKeys.KeyOffset(key);
                for (int i = 0; i < 16; i++)
                {
                    changed |= _keys[(m * 16) + i] != _linkKeys.Keys[at + i];
                    _keys[(m * 16) + i] = _linkKeys.Keys[at + i];
                }
            }

            byte flags = key >= 0 && _linkKeys.IsAuthorised(key) ? KeyAuthorised : (byte)0;
            changed |= state != _state[m] || flags != _keyFlags[m];
            _state[m] = state;
            _short[m] = shortAddress;
            _keyFlags[m] = flags;
            if (changed)
            {
                Encode(m, _body);
                Write(_body);
            }
        }

        private void OnCounterAccepted(ulong device, uint counter)
        {
            int m = IndexOf(device);
            if (m < 0 || (_state[m] & StateChild) == 0)
            {
                return;
            }

            long now = _clock.MonotonicMilliseconds;
            bool saved = (_state[m] & StateCounter) != 0;
            bool due = !saved || counter - _counter[m] >= IncomingCounterPolicy.SaveEveryFrames
                || (counter != _counter[m] && now - _savedAt[m] >= IncomingCounterPolicy.SaveEverySeconds * 1000L);
            if (!due)
            {
                return;
            }

            _state[m] |= StateCounter;
            _counter[m] = counter;
            _savedAt[m] = now;
            Encode(m, _body);
            Write(_body);
        }

        private void Encode(int m, byte[] body)
        {
            for (int i = 0; i < body.Length; i++)
            {
                body[i] = 0;
            }

            body[0] = KindDevice;
            LittleEndian.PutU64(body, 1, _device[m]);
            LittleEndian.PutU16(body, 9, _short[m]);
            body[11] = _state[m];
            body[12] = _keyFlags[m];
            System.Array.Copy(_keys, m * 16, body, 13, 16);
            LittleEndian.PutU32(body, 29, _counter[m]);
        }

        private void Write(byte[] body)
        {
            if (_log.HasRoom)
            {
                _log.Append(body);
                RecordsWritten++;
                return;
            }

            // The snapshot is taken from the RAM copy, which already holds this change.
            _log.Compact(this);
            RecordsWritten += Count + 1;
        }

        private int IndexOf(ulong device)
        {
            for (int m = 0; m < _used.Length; m++)
            {
                if (_used[m] && _device[m] == device)
                {
                    return m;
                }
            }

            return -1;
        }

        private int FreeSlot()
        {
            for (int m = 0; m < _used.Length; m++)
            {
                if (!_used[m])
                {
                    return m;
                }
            }

            return -1;
        }
    }
}
