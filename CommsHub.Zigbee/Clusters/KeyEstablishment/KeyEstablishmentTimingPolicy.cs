using CommsHub.Security.Ecc;

namespace CommsHub.Clusters.KeyEstablishment
{
    /// <summary>
    /// [decision] The times the responder states and keeps.
    ///
    /// EphemeralDataGenerateTime is how long the hub may take from an Ephemeral Data Request to its response:
    /// the whole curve work of the exchange (its ephemeral key pair, ECQV, ECMQV). It is derived from the
    /// interpreted IL instruction counts measured by the benchmark ("cbke-figures", tools/CommsHub.Benchmarks
    /// README, "CBKE", "with key pair": 15.4 million for suite 1, 40.6 million for suite 2) at the planning
    /// speed of <see cref="CbkeTimeSlicePolicy.PlanningIlPerSecond"/> (3 million a second, the firmware's one
    /// planning speed), with the curve work given <see cref="CurveSharePercent"/> of the processor (its slice's
    /// share of each turn; the rest serves the radio and the WAN), rounded up: suite 1 11 s, suite 2 28 s. ConfirmKeyGenerateTime covers a MAC comparison
    /// and the MAC already computed with the shared secret: a few AES blocks, stated as 2 s to allow a
    /// queued turn. Both are capped at 255 (a uint8).
    ///
    /// Timeouts: the hub waits for the initiator's next message for the time the initiator stated plus
    /// <see cref="PeerMarginSeconds"/> (radio retries, a sleepy PPMID's poll period). A Terminate tells the
    /// device to wait <see cref="TerminateWaitSeconds"/>, and the hub refuses its Initiate until then; a
    /// device refused because another exchange holds the hub's curve engine waits <see cref="BusyWaitSeconds"/>.
    /// </summary>
    public static class KeyEstablishmentTimingPolicy
    {
        public const int Suite1IlInstructions = 15400000;
        public const int Suite2IlInstructions = 40600000;
        public const int CurveSharePercent = 100 * CbkeTimeSlicePolicy.SliceMilliseconds / CbkeTimeSlicePolicy.TurnMilliseconds;
        public const byte ConfirmKeyGenerateSeconds = 2;
        public const int PeerMarginSeconds = 10;
        public const byte TerminateWaitSeconds = 10;
        public const byte BusyWaitSeconds = 30;

        public static byte EphemeralDataGenerateSeconds(ushort suite)
        {
            long il = suite == KeyEstablishmentSuite.Suite1 ? Suite1IlInstructions : Suite2IlInstructions;
            long denominator = (long)CbkeTimeSlicePolicy.PlanningIlPerSecond * CurveSharePercent / 100;
            long seconds = (il + denominator - 1) / denominator;
            return seconds > 255 ? (byte)255 : (byte)seconds;
        }

        /// <summary>Milliseconds the hub waits for a message the peer said takes <paramref name="statedSeconds"/> to make.</summary>
        public static long PeerTimeoutMilliseconds(byte statedSeconds)
        {
            return ((long)statedSeconds + PeerMarginSeconds) * 1000;
        }
    }
}
