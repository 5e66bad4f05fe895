using CommsHub.Platform;

namespace CommsHub.Zcl
{
    /// <summary>
    /// Reads little-endian ZCL fields from a received frame without ever throwing: the first field that does
    /// not fit sets <see cref="Failure"/> (naming the field) and every later read returns 0. Reusable, so
    /// decoding a frame allocates nothing until something is wrong.
    /// </summary>
    public sealed class ZclReader
    {
        private byte[] _buffer;
        private int _position;
        private int _end;
        private int _start;

        public string Failure { get; private set; }

        public bool Failed
        {
            get { return Failure != null; }
        }

        public int Position
        {
            get { return _position; }
        }

        public int Remaining
        {
            get { return _end - _position; }
        }

        public void Reset(byte[] buffer, int offset, int length)
        {
            _buffer = buffer;
            _start = offset;
            _position = offset;
            _end = buffer == null ? offset : offset + length;
            Failure = buffer == null || offset < 0 || length < 0 || offset + length > buffer.Length ? "frame buffer does not hold the stated length" : null;
            if (Failure != null)
            {
                _end = _position;
            }
        }

        public byte U8(string field)
        {
            if (!Need(1, field))
            {
                return 0;
            }

            return _buffer[_position++];
        }

        public ushort U16(string field)
        {
            if (!Need(2, field))
            {
                return 0;
            }

            ushort value = (ushort)(_buffer[_position] | (_buffer[_position + 1] << 8));
            _position += 2;
            return value;
        }

        public uint U32(string field)
        {
            if (!Need(4, field))
            {
                return 0;
            }

            uint value = (uint)(_buffer[_position] | (_buffer[_position + 1] << 8) | (_buffer[_position + 2] << 16) | (_buffer[_position + 3] << 24));
            _position += 4;
            return value;
        }

        /// <summary>A 64-bit IEEE address as sent over the air (least significant byte first), returned most significant first.</summary>
        public ulong Ieee(string field)
        {
            if (!Need(8, field))
            {
                return 0;
            }

            ulong value = 0;
            for (int i = 7; i >= 0; i--)
            {
                value = (value << 8) | _buffer[_position + i];
            }

            _position += 8;
            return value;
        }

        /// <summary>Marks the frame as bad for a reason other than length, e.g. a value outside its range.</summary>
        public void Reject(string reason)
        {
            if (Failure == null)
            {
                Failure = reason;
                _position = _end;
            }
        }

        private bool Need(int count, string field)
        {
            if (Failure != null)
            {
                return false;
            }

            if (_end - _position < count)
            {
                Failure = "field '" + field + "' needs " + count.ToString() + " byte(s) at offset " + (_position - _start).ToString()
                    + " but the frame has " + (_end - _start).ToString();
                _position = _end;
                return false;
            }

            return true;
        }
    }
}
