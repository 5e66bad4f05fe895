namespace CommsHub.Platform
{
    /// <summary>Little-endian fields in byte arrays, as Zigbee frames and the hub's flash records store them.</summary>
    public static class LittleEndian
    {
        public static ushort U16(byte[] b, int at)
        {
            return (ushort)(b[at] | (b[at + 1] << 8));
        }

        public static uint U32(byte[] b, int at)
        {
            return (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));
        }

        public static ulong U64(byte[] b, int at)
        {
            return U32(b, at) | ((ulong)U32(b, at + 4) << 32);
        }

        public static void PutU16(byte[] b, int at, ushort value)
        {
            b[at] = (byte)value;
            b[at + 1] = (byte)(value >> 8);
        }

        public static void PutU64(byte[] b, int at, ulong value)
        {
            PutU32(b, at, (uint)value);
            PutU32(b, at + 4, (uint)(value >> 32));
        }

        public static void PutU32(byte[] b, int at, uint value)
        {
            b[at] = (byte)value;
            b[at + 1] = (byte)(value >> 8);
            b[at + 2] = (byte)(value >> 16);
            b[at + 3] = (byte)(value >> 24);
        }
    }
}
