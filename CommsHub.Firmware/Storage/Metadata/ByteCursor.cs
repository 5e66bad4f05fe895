namespace CommsHub.Storage.Metadata
{
    /// <summary>Little-endian reads and writes over a byte array; a read past the end marks the cursor bad instead of throwing.</summary>
    internal sealed class ByteCursor
    {
        private byte[] _buffer;
        private int _end;

        public int Position;

        public bool Bad;

        public void Reset(byte[] buffer, int offset, int length)
        {
            _buffer = buffer;
            Position = offset;
            _end = offset + length;
            Bad = false;
        }

        public void U8(int value)
        {
            _buffer[Position++] = (byte)value;
        }

        public void U16(int value)
        {
            U8(value);
            U8(value >> 8);
        }

        public void U32(uint value)
        {
            for (int i = 0; i < 4; i++)
            {
                U8((int)(value >> (8 * i)));
            }
        }

        public void U64(ulong value)
        {
            for (int i = 0; i < 8; i++)
            {
                U8((int)(value >> (8 * i)));
            }
        }

        public void Bytes(byte[] data)
        {
            for (int i = 0; i < data.Length; i++)
            {
                _buffer[Position++] = data[i];
            }
        }

        public byte ReadU8()
        {
            if (Position + 1 > _end)
            {
                Bad = true;
                return 0;
            }

            return _buffer[Position++];
        }

        public ushort ReadU16()
        {
            return (ushort)(ReadU8() | (ReadU8() << 8));
        }

        public uint ReadU32()
        {
            uint value = 0;
            for (int i = 0; i < 4; i++)
            {
                value |= (uint)ReadU8() << (8 * i);
            }

            return value;
        }

        public ulong ReadU64()
        {
            ulong value = 0;
            for (int i = 0; i < 8; i++)
            {
                value |= (ulong)ReadU8() << (8 * i);
            }

            return value;
        }

        public void ReadBytes(byte[] into)
        {
            for (int i = 0; i < into.Length; i++)
            {
                into[i] = ReadU8();
            }
        }
    }
}
