using System;

namespace CommsHub.Platform
{
    /// <summary>
    /// An IEEE EUI-64, the GB "Device Entity Identifier". Bytes are held most significant first, the
    /// order in which GBCS writes them (Zigbee frames carry them the other way round).
    /// </summary>
    public sealed class Eui64
    {
        public const int Length = 8;

        private readonly byte[] _bytes;

        public Eui64(byte[] mostSignificantFirst)
        {
            if (mostSignificantFirst == null || mostSignificantFirst.Length != Length)
            {
                throw new ArgumentException("An EUI-64 is exactly 8 bytes");
            }

            _bytes = new byte[Length];
            Array.Copy(mostSignificantFirst, _bytes, Length);
        }

        /// <summary>The EUI-64 as one number, most significant byte first: how hot paths key devices without allocating.</summary>
        public ulong Value
        {
            get
            {
                ulong value = 0;
                for (int i = 0; i < Length; i++)
                {
                    value = (value << 8) | _bytes[i];
                }

                return value;
            }
        }

        public static Eui64 FromValue(ulong value)
        {
            byte[] bytes = new byte[Length];
            for (int i = Length - 1; i >= 0; i--)
            {
                bytes[i] = (byte)value;
                value >>= 8;
            }

            return new Eui64(bytes);
        }

        public byte this[int index]
        {
            get { return _bytes[index]; }
        }

        public void CopyTo(byte[] destination, int offset)
        {
            Array.Copy(_bytes, 0, destination, offset, Length);
        }

        public bool SameAs(Eui64 other)
        {
            if (other == null)
            {
                return false;
            }

            for (int i = 0; i < Length; i++)
            {
                if (_bytes[i] != other._bytes[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The form used on bench consoles and in DUIS: 00-DB-12-34-56-78-90-A2.</summary>
        public override string ToString()
        {
            return Hex.Format(_bytes, 0, Length, '-');
        }
    }
}
