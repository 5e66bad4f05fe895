namespace CommsHub.Aps
{
    /// <summary>APS frame types and delivery modes (Zigbee specification 2.2.5.1.1).</summary>
    public static class ApsFrameType
    {
        public const int Data = 0;
        public const int Command = 1;
        public const int Ack = 2;
        public const int InterPan = 3;

        public const int Unicast = 0;
        public const int Broadcast = 2;
        public const int Group = 3;

        /// <summary>Extended frame control fragmentation field.</summary>
        public const int NotFragmented = 0;
        public const int FirstFragment = 1;
        public const int LaterFragment = 2;
    }
}
