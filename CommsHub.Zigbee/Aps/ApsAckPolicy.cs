using CommsHub.Mac.Coordinator;

namespace CommsHub.Aps
{
    /// <summary>
    /// [decision] How long the hub waits for an APS ack of its own data frames, and how often it tries again (Zigbee
    /// specification 2.2.7.1, apsAckWaitDuration and apsMaxFrameRetries).
    /// </summary>
    public static class ApsAckPolicy
    {
        /// <summary>apsMaxFrameRetries: retransmissions after the first try, so a frame goes at most four times.</summary>
        public const int MaxFrameRetries = 3;

        /// <summary>
        /// apsAckWaitDuration for a destination that listens: 0.05 s × (2 × nwkcMaxDepth 15) for the round trip, plus
        /// 0.1 s for securing and checking at both ends.
        /// </summary>
        public const long WaitMilliseconds = 1600;

        /// <summary>
        /// A sleepy child takes the frame from the hub's indirect queue only when it polls, up to
        /// macTransactionPersistenceTime later, and its ack comes back on a later poll: that time is added.
        /// </summary>
        public const long SleepyWaitMilliseconds = WaitMilliseconds + IndirectQueue.PersistenceMilliseconds;

        /// <summary>APS data frames the hub waits for acks of at once; one more is refused until one is confirmed.</summary>
        public const int FramesInFlight = 4;

        /// <summary>Retransmissions per main-loop turn: each secures a frame twice (APS and NWK), so one keeps a turn short.</summary>
        public const int ResendsPerTurn = 1;

        public static long WaitFor(bool rxOnWhenIdle)
        {
            return rxOnWhenIdle ? WaitMilliseconds : SleepyWaitMilliseconds;
        }
    }
}
