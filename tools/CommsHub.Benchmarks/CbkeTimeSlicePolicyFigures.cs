namespace CommsHub.Benchmarks
{
    /// <summary>The interpreter speeds the estimate is printed for (the range stated for nanoFramework on an ESP32, and the measured planning speed).</summary>
    public static class CbkeTimeSlicePolicyFigures
    {
        public static readonly int[] Rates = { 300_000, 1_000_000, 2_000_000, 3_000_000 };

        public static int PlanningRate => CommsHub.Security.Ecc.CbkeTimeSlicePolicy.PlanningIlPerSecond;
    }
}
