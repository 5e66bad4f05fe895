namespace CommsHub.Nwk
{
    /// <summary>
    /// The hub's neighbours (today: its children): EUI-64, short address, whether the receiver is on when idle,
    /// and the last NWK frame counter accepted from that EUI-64, so a replayed frame is refused. Fixed capacity,
    /// no allocation after construction.
    /// </summary>
    public sealed class NeighbourTable
    {
        private readonly ulong[] _extended;
        private readonly ushort[] _short;
        private readonly bool[] _rxOnWhenIdle;
        private readonly uint[] _incoming;
        private readonly bool[] _heard;
        private readonly bool[] _used;

        public NeighbourTable(int capacity)
        {
            _extended = new ulong[capacity];
            _short = new ushort[capacity];
            _rxOnWhenIdle = new bool[capacity];
            _incoming = new uint[capacity];
            _heard = new bool[capacity];
            _used = new bool[capacity];
        }

        public int Capacity
        {
            get { return _used.Length; }
        }

        public int Count
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _used.Length; i++)
                {
                    if (_used[i])
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        /// <summary>
        /// Adds a neighbour or updates its address. A device that joins again starts a fresh incoming counter only
        /// when it is new here: an entry that exists keeps its counter, so a rejoin cannot reopen old counters.
        /// </summary>
        public bool Put(ulong extended, ushort shortAddress, bool rxOnWhenIdle)
        {
            int slot = IndexOf(extended);
            if (slot < 0)
            {
                for (int i = 0; i < _used.Length && slot < 0; i++)
                {
                    if (!_used[i])
                    {
                        slot = i;
                    }
                }

                if (slot < 0)
                {
                    return false;
                }

                _heard[slot] = false;
                _incoming[slot] = 0;
            }

            _used[slot] = true;
            _extended[slot] = extended;
            _short[slot] = shortAddress;
            _rxOnWhenIdle[slot] = rxOnWhenIdle;
            return true;
        }

        public bool Remove(ulong extended)
        {
            int slot = IndexOf(extended);
            if (slot < 0)
            {
                return false;
            }

            _used[slot] = false;
            return true;
        }

        public int IndexOf(ulong extended)
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && _extended[i] == extended)
                {
                    return i;
                }
            }

            return -1;
        }

        public int IndexOfShort(ushort shortAddress)
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && _short[i] == shortAddress)
                {
                    return i;
                }
            }

            return -1;
        }

        public ulong ExtendedAt(int index)
        {
            return _extended[index];
        }

        public ushort ShortAt(int index)
        {
            return _short[index];
        }

        public bool RxOnWhenIdleAt(int index)
        {
            return _rxOnWhenIdle[index];
        }

        /// <summary>True when <paramref name="counter"/> is fresh from that neighbour (greater than any accepted before).</summary>
        public bool IsFresh(int index, uint counter)
        {
            return !_heard[index] || counter > _incoming[index];
        }

        /// <summary>Records a counter whose frame passed its MIC check.</summary>
        public void Accept(int index, uint counter)
        {
            _heard[index] = true;
            _incoming[index] = counter;
        }

        public uint IncomingCounterAt(int index)
        {
            return _incoming[index];
        }
    }
}
