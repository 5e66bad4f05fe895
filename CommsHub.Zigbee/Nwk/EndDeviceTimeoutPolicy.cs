namespace CommsHub.Nwk
{
    /// <summary>
    /// [decision] Which R21 end device timeouts the hub accepts, and what it tells children it supports. Every value
    /// the specification defines (0 = 10 s, n = 2^n minutes up to 14 = 16,384 minutes) is accepted: a GB PPMID
    /// may sleep long, and a child that stays silent past what it asked for only costs a rejoin. A child that never
    /// asks is not aged: routers are followed by their link status, and a legacy end device's poll rate is unknown.
    /// </summary>
    public static class EndDeviceTimeoutPolicy
    {
        public const byte LargestTimeout = 14;

        /// <summary>End Device Timeout Response status values (Zigbee specification 3.4.12).</summary>
        public const byte Success = 0x00;
        public const byte IncorrectValue = 0x01;

        /// <summary>Parent information: the hub counts MAC Data Polls as keep-alives (bit 0); it does not need timeout requests as keep-alives (bit 1).</summary>
        public const byte ParentInformation = 0x01;

        public static bool Accepts(byte timeout, byte configuration)
        {
            return timeout <= LargestTimeout && configuration == 0;
        }

        /// <summary>The timeout enumeration in milliseconds; only for an accepted value.</summary>
        public static long Milliseconds(byte timeout)
        {
            if (timeout == 0)
            {
                return 10000;
            }

            return (1L << timeout) * 60000;
        }
    }
}
