namespace CommsHub.Security.Ecc
{
    /// <summary>
    /// Operation counts of one computation, read by the budget test and the benchmark to estimate the
    /// device time (the counts are the same on the device and on a PC; the time per operation is not).
    /// </summary>
    public sealed class EccCounters
    {
        public int FieldMultiplications;
        public int FieldSquarings;
        public int FieldInversions;
        public int PointAdditions;
        public int PointDoublings;

        /// <summary>Bits processed by the bit-serial reduction modulo the group order.</summary>
        public int ScalarReductionBits;

        /// <summary>Integer products modulo n (one per ECMQV), schoolbook on 32-bit limbs.</summary>
        public int ScalarProducts;

        public void Reset()
        {
            FieldMultiplications = 0;
            FieldSquarings = 0;
            FieldInversions = 0;
            PointAdditions = 0;
            PointDoublings = 0;
            ScalarReductionBits = 0;
            ScalarProducts = 0;
        }

        public void CopyTo(EccCounters other)
        {
            other.FieldMultiplications = FieldMultiplications;
            other.FieldSquarings = FieldSquarings;
            other.FieldInversions = FieldInversions;
            other.PointAdditions = PointAdditions;
            other.PointDoublings = PointDoublings;
            other.ScalarReductionBits = ScalarReductionBits;
            other.ScalarProducts = ScalarProducts;
        }
    }
}
