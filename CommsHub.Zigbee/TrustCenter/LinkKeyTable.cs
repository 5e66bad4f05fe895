namespace CommsHub.TrustCenter
{
    /// <summary>A device's link key was stored, replaced or removed.</summary>
    public delegate void LinkKeyChangedHandler(ulong device);

    /// <summary>Trust-centre link keys by EUI-64 (today: each joined device's install-code key). Fixed capacity.</summary>
    public sealed class LinkKeyTable
    {
        private readonly ulong[] _device;
        private readonly byte[] _keys;
        private readonly bool[] _used;
        private readonly bool[] _authorised;

        public LinkKeyTable(int capacity)
        {
            _device = new ulong[capacity];
            _keys = new byte[capacity * 16];
            _used = new bool[capacity];
            _authorised = new bool[capacity];
        }

        /// <summary>Raised after every Put and every Remove of a stored key, so the table can be kept in flash.</summary>
        public event LinkKeyChangedHandler Changed;

        /// <summary>Stores a key, not authorised (an install-code key); returns its slot, or -1 when the table is full.</summary>
        public int Put(ulong device, byte[] key, int offset)
        {
            return Put(device, key, offset, false);
        }

        /// <summary>
        /// Stores a key; <paramref name="authorised"/> marks one established by CBKE against the hub's CA, which the
        /// Smart Energy clusters then require. Returns its slot, or -1 when the table is full.
        /// </summary>
        public int Put(ulong device, byte[] key, int offset, bool authorised)
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
                return -1;
            }

            _used[slot] = true;
            _authorised[slot] = authorised;
            _device[slot] = device;
            System.Array.Copy(key, offset, _keys, slot * 16, 16);
            RaiseChanged(device);
            return slot;
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

        /// <summary>The key store; slot n's key starts at <see cref="KeyOffset"/>(n).</summary>
        public byte[] Keys
        {
            get { return _keys; }
        }

        /// <summary>True when slot <paramref name="slot"/> holds a key established by CBKE (false for an empty or out-of-range slot).</summary>
        public bool IsAuthorised(int slot)
        {
            return slot >= 0 && slot < _used.Length && _used[slot] && _authorised[slot];
        }

        public int KeyOffset(int slot)
        {
            return slot * 16;
        }

        public void Remove(ulong device)
        {
            int slot = IndexOf(device);
            if (slot >= 0)
            {
                _used[slot] = false;
                _authorised[slot] = false;
                RaiseChanged(device);
            }
        }

        private void RaiseChanged(ulong device)
        {
            LinkKeyChangedHandler changed = Changed;
            if (changed != null)
            {
                changed(device);
            }
        }
    }
}
