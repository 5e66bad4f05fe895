using CommsHub.Platform;

namespace CommsHub.Mac.Coordinator
{
    /// <summary>
    /// Frames held for children that sleep with the receiver off: each waits for a Data Request from its
    /// destination, or expires after macTransactionPersistenceTime. Slots and frame buffers are allocated once.
    /// </summary>
    public sealed class IndirectQueue
    {
        /// <summary>macTransactionPersistenceTime 0x01F4 unit periods of 15.36 ms (beacon order 15).</summary>
        public const long PersistenceMilliseconds = 7680;

        private readonly byte[][] _frames;
        private readonly int[] _length;
        private readonly int[] _handle;
        private readonly ulong[] _extended;
        private readonly ushort[] _short;
        private readonly ClockTimer[] _expiry;
        private readonly bool[] _used;
        private readonly long[] _order;
        private long _nextOrder;

        public IndirectQueue(int capacity)
        {
            _frames = new byte[capacity][];
            _length = new int[capacity];
            _handle = new int[capacity];
            _extended = new ulong[capacity];
            _short = new ushort[capacity];
            _expiry = new ClockTimer[capacity];
            _used = new bool[capacity];
            _order = new long[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _frames[i] = new byte[MacFrame.MaxLength];
            }
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

        /// <summary>Holds a frame for the child known by both addresses; returns its slot, or -1 when full.</summary>
        public int Add(byte[] frame, int length, int handle, ulong extended, ushort shortAddress)
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (!_used[i])
                {
                    System.Array.Copy(frame, _frames[i], length);
                    _length[i] = length;
                    _handle[i] = handle;
                    _extended[i] = extended;
                    _short[i] = shortAddress;
                    _used[i] = true;
                    _order[i] = _nextOrder++;
                    _expiry[i] = null;
                    return i;
                }
            }

            return -1;
        }

        public void SetExpiry(int slot, ClockTimer timer)
        {
            _expiry[slot] = timer;
        }

        /// <summary>The oldest frame for the device a Data Request came from, or -1.</summary>
        public int OldestFor(MacAddress requester)
        {
            int best = -1;
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && Matches(i, requester) && (best < 0 || _order[i] < _order[best]))
                {
                    best = i;
                }
            }

            return best;
        }

        /// <summary>How many frames are held for the same device as <paramref name="slot"/>, that one included.</summary>
        public int CountForSameDevice(int slot)
        {
            int n = 0;
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && _extended[i] == _extended[slot])
                {
                    n++;
                }
            }

            return n;
        }

        public byte[] FrameAt(int slot)
        {
            return _frames[slot];
        }

        public int LengthAt(int slot)
        {
            return _length[slot];
        }

        public int HandleAt(int slot)
        {
            return _handle[slot];
        }

        public ulong ExtendedAt(int slot)
        {
            return _extended[slot];
        }

        public bool IsUsed(int slot)
        {
            return _used[slot];
        }

        public void Remove(int slot)
        {
            if (_expiry[slot] != null)
            {
                _expiry[slot].Cancel();
                _expiry[slot] = null;
            }

            _used[slot] = false;
        }

        private bool Matches(int slot, MacAddress requester)
        {
            if (requester.Mode == MacAddressMode.Extended)
            {
                return _extended[slot] == requester.Extended;
            }

            return requester.Mode == MacAddressMode.Short && _short[slot] == requester.Short && _short[slot] < 0xFFFE;
        }
    }
}
