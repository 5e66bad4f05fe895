namespace CommsHub.Mac.Coordinator
{
    /// <summary>
    /// The coordinator's associated devices: extended address, allocated short address and whether the
    /// receiver is on when idle (a sleepy child only hears what it polls for). Fixed capacity, no allocation.
    /// </summary>
    public sealed class ChildTable
    {
        private readonly ulong[] _extended;
        private readonly ushort[] _short;
        private readonly bool[] _rxOnWhenIdle;
        private readonly bool[] _used;

        public ChildTable(int capacity)
        {
            _extended = new ulong[capacity];
            _short = new ushort[capacity];
            _rxOnWhenIdle = new bool[capacity];
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

        /// <summary>Adds or updates a child; false when the table is full.</summary>
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
            }

            if (slot < 0)
            {
                return false;
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

        /// <summary>The child a frame's source address names, or -1.</summary>
        public int IndexOf(MacAddress address)
        {
            if (address.Mode == MacAddressMode.Short)
            {
                return IndexOfShort(address.Short);
            }

            return address.Mode == MacAddressMode.Extended ? IndexOf(address.Extended) : -1;
        }

        /// <summary>Slot <paramref name="index"/> holds a child (a removed child's slot is free).</summary>
        public bool IsUsedAt(int index)
        {
            return _used[index];
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
    }
}
