namespace CommsHub.Mac
{
    /// <summary>
    /// The 802.15.4 frame check sequence: CRC-16/ITU-T, reflected, initial value 0, sent low byte first.
    /// The radio computes it in hardware; the emulator and captures need it in software.
    /// </summary>
    public static class Fcs16
    {
        public static ushort Compute(byte[] data, int offset, int length)
        {
            int crc = 0;
            for (int i = 0; i < length; i++)
            {
                crc ^= data[offset + i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
                }
            }

            return (ushort)crc;
        }
    }
}
