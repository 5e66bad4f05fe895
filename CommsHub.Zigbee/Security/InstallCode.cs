namespace CommsHub.Security
{
    /// <summary>
    /// Install code → trust-centre link key (Zigbee Base Device Behaviour 10.1): the key is the AES-MMO hash of
    /// the code followed by its CRC-16/X.25, least significant byte first. Codes are 6, 8, 12 or 16 bytes. The GB
    /// Device Log carries a code without its CRC, so <see cref="DeriveFromCode"/> computes the CRC itself;
    /// <see cref="DeriveFromCodeWithCrc"/> checks one that came with it.
    /// </summary>
    public sealed class InstallCode
    {
        public const int MaxLength = 16;

        private readonly AesMmoHash _mmo;
        private readonly byte[] _withCrc = new byte[MaxLength + 2];

        public InstallCode(IAesBlock aes)
        {
            _mmo = new AesMmoHash(aes);
        }

        public static bool IsValidLength(int length)
        {
            return length == 6 || length == 8 || length == 12 || length == 16;
        }

        /// <summary>A code without its CRC: derives the link key, or names what is wrong (null when derived).</summary>
        public string DeriveFromCode(byte[] code, int offset, int length, byte[] linkKey, int keyOffset)
        {
            if (code == null || !IsValidLength(length) || offset < 0 || offset + length > code.Length)
            {
                return "install code length " + length + " is not 6, 8, 12 or 16 bytes";
            }

            System.Array.Copy(code, offset, _withCrc, 0, length);
            ushort crc = Crc16X25.Compute(code, offset, length);
            _withCrc[length] = (byte)crc;
            _withCrc[length + 1] = (byte)(crc >> 8);
            _mmo.Compute(_withCrc, 0, length + 2, linkKey, keyOffset);
            return null;
        }

        /// <summary>A code followed by its 2-byte CRC: checks the CRC, then derives the link key; null when derived.</summary>
        public string DeriveFromCodeWithCrc(byte[] codeAndCrc, int offset, int length, byte[] linkKey, int keyOffset)
        {
            int codeLength = length - 2;
            if (codeAndCrc == null || !IsValidLength(codeLength) || offset < 0 || offset + length > codeAndCrc.Length)
            {
                return "install code length " + length + " is not 6, 8, 12 or 16 bytes plus a 2-byte CRC";
            }

            ushort expected = Crc16X25.Compute(codeAndCrc, offset, codeLength);
            ushort given = (ushort)(codeAndCrc[offset + codeLength] | (codeAndCrc[offset + codeLength + 1] << 8));
            if (expected != given)
            {
                return "install code CRC is " + Hex4(given) + ", the code's CRC-16/X.25 is " + Hex4(expected);
            }

            _mmo.Compute(codeAndCrc, offset, length, linkKey, keyOffset);
            return null;
        }

        private static string Hex4(ushort value)
        {
            const string digits = "0123456789ABCDEF";
            char[] c = new char[4];
            for (int i = 0; i < 4; i++)
            {
                c[i] = digits[(value >> (12 - 4 * i)) & 0xF];
            }

            return new string(c);
        }
    }
}
