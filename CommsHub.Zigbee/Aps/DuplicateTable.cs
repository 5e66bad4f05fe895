namespace CommsHub.Aps
{
    /// <summary>
    /// The latest APS counters seen, per source short address, in a small ring: a frame whose (source, counter) is
    /// still in it is a retransmission and is not handed up twice (Zigbee specification 2.2.8.4.2).
    /// </summary>
    public sealed class DuplicateTable
    {
        private readonly ushort[] _source;
        private readonly byte[] _counter;
        private readonly bool[] _used;
        private int _next;

        public DuplicateTable(int capacity)
        {
            _source = new ushort[capacity];
            _counter = new byte[capacity];
            _used = new bool[capacity];
        }

        /// <summary>True when seen before; remembers nothing.</summary>
        public bool Contains(ushort source, byte counter)
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && _source[i] == source && _counter[i] == counter)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when seen before; otherwise remembers it and returns false.</summary>
        public bool Seen(ushort source, byte counter)
        {
            if (Contains(source, counter))
            {
                return true;
            }

            _used[_next] = true;
            _source[_next] = source;
            _counter[_next] = counter;
            _next = (_next + 1) % _used.Length;
            return false;
        }
    }
}
