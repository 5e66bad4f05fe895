namespace CommsHub.Wan
{
    /// <summary>
    /// The Historic Device Log (GBCS CCS02): devices removed from the CHF Device Log, each with its device type and the
    /// trust-centre link key it had, at most <see cref="Capacity"/>; a removal into a full log overwrites the oldest.
    /// </summary>
    public sealed class HistoricDeviceLog
    {
        public const int Capacity = 15;

        /// <summary>Bytes one entry takes in the store: EUI-64, device type, link key.</summary>
        public const int EncodedEntryLength = 8 + 1 + 16;

        private readonly ulong[] _device = new ulong[Capacity];
        private readonly byte[] _kind = new byte[Capacity];
        private readonly byte[] _keys = new byte[Capacity * 16];
        private int _count;
        private int _next;

        public int Count
        {
            get { return _count; }
        }

        /// <summary>The <paramref name="index"/>th entry, oldest first.</summary>
        public ulong DeviceAt(int index)
        {
            return _device[Slot(index)];
        }

        public byte KindAt(int index)
        {
            return _kind[Slot(index)];
        }

        public void CopyKeyAt(int index, byte[] key, int offset)
        {
            System.Array.Copy(_keys, Slot(index) * 16, key, offset, 16);
        }

        public void Add(ulong device, byte kind, byte[] key, int offset)
        {
            _device[_next] = device;
            _kind[_next] = kind;
            System.Array.Copy(key, offset, _keys, _next * 16, 16);
            _next = (_next + 1) % Capacity;
            if (_count < Capacity)
            {
                _count++;
            }
        }

        public int IndexOf(ulong device)
        {
            for (int i = _count - 1; i >= 0; i--)
            {
                if (DeviceAt(i) == device)
                {
                    return i;
                }
            }

            return -1;
        }

        public int Encode(byte[] buffer, int offset)
        {
            int at = offset;
            buffer[at++] = (byte)_count;
            for (int i = 0; i < _count; i++)
            {
                int slot = Slot(i);
                CommsHub.Platform.LittleEndian.PutU64(buffer, at, _device[slot]);
                buffer[at + 8] = _kind[slot];
                System.Array.Copy(_keys, slot * 16, buffer, at + 9, 16);
                at += EncodedEntryLength;
            }

            return at - offset;
        }

        /// <summary>Reads what <see cref="Encode"/> wrote; null, or what is wrong (the log is then left empty).</summary>
        public string Decode(byte[] buffer, int offset)
        {
            _count = 0;
            _next = 0;
            int count = buffer[offset];
            if (count > Capacity || offset + 1 + (count * EncodedEntryLength) > buffer.Length)
            {
                return "Historic Device Log: entry count " + count.ToString() + " is more than it holds";
            }

            int at = offset + 1;
            for (int i = 0; i < count; i++)
            {
                _device[i] = CommsHub.Platform.LittleEndian.U64(buffer, at);
                _kind[i] = buffer[at + 8];
                System.Array.Copy(buffer, at + 9, _keys, i * 16, 16);
                at += EncodedEntryLength;
            }

            _count = count;
            _next = count % Capacity;
            return null;
        }

        private int Slot(int index)
        {
            return _count < Capacity ? index : (_next + index) % Capacity;
        }
    }
}
