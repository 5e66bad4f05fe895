namespace CommsHub.Nwk
{
    /// <summary>
    /// The broadcast transaction table: (NWK source, sequence number) of each broadcast recently accepted, so a copy
    /// that routers relay back to the hub is handed up once. Bounded; an entry ages out after the broadcast delivery
    /// time, and when every slot is taken the oldest is reused (a late copy of it then gets through once, which the
    /// frame counters bound). No allocation after construction.
    /// </summary>
    public sealed class BroadcastTransactionTable
    {
        /// <summary>nwkNetworkBroadcastDeliveryTime, the Zigbee PRO default: 9 s.</summary>
        public const long DeliveryMilliseconds = 9000;

        private readonly ushort[] _source;
        private readonly byte[] _sequence;
        private readonly long[] _expires;
        private readonly bool[] _used;

        public BroadcastTransactionTable(int capacity)
        {
            _source = new ushort[capacity];
            _sequence = new byte[capacity];
            _expires = new long[capacity];
            _used = new bool[capacity];
        }

        public int Capacity
        {
            get { return _used.Length; }
        }

        /// <summary>True when this broadcast was recorded and has not aged out by <paramref name="now"/>.</summary>
        public bool Contains(ushort source, byte sequence, long now)
        {
            return Find(source, sequence, now) >= 0;
        }

        public void Record(ushort source, byte sequence, long now)
        {
            int slot = Find(source, sequence, now);
            for (int i = 0; i < _used.Length && slot < 0; i++)
            {
                if (!_used[i] || _expires[i] <= now)
                {
                    slot = i;
                }
            }

            if (slot < 0)
            {
                slot = 0;
                for (int i = 1; i < _used.Length; i++)
                {
                    if (_expires[i] < _expires[slot])
                    {
                        slot = i;
                    }
                }
            }

            _used[slot] = true;
            _source[slot] = source;
            _sequence[slot] = sequence;
            _expires[slot] = now + DeliveryMilliseconds;
        }

        private int Find(ushort source, byte sequence, long now)
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && _source[i] == source && _sequence[i] == sequence && _expires[i] > now)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
