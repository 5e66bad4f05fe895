using CommsHub.Platform;

namespace CommsHub.Security.Ecc
{
    /// <summary>
    /// [decision] How much curve work one main-loop turn may do while a CBKE computation runs, so that no turn holds
    /// the processor for more than <see cref="TurnMilliseconds"/> of ESP32 time.
    ///
    /// Derivation: the budget is counted in EccCost units (a field multiplication is 16, a squaring 2).
    /// Interpreting the device code instruction by instruction (tools/CommsHub.Benchmarks, "cbke-figures")
    /// gives 8,319 IL instructions per sect283k1 multiplication (520 per unit) and about 490 per unit over
    /// a whole exchange; the dearest turn per unit seen while tuning was 663 (additions and copies around two
    /// multiplications and a squaring). IlPerBudgetUnit is that plus 5%. The interpreter's speed is the one the
    /// whole firmware plans with, <see cref="InterpreterSpeedPolicy.IlOperationsPerSecond"/> (3 million a second,
    /// measured in the real interpreter). A curve slice takes <see cref="SliceMilliseconds"/>, half the turn, so
    /// the radio and the WAN served earlier in the same turn still fit beside it: 10 ms is 30,000 IL
    /// instructions, 42 units, two multiplications and a few squarings (29,400 IL at the assumed 700 a unit;
    /// "cbke-figures" prints the dearest slice measured). Below about 1.1 million IL a second the dearest single
    /// step (a multiplication and a squaring with their additions, about 11,000 instructions) would be over
    /// 10 ms, and a multiplication would have to be split.
    /// </summary>
    public static class CbkeTimeSlicePolicy
    {
        public const int TurnMilliseconds = InterpreterSpeedPolicy.TurnMilliseconds;

        /// <summary>The curve's share of a turn; the rest serves the radio and the WAN in the same turn.</summary>
        public const int SliceMilliseconds = TurnMilliseconds / 2;

        public const int PlanningIlPerSecond = InterpreterSpeedPolicy.IlOperationsPerSecond;

        public const int IlPerBudgetUnit = 700;

        /// <summary>Budget units one curve slice may spend: 42.</summary>
        public const int TurnBudget = SliceMilliseconds * (PlanningIlPerSecond / 1000) / IlPerBudgetUnit;
    }
}
