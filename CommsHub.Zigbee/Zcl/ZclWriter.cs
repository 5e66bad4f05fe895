namespace CommsHub.Zcl
{
    /// <summary>Writes little-endian ZCL fields into a caller-owned buffer; reusable, allocation-free.</summary>
    public sealed class ZclWriter
    {
        private byte[] _buffer;
        private int _start;

        public int Position { get; private set; }

        public int Length
        {
            get { return Position - _start; }
        }

        public byte[] Buffer
        {
            get { return _buffer; }
        }

        public int Start
        {
            get { return _start; }
        }

        public void Reset(byte[] buffer, int offset)
        {
            _buffer = buffer;
            _start = offset;
            Position = offset;
        }

        public void U8(int value)
        {
            _buffer[Position++] = (byte)value;
        }

        public void U16(int value)
        {
            _buffer[Position++] = (byte)value;
            _buffer[Position++] = (byte)(value >> 8);
        }

        public void U32(uint value)
        {
            _buffer[Position++] = (byte)value;
            _buffer[Position++] = (byte)(value >> 8);
            _buffer[Position++] = (byte)(value >> 16);
            _buffer[Position++] = (byte)(value >> 24);
        }

        /// <summary>An IEEE address given most significant first, written least significant first as on the air.</summary>
        public void Ieee(ulong value)
        {
            for (int i = 0; i < 8; i++)
            {
                _buffer[Position++] = (byte)value;
                value >>= 8;
            }
        }

        /// <summary>Reserves <paramref name="count"/> bytes for data copied in place by the caller; returns where they start.</summary>
        public int Skip(int count)
        {
            int at = Position;
            Position += count;
            return at;
        }
    }
}
