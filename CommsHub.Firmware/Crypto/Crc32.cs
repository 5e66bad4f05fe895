namespace CommsHub.Crypto
{
    /// <summary>
    /// CRC-32 (IEEE 802.3, reflected, as zlib): tells a whole flash record from a torn one, and a WAN frame from a
    /// corrupted one. Slicing by four (four 256-entry tables, 4 KB) takes four bytes per loop turn: about 65 IL
    /// operations per four bytes in the interpreter against about 23 per byte for one table, which keeps a 1 KiB
    /// WAN frame well inside a main-loop turn (<c>WorkBudget</c>).
    /// </summary>
    public static class Crc32
    {
        private static readonly uint[] Table0 = new uint[256];
        private static readonly uint[] Table1 = new uint[256];
        private static readonly uint[] Table2 = new uint[256];
        private static readonly uint[] Table3 = new uint[256];

        static Crc32()
        {
            BuildTables();
        }

        public static uint Compute(byte[] data, int offset, int count)
        {
            uint[] t0 = Table0, t1 = Table1, t2 = Table2, t3 = Table3;
            uint crc = 0xFFFFFFFF;
            int i = offset;
            int end = offset + count;
            for (int fours = end - 3; i < fours; i += 4)
            {
                crc ^= (uint)(data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
                crc = t3[crc & 0xFF] ^ t2[(crc >> 8) & 0xFF] ^ t1[(crc >> 16) & 0xFF] ^ t0[crc >> 24];
            }

            for (; i < end; i++)
            {
                crc = t0[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            }

            return ~crc;
        }

        /// <summary>Table0 is the classic byte table; TableK[n] is the CRC of byte n followed by K zero bytes.</summary>
        private static void BuildTables()
        {
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }

                Table0[n] = c;
            }

            for (int n = 0; n < 256; n++)
            {
                Table1[n] = (Table0[n] >> 8) ^ Table0[Table0[n] & 0xFF];
                Table2[n] = (Table1[n] >> 8) ^ Table0[Table1[n] & 0xFF];
                Table3[n] = (Table2[n] >> 8) ^ Table0[Table2[n] & 0xFF];
            }
        }
    }
}
