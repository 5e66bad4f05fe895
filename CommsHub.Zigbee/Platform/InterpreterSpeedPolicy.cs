namespace CommsHub.Platform
{
    /// <summary>
    /// [decision] The one speed the firmware plans with: nanoFramework's interpreter on a 240 MHz ESP32 runs
    /// <see cref="IlOperationsPerSecond"/> simple IL operations a second, and a main-loop turn is
    /// <see cref="TurnMilliseconds"/> of it. Every budget (the main loop's WorkBudget, the curve code's
    /// CbkeTimeSlicePolicy) and every time the hub states (Key Establishment's generate times) derives from these two.
    /// <para>
    /// Measured inside the real interpreter (the board-readiness issue): SHA-256 of 768,000 bytes is 212 million IL
    /// operations in 50–72 s, about 2.9 million a second at the slower typical conversion; COBS plus CRC-32 of a
    /// 1 KiB frame (56,000 IL operations in 12–18 ms) gives 3.1–4.7 million. The measured figure is the source
    /// rather than the middle of the 0.3–2 million range quoted for nanoFramework in general, because it was taken
    /// on this firmware's own kind of code. On the slowest published firmware (about 1 million a second) a planned
    /// turn takes about 60 ms: still bounded, never seconds. Measure on the board and change this number:
    /// everything else follows.
    /// </para>
    /// </summary>
    public static class InterpreterSpeedPolicy
    {
        public const int IlOperationsPerSecond = 3000000;

        public const int TurnMilliseconds = 20;

        /// <summary>IL operations in one turn: 60,000.</summary>
        public const int TurnIlOperations = TurnMilliseconds * (IlOperationsPerSecond / 1000);
    }
}
