namespace CommsHub.Clusters.KeyEstablishment
{
    /// <summary>The status codes a Terminate Key Establishment command carries.</summary>
    public static class KeyEstablishmentStatus
    {
        public const byte Success = 0x00;
        public const byte UnknownIssuer = 0x01;
        public const byte BadKeyConfirm = 0x02;
        public const byte BadMessage = 0x03;
        public const byte NoResources = 0x04;
        public const byte UnsupportedSuite = 0x05;
        public const byte InvalidKeyUsage = 0x06;

        public static string Name(byte status)
        {
            switch (status)
            {
                case Success: return "SUCCESS";
                case UnknownIssuer: return "UNKNOWN_ISSUER";
                case BadKeyConfirm: return "BAD_KEY_CONFIRM";
                case BadMessage: return "BAD_MESSAGE";
                case NoResources: return "NO_RESOURCES";
                case UnsupportedSuite: return "UNSUPPORTED_SUITE";
                case InvalidKeyUsage: return "INVALID_KEY_USAGE";
                default: return "reserved";
            }
        }
    }
}
