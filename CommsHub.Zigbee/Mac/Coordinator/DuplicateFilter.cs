namespace CommsHub.Mac.Coordinator
{
    /// <summary>
    /// Drops a frame whose sequence number repeats the last one heard from the same source: the sender
    /// retransmits when our acknowledgment is lost, and the upper layers must see the frame once.
    /// </summary>
    public sealed class DuplicateFilter
    {
        private readonly ulong[] _source;
        private readonly byte[] _sequence;
        private readonly bool[] _used;
        private int _next;

        public DuplicateFilter(int capacity)
        {
            _source = new ulong[capacity];
            _sequence = new byte[capacity];
            _used = new bool[capacity];
        }

        /// <summary>True when this frame was already seen; otherwise remembers it.</summary>
        public bool IsDuplicate(MacAddress source, byte sequence)
        {
            if (source.Mode == MacAddressMode.None)
            {
                return false;
            }

            // One key space for both address kinds: a short address is tagged with 0xFFFF in the top 16 bits,
            // which no IEEE-assigned EUI-64 (OUI in the top 24 bits) carries.
            ulong key = source.Mode == MacAddressMode.Short ? 0xFFFF000000000000UL | source.Short : source.Extended;
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && _source[i] == key)
                {
                    if (_sequence[i] == sequence)
                    {
                        return true;
                    }

                    _sequence[i] = sequence;
                    return false;
                }
            }

            _used[_next] = true;
            _source[_next] = key;
            _sequence[_next] = sequence;
            _next = (_next + 1) % _used.Length;
            return false;
        }
    }
}
