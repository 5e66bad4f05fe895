namespace CommsHub.Security.Ecc
{
    /// <summary>
    /// [decision] How much curve work one main-loop turn may do, so that no turn holds the processor for
    /// more than 20 ms of ESP32 time while a CBKE computation runs.
    ///
    /// Derivation: the budget is counted in EccCost units (a field multiplication is 16, a squaring 2).
    /// Interpreting the device code instruction by instruction (tools/CommsHub.Benchmarks, "cbke-figures")
    /// gives 8,319 IL instructions per sect283k1 multiplication (520 per unit) and about 490 per unit over
    /// a whole exchange; the dearest turn per unit seen while tuning was 663 (additions and copies around two
    /// multiplications and a squaring). IlPerBudgetUnit is that plus 5%. The interpreter's speed on an
    /// ESP32 is taken as PlanningIlPerSecond, the middle of the 0.3–2 million simple IL instructions per
    /// second known for nanoFramework, so a 20 ms turn is 20,000 instructions, 28 units: one
    /// multiplication and up to six squarings. The dearest turn measured is now 14,343 instructions
    /// (15,323 in a Debug build), 14–15 ms. Measure on the board and change PlanningIlPerSecond:
    /// everything else follows. Below about 0.55 million per second even the dearest single step (a
    /// multiplication and a squaring with their additions, about 11,000 instructions) is over 20 ms, and
    /// a multiplication would have to be split.
    /// </summary>
    public static class CbkeTimeSlicePolicy
    {
        public const int TurnMilliseconds = 20;
        public const int PlanningIlPerSecond = 1000000;
        public const int IlPerBudgetUnit = 700;

        /// <summary>Budget units one turn may spend: 28.</summary>
        public const int TurnBudget = TurnMilliseconds * (PlanningIlPerSecond / 1000) / IlPerBudgetUnit;
    }
}
