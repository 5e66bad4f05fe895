namespace CommsHub.Nwk
{
    /// <summary>
    /// The concentrator's route record table: for each destination short address, the relays its latest Route
    /// Record named, in the order received (first relay next to the destination, last one next to the hub), which
    /// is the order of a source route subframe's relay list. Bounded; a new destination takes the slot least recently
    /// recorded when all are taken (devices send route records again after each many-to-one route request).
    /// No allocation after construction.
    /// </summary>
    public sealed class SourceRouteTable
    {
        /// <summary>[decision] Relays kept per route: a GB HAN is a home, rarely more than a few hops deep.</summary>
        public const int MaxRelays = 8;

        private readonly ushort[] _destination;
        private readonly int[] _count;
        private readonly ushort[] _relays;
        private readonly long[] _order;
        private readonly bool[] _used;
        private long _next;

        public SourceRouteTable(int capacity)
        {
            _destination = new ushort[capacity];
            _count = new int[capacity];
            _relays = new ushort[capacity * MaxRelays];
            _order = new long[capacity];
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

        /// <summary>Records the route to <paramref name="destination"/>; false (nothing changed) when it has too many relays.</summary>
        public bool Put(ushort destination, ushort[] relays, int count)
        {
            if (count < 0 || count > MaxRelays)
            {
                return false;
            }

            int slot = IndexOf(destination);
            for (int i = 0; i < _used.Length && slot < 0; i++)
            {
                if (!_used[i])
                {
                    slot = i;
                }
            }

            if (slot < 0)
            {
                slot = 0;
                for (int i = 1; i < _used.Length; i++)
                {
                    if (_order[i] < _order[slot])
                    {
                        slot = i;
                    }
                }
            }

            _used[slot] = true;
            _destination[slot] = destination;
            _count[slot] = count;
            _order[slot] = _next++;
            for (int i = 0; i < count; i++)
            {
                _relays[slot * MaxRelays + i] = relays[i];
            }

            return true;
        }

        public int IndexOf(ushort destination)
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && _destination[i] == destination)
                {
                    return i;
                }
            }

            return -1;
        }

        public int RelayCountAt(int index)
        {
            return _count[index];
        }

        /// <summary>Relay <paramref name="relay"/> of route <paramref name="index"/> (0 is next to the destination).</summary>
        public ushort RelayAt(int index, int relay)
        {
            return _relays[index * MaxRelays + relay];
        }

        public bool Remove(ushort destination)
        {
            int slot = IndexOf(destination);
            if (slot < 0)
            {
                return false;
            }

            _used[slot] = false;
            return true;
        }

        /// <summary>Forgets every route through <paramref name="relay"/> (a router that left or stopped answering).</summary>
        public void RemoveThrough(ushort relay)
        {
            for (int i = 0; i < _used.Length; i++)
            {
                for (int r = 0; _used[i] && r < _count[i]; r++)
                {
                    if (_relays[i * MaxRelays + r] == relay)
                    {
                        _used[i] = false;
                    }
                }
            }
        }
    }
}
