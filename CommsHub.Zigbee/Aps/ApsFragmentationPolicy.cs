namespace CommsHub.Aps
{
    /// <summary>
    /// [decision] APS fragmentation (Zigbee specification 2.2.8.4.5) as the hub does it: a window of one block, each
    /// block acked before the next goes, so neither side keeps more than one block in flight; small bounded buffers.
    /// </summary>
    public static class ApsFragmentationPolicy
    {
        /// <summary>apscMaxWindowSize: blocks sent before an ack is awaited.</summary>
        public const int WindowSize = 1;

        /// <summary>Ack bitfield of a block received: bit 0 for the window's only block, the rest clear (never a claim for blocks not seen).</summary>
        public const byte BlockReceived = 0x01;

        /// <summary>Longest payload reassembled or sent in fragments.</summary>
        public const int MaxLength = 512;

        /// <summary>Incoming fragmented payloads reassembled at once (each from a different sender or counter).</summary>
        public const int Reassemblies = 2;

        /// <summary>Outgoing fragmented payloads at once.</summary>
        public const int OutgoingTransfers = 1;

        /// <summary>
        /// A reassembly with no new block for this long is dropped: a sender may try one block four times at the
        /// sleepy ack wait before the next arrives.
        /// </summary>
        public const long ReassemblyTimeoutMilliseconds = (ApsAckPolicy.MaxFrameRetries + 1) * ApsAckPolicy.SleepyWaitMilliseconds;
    }
}
