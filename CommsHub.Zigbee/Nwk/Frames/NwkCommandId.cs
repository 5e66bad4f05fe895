namespace CommsHub.Nwk
{
    /// <summary>NWK command identifiers (Zigbee specification Table 3-40, R21/R22).</summary>
    public static class NwkCommandId
    {
        public const byte RouteRequest = 0x01;
        public const byte RouteReply = 0x02;
        public const byte NetworkStatus = 0x03;
        public const byte Leave = 0x04;
        public const byte RouteRecord = 0x05;
        public const byte RejoinRequest = 0x06;
        public const byte RejoinResponse = 0x07;
        public const byte LinkStatus = 0x08;
        public const byte NetworkReport = 0x09;
        public const byte NetworkUpdate = 0x0A;
        public const byte EndDeviceTimeoutRequest = 0x0B;
        public const byte EndDeviceTimeoutResponse = 0x0C;
    }
}
