namespace CommsHub.Zcl
{
    /// <summary>Global (profile-wide) ZCL command ids the hub sends or must recognise.</summary>
    public static class ZclGlobalCommand
    {
        public const byte ReadAttributes = 0x00;
        public const byte ReadAttributesResponse = 0x01;
        public const byte ConfigureReporting = 0x06;
        public const byte ConfigureReportingResponse = 0x07;
        public const byte DefaultResponse = 0x0B;
        public const byte DiscoverAttributes = 0x0C;
        public const byte DiscoverAttributesResponse = 0x0D;
    }
}
