namespace CommsHub.Wan.Link
{
    /// <summary>
    /// Link frame, before COBS: type (1), epoch (4), sequence (2), payload (DATA only), CRC-32 (4), all little-endian.
    /// DATA carries the sender's epoch and its frame sequence; ACK carries the epoch being acknowledged and the next
    /// sequence expected (cumulative).
    /// </summary>
    public static class LinkFrame
    {
        public const byte Data = 0x01;
        public const byte Ack = 0x02;
        public const int HeaderLength = 7;
        public const int CrcLength = 4;
        public const int Overhead = HeaderLength + CrcLength;

        /// <summary>Largest payload one DATA frame carries.</summary>
        public const int MaximumPayload = 1024;
    }
}
