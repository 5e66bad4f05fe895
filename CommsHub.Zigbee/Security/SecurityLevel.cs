namespace CommsHub.Security
{
    /// <summary>
    /// The eight security levels of CCM* (Zigbee specification Table 4-38): bit 2 says whether the payload is
    /// encrypted, bits 1..0 the MIC length (none, 4, 8 or 16 bytes).
    /// </summary>
    public static class SecurityLevel
    {
        public const int None = 0;
        public const int Mic32 = 1;
        public const int Mic64 = 2;
        public const int Mic128 = 3;
        public const int Enc = 4;
        public const int EncMic32 = 5;
        public const int EncMic64 = 6;
        public const int EncMic128 = 7;

        /// <summary>The level every Zigbee PRO frame is secured with (it is sent as 0 on air).</summary>
        public const int Zigbee = EncMic32;

        public static int MicLength(int level)
        {
            int m = level & 3;
            return m == 0 ? 0 : 2 << m;
        }

        public static bool Encrypts(int level)
        {
            return (level & 4) != 0;
        }
    }
}
