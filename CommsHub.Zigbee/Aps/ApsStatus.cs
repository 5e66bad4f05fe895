namespace CommsHub.Aps
{
    /// <summary>APSDE-DATA.confirm status values (Zigbee specification Table 2-27) the hub reports for its acked sends.</summary>
    public static class ApsStatus
    {
        public const int Success = 0x00;

        /// <summary>No ack after apsMaxFrameRetries retransmissions.</summary>
        public const int NoAck = 0xA7;
    }
}
