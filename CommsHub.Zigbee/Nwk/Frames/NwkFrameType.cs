namespace CommsHub.Nwk
{
    /// <summary>NWK frame types (Zigbee specification 3.3.1.1.1).</summary>
    public static class NwkFrameType
    {
        public const int Data = 0;
        public const int Command = 1;
        public const int InterPan = 3;
    }
}
