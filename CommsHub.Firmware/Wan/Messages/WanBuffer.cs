namespace CommsHub.Wan.Messages
{
    /// <summary>
    /// Reads and writes message fields over a byte array. Reads past the end set <see cref="Short"/> instead of
    /// throwing, so a truncated message from the line is reported, never a crash.
    /// </summary>
    public sealed class WanBuffer
    {
        public byte[] Bytes;
        public int Position;
        public int End;
        public bool Short;

        public WanBuffer(int capacity)
        {
            Bytes = new byte[capacity];
            End = capacity;
        }

        public void Wrap(byte[] bytes, int offset, int count)
        {
            Bytes = bytes;
            Position = offset;
            End = offset + count;
            Short = false;
        }

        public void Start(byte type, ushort requestId)
        {
            Position = 0;
            End = Bytes.Length;
            Short = false;
            U8(type);
            U16(requestId);
        }

        public void U8(int v)
        {
            Bytes[Position++] = (byte)v;
        }

        public void U16(int v)
        {
            U8(v);
            U8(v >> 8);
        }

        public void U32(uint v)
        {
            for (int i = 0; i < 4; i++)
            {
                U8((int)(v >> (8 * i)));
            }
        }

        public void U64(ulong v)
        {
            for (int i = 0; i < 8; i++)
            {
                U8((int)(v >> (8 * i)));
            }
        }

        /// <summary>An EUI-64, most significant byte first as GBCS writes it.</summary>
        public void Eui(ulong v)
        {
            for (int i = 7; i >= 0; i--)
            {
                U8((int)(v >> (8 * i)));
            }
        }

        public void Raw(byte[] data, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                Bytes[Position++] = data[offset + i];
            }
        }

        public void Text(string s)
        {
            int length = s == null ? 0 : s.Length;
            U16(length);
            for (int i = 0; i < length; i++)
            {
                char c = s[i];
                U8(c < 0x80 ? c : '?');
            }
        }

        public byte ReadU8()
        {
            if (Position >= End)
            {
                Short = true;
                return 0;
            }

            return Bytes[Position++];
        }

        public ushort ReadU16()
        {
            return (ushort)(ReadU8() | (ReadU8() << 8));
        }

        public uint ReadU32()
        {
            uint v = 0;
            for (int i = 0; i < 4; i++)
            {
                v |= (uint)ReadU8() << (8 * i);
            }

            return v;
        }

        public ulong ReadU64()
        {
            ulong v = 0;
            for (int i = 0; i < 8; i++)
            {
                v |= (ulong)ReadU8() << (8 * i);
            }

            return v;
        }

        public ulong ReadEui()
        {
            ulong v = 0;
            for (int i = 0; i < 8; i++)
            {
                v = (v << 8) | ReadU8();
            }

            return v;
        }

        public byte[] ReadRaw(int count)
        {
            if (count < 0 || Position + count > End)
            {
                Short = true;
                return new byte[0];
            }

            byte[] data = new byte[count];
            for (int i = 0; i < count; i++)
            {
                data[i] = Bytes[Position++];
            }

            return data;
        }

        public string ReadText()
        {
            int length = ReadU16();
            if (Position + length > End)
            {
                Short = true;
                return string.Empty;
            }

            char[] text = new char[length];
            for (int i = 0; i < length; i++)
            {
                text[i] = (char)Bytes[Position++];
            }

            return new string(text);
        }
    }
}
