namespace CommsHub.Security.Ecc
{
    /// <summary>
    /// Budget weights of the operations a stepper takes, in sixteenths of a field multiplication. The
    /// ratios come from the operations' interpreted IL instruction counts (tools/CommsHub.Benchmarks
    /// README, "CBKE"): a table squaring costs about a tenth of a comb multiplication.
    /// </summary>
    public static class EccCost
    {
        public const int Multiplication = 16;
        public const int Squaring = 2;

        /// <summary>One bit of the bit-serial reduction modulo n (a shift, a compare, maybe a subtract).</summary>
        public const int ScalarReductionBit = 1;

        /// <summary>Converts a budget stated in field multiplications to cost units.</summary>
        public static int FromFieldMultiplications(int multiplications)
        {
            return multiplications * Multiplication;
        }
    }
}
