using CommsHub.Aps;

namespace CommsHub.VirtualBoard.Han
{
    /// <summary>
    /// The least airtime of one unfragmented, NWK-secured data frame at 250 kbit/s, for bounds a measured download is
    /// set against: the frame with its MAC, NWK and APS headers, plus turnaround, an average CSMA-CA backoff and the
    /// MAC acknowledgement.
    /// </summary>
    public static class Airtime
    {
        public const double MicrosecondsPerByte = 32;

        /// <summary>Preamble 4, SFD 1, PHR 1.</summary>
        public const int PhyOverhead = 6;

        /// <summary>MAC, NWK (with security) and APS headers around the payload, as ApsPayloadBudget counts them.</summary>
        public static readonly int FrameOverhead = ApsPayloadBudget.PhyPacket - ApsPayloadBudget.Compute(nwkSecurity: true, apsSecurity: false, sourceRouteRelays: 0);

        /// <summary>aTurnaroundTime (192 µs) + an average CSMA-CA backoff (3.5 × 320 µs) + MAC ack (11 bytes on air).</summary>
        public const double PerFrameMicroseconds = 192 + 1120 + (11 * MicrosecondsPerByte);

        /// <summary>Airtime of one frame carrying <paramref name="payloadBytes"/> of APS payload.</summary>
        public static double FrameMicroseconds(int payloadBytes) => ((PhyOverhead + FrameOverhead + payloadBytes) * MicrosecondsPerByte) + PerFrameMicroseconds;
    }
}
