namespace CommsHub.TrustCenter
{
    /// <summary>
    /// The devices the trust centre has given the network key to: EUI-64, NWK short address and the router it came
    /// through (<see cref="Direct"/> for the hub's own children). Fixed capacity; the key rotation walks it.
    /// </summary>
    public sealed class TrustCenterMembers
    {
        public const ushort Direct = 0xFFFF;

        private readonly ulong[] _device;
        private readonly ushort[] _short;
        private readonly ushort[] _parent;
        private readonly bool[] _used;

        public TrustCenterMembers(int capacity)
        {
            _device = new ulong[capacity];
            _short = new ushort[capacity];
            _parent = new ushort[capacity];
            _used = new bool[capacity];
        }

        public int Capacity
        {
            get { return _used.Length; }
        }

        public bool UsedAt(int index)
        {
            return _used[index];
        }

        public ulong DeviceAt(int index)
        {
            return _device[index];
        }

        public ushort ShortAt(int index)
        {
            return _short[index];
        }

        public ushort ParentAt(int index)
        {
            return _parent[index];
        }

        public void Put(ulong device, ushort shortAddress, ushort parent)
        {
            int slot = IndexOf(device);
            for (int i = 0; i < _used.Length && slot < 0; i++)
            {
                if (!_used[i])
                {
                    slot = i;
                }
            }

            if (slot < 0)
            {
                return;
            }

            _used[slot] = true;
            _device[slot] = device;
            _short[slot] = shortAddress;
            _parent[slot] = parent;
        }

        public void Remove(ulong device)
        {
            int slot = IndexOf(device);
            if (slot >= 0)
            {
                _used[slot] = false;
            }
        }

        public int IndexOf(ulong device)
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
    }
}
