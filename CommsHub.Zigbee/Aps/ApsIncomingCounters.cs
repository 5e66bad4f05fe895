namespace CommsHub.Aps
{
    /// <summary>
    /// The last APS frame counter accepted from each device under its current link key (Zigbee specification
    /// 4.4.1.2): a frame whose counter is not above it is a replay, even inside a fresh NWK frame. The counter
    /// belongs to the key, so each entry keeps a copy of the key it was counted under and starts again when the
    /// trust centre replaces that key (after key establishment, say). Fixed capacity, no allocation after
    /// construction; when full, the entry used longest ago is reused.
    /// </summary>
    public sealed class ApsIncomingCounters
    {
        private readonly ulong[] _device;
        private readonly byte[] _key;
        private readonly uint[] _counter;
        private readonly long[] _lastUsed;
        private readonly bool[] _used;
        private long _turn;

        public ApsIncomingCounters(int capacity)
        {
            _device = new ulong[capacity];
            _key = new byte[capacity * 16];
            _counter = new uint[capacity];
            _lastUsed = new long[capacity];
            _used = new bool[capacity];
        }

        /// <summary>True when <paramref name="counter"/> from <paramref name="device"/> under the key at <paramref name="keyOffset"/> is new.</summary>
        public bool IsFresh(ulong device, byte[] keys, int keyOffset, uint counter)
        {
            int slot = IndexOf(device);
            return slot < 0 || !SameKey(slot, keys, keyOffset) || counter > _counter[slot];
        }

        /// <summary>True when <paramref name="counter"/> is exactly the last one accepted: a verbatim repeat of the latest frame.</summary>
        public bool IsLatest(ulong device, byte[] keys, int keyOffset, uint counter)
        {
            int slot = IndexOf(device);
            return slot >= 0 && SameKey(slot, keys, keyOffset) && counter == _counter[slot];
        }

        /// <summary>Records a counter whose MIC verified (only those, so a forgery cannot lock a device out).</summary>
        public void Accept(ulong device, byte[] keys, int keyOffset, uint counter)
        {
            int slot = IndexOf(device);
            if (slot < 0)
            {
                slot = FreeOrOldest();
                _used[slot] = true;
                _device[slot] = device;
            }

            System.Array.Copy(keys, keyOffset, _key, slot * 16, 16);
            _counter[slot] = counter;
            _lastUsed[slot] = ++_turn;
        }

        private int IndexOf(ulong device)
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && _device[i] == device)
                {
                    return i;
                }
            }

            return -1;
        }

        private bool SameKey(int slot, byte[] keys, int keyOffset)
        {
            int at = slot * 16;
            for (int i = 0; i < 16; i++)
            {
                if (_key[at + i] != keys[keyOffset + i])
                {
                    return false;
                }
            }

            return true;
        }

        private int FreeOrOldest()
        {
            int oldest = 0;
            for (int i = 0; i < _used.Length; i++)
            {
                if (!_used[i])
                {
                    return i;
                }

                if (_lastUsed[i] < _lastUsed[oldest])
                {
                    oldest = i;
                }
            }

            return oldest;
        }
    }
}
