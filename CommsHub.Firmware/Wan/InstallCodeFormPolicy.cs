using CommsHub.Platform;
using CommsHub.Security;

namespace CommsHub.Wan
{
    /// <summary>
    /// [decision] How an install code reaches the hub. GBCS sends the code without its CRC (6, 8, 12 or 16 bytes) and the
    /// hub computes the CRC; a head-end may instead append the CRC-16/X.25 low byte first (10, 14 or 18 bytes in all),
    /// which the hub then checks. Eight bytes are always an 8-byte code: a 6-byte code is given without its CRC.
    /// </summary>
    public static class InstallCodeFormPolicy
    {
        /// <summary>
        /// Checks <paramref name="given"/>; returns null and the code's own length (without a CRC) in
        /// <paramref name="codeLength"/>, or a refusal that names the wrong length or CRC.
        /// </summary>
        public static string Check(byte[] given, out int codeLength)
        {
            codeLength = 0;
            int length = given == null ? 0 : given.Length;
            if (InstallCode.IsValidLength(length))
            {
                codeLength = length;
                return null;
            }

            if (length != 10 && length != 14 && length != 18)
            {
                return "an install code is 6, 8, 12 or 16 bytes (or 12 or 16 with its 2-byte CRC appended: 10, 14 or 18 bytes), not "
                    + length.ToString() + " bytes";
            }

            int code = length - 2;
            ushort expected = Crc16X25.Compute(given, 0, code);
            ushort crc = (ushort)(given[code] | (given[code + 1] << 8));
            if (crc != expected)
            {
                return "the install code's CRC is " + Hex.Format(given[code], 2) + " " + Hex.Format(given[code + 1], 2)
                    + ", but CRC-16/X.25 of its " + code.ToString() + " bytes is " + Hex.Format(expected & 0xFF, 2) + " "
                    + Hex.Format(expected >> 8, 2) + " (low byte first)";
            }

            codeLength = code;
            return null;
        }
    }
}
