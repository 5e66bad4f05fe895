namespace CommsHub.Aps
{
    /// <summary>APS command identifiers (Zigbee specification Table 4-28, R22) and Transport-Key key types.</summary>
    public static class ApsCommandId
    {
        public const byte TransportKey = 0x05;
        public const byte UpdateDevice = 0x06;
        public const byte RemoveDevice = 0x07;
        public const byte RequestKey = 0x08;
        public const byte SwitchKey = 0x09;
        public const byte Tunnel = 0x0E;
        public const byte VerifyKey = 0x0F;
        public const byte ConfirmKey = 0x10;

        /// <summary>Transport-Key / Request-Key key types (Table 4-32).</summary>
        public const byte KeyTypeTrustCenterLink = 0x04;
        public const byte KeyTypeNetwork = 0x01;
        public const byte KeyTypeApplicationLink = 0x03;
        public const byte RequestKeyApplicationLink = 0x02;
    }
}
