namespace CommsHub.Security
{
    /// <summary>
    /// CRC-16/X.25 (polynomial 0x1021 reflected, initial 0xFFFF, final xor 0xFFFF), the check on a Zigbee
    /// install code, sent after the code least significant byte first.
    /// </summary>
    public static class Crc16X25
    {
        public static ushort Compute(byte[] data, int offset, int length)
        {
            int crc = 0xFFFF;
            for (int i = 0; i < length; i++)
            {
                crc ^= data[offset + i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
                }
            }

            return (ushort)(~crc & 0xFFFF);
        }
    }
}
