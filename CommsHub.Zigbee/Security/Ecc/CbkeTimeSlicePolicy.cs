namespace CommsHub.Security.Ecc
{
    /// <summary>
    /// [decision] How much curve work one main-loop turn may do. Placeholder until measured.
    /// </summary>
    public static class CbkeTimeSlicePolicy
    {
        public const int PlanningIlPerSecond = 300000;
        public const int TurnBudget = 3 * EccCost.Multiplication;
    }
}
