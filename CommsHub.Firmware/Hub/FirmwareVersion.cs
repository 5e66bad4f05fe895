namespace CommsHub.Hub
{
    /// <summary>The CH firmware's own version, reported at boot and (later) upstream on activation.</summary>
    public static class FirmwareVersion
    {
        /// <summary>GB firmware versions are 4 bytes, written as 8 hex digits.</summary>
        public const uint Value = 0x00010000;

        public const string Text = "0.1.0";
    }
}
