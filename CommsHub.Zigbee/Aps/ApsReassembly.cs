namespace CommsHub.Aps
{
    /// <summary>
    /// One incoming fragmented payload being put back together: keyed by the sender's short address and the APS
    /// counter all its blocks share; blocks arrive in order (window of one), each appended to a fixed buffer.
    /// </summary>
    public sealed class ApsReassembly
    {
        public ApsReassembly(int capacity)
        {
            Buffer = new byte[capacity];
        }

        public bool InUse { get; set; }

        /// <summary>Every block arrived and the payload went up; kept until the timeout so a repeated last block is acked again.</summary>
        public bool Complete { get; set; }

        public ushort Source { get; set; }

        public byte Counter { get; set; }

        /// <summary>The block count the first fragment announced.</summary>
        public int Blocks { get; set; }

        /// <summary>The block expected next.</summary>
        public int NextBlock { get; set; }

        public byte[] Buffer { get; private set; }

        public int Length { get; set; }

        public long LastBlockAt { get; set; }
    }
}
