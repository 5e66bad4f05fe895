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
        public const int ScalarReductionBit = 2;

        /// <summary>One schoolbook product of two scalars (Limbs^2 word multiply-adds, fewer than a field multiplication's XORs).</summary>
        public const int ScalarProduct = 16;

        /// <summary>The budget units the counted operations cost: what a turn's spending is checked against.</summary>
        public static int Of(EccCounters c)
        {
            return (c.FieldMultiplications * Multiplication) + (c.FieldSquarings * Squaring)
                + (c.ScalarReductionBits * ScalarReductionBit) + (c.ScalarProducts * ScalarProduct);
        }

        /// <summary>
        /// The dearest single step any task takes (a multiplication and a squaring, in the affine addition,
        /// the decompression and the ladder's y recovery): a turn's budget must be at least this, or a task
        /// can make no progress.
        /// </summary>
        public const int LargestStep = Multiplication + Squaring;

        /// <summary>Converts a budget stated in field multiplications to cost units.</summary>
        public static int FromFieldMultiplications(int multiplications)
        {
            return multiplications * Multiplication;
        }
    }
}
