namespace CommsHub.Nwk
{
    /// <summary>
    /// Routers the hub hears directly, learnt from their Link Status commands: short address, EUI-64, the incoming
    /// cost (from the link quality of their frames here) and the outgoing cost (what they report for the hub), and
    /// how many link status periods have passed since the last one. Bounded; no allocation after construction.
    /// </summary>
    public sealed class RouterNeighbourTable
    {
        private readonly ushort[] _short;
        private readonly ulong[] _extended;
        private readonly byte[] _incoming;
        private readonly byte[] _outgoing;
        private readonly int[] _age;
        private readonly bool[] _used;

        public RouterNeighbourTable(int capacity)
        {
            _short = new ushort[capacity];
            _extended = new ulong[capacity];
            _incoming = new byte[capacity];
            _outgoing = new byte[capacity];
            _age = new int[capacity];
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

        /// <summary>Records a link status heard from a router; false when the table is full of other routers.</summary>
        public bool Heard(ushort shortAddress, ulong extended, byte incomingCost, byte outgoingCost)
        {
            int slot = IndexOfShort(shortAddress);
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

            _used[slot] = true;
            _short[slot] = shortAddress;
            _extended[slot] = extended;
            _incoming[slot] = incomingCost;
            _outgoing[slot] = outgoingCost;
            _age[slot] = 0;
            return true;
        }

        /// <summary>One link status period passed: routers silent for more than <paramref name="ageLimit"/> periods are dropped.</summary>
        public void Age(int ageLimit)
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && ++_age[i] > ageLimit)
                {
                    _used[i] = false;
                }
            }
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

        public bool IsUsedAt(int index)
        {
            return _used[index];
        }

        public ushort ShortAt(int index)
        {
            return _short[index];
        }

        public ulong ExtendedAt(int index)
        {
            return _extended[index];
        }

        public byte IncomingCostAt(int index)
        {
            return _incoming[index];
        }

        public byte OutgoingCostAt(int index)
        {
            return _outgoing[index];
        }

        public void Remove(ushort shortAddress)
        {
            int slot = IndexOfShort(shortAddress);
            if (slot >= 0)
            {
                _used[slot] = false;
            }
        }
    }
}
