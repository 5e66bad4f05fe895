namespace CommsHub.Alerts.Gbcs
{
    /// <summary>Constants of the GBCS messages the hub originates (gbcs-alerts.md).</summary>
    public static class GbcsCodes
    {
        public const byte GeneralSigningTag = 0xDF;
        public const byte TransactionIdLength = 9;
        public const byte CraCommand = 0x01;
        public const byte CraResponse = 0x02;
        public const byte CraAlert = 0x03;

        /// <summary>CCS08 Firmware Transfer Alert.</summary>
        public const ushort MessageCodeCcs08 = 0x0128;

        /// <summary>CS09 PPMID Firmware Activation Alert (relayed, never originated, by the hub).</summary>
        public const ushort MessageCodeCs09 = 0x012B;

        /// <summary>The DCC Access Control Broker, recipient of the hub's alerts.</summary>
        public const ulong AccessControlBroker = 0x90B3D51F30000002;

        public const byte SignatureLength = 64;
    }
}
