namespace CommsHub.Aps
{
    /// <summary>
    /// One APS data frame (or fragment) the hub waits for an ack of. The payload is kept in clear so each retry is
    /// secured afresh with a new frame counter: a copy of the first try would be refused as a replay.
    /// </summary>
    public sealed class ApsFrameInFlight
    {
        public ApsFrameInFlight(int payloadCapacity)
        {
            Payload = new byte[payloadCapacity];
        }

        public bool InUse { get; set; }

        public ushort Destination { get; set; }

        /// <summary>The destination's EUI-64, whose link key secures the frame when <see cref="ApsSecurity"/> is set.</summary>
        public ulong Peer { get; set; }

        public byte DestinationEndpoint { get; set; }

        public ushort Cluster { get; set; }

        public ushort Profile { get; set; }

        public byte SourceEndpoint { get; set; }

        public byte Counter { get; set; }

        public bool ApsSecurity { get; set; }

        /// <summary>Extended header fragmentation value; <see cref="ApsFrameType.NotFragmented"/> for a whole frame.</summary>
        public int Fragmentation { get; set; }

        /// <summary>The block number field sent: the block count in a first fragment, the block's index in later ones.</summary>
        public byte BlockNumber { get; set; }

        /// <summary>The block's index, which its ack names.</summary>
        public byte Block { get; set; }

        public byte[] Payload { get; private set; }

        public int Length { get; set; }

        public int Transmissions { get; set; }

        public bool RxOnWhenIdle { get; set; }

        public long DueAt { get; set; }
    }
}
