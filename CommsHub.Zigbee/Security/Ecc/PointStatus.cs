namespace CommsHub.Security.Ecc
{
    /// <summary>Why a compressed point from the air was refused, or Valid.</summary>
    public enum PointStatus
    {
        Valid = 0,

        /// <summary>The first byte is neither 02 nor 03.</summary>
        BadPrefix = 1,

        /// <summary>The x bytes hold a value of m bits or more.</summary>
        XOutsideField = 2,

        /// <summary>No y satisfies the curve equation for this x.</summary>
        NotOnCurve = 3,

        /// <summary>x = 0: the point (0, 1) of order 2, never a public key.</summary>
        SmallOrder = 4,

        /// <summary>The computation's result is the point at infinity.</summary>
        Infinity = 5,

        /// <summary>Fewer bytes than a compressed point.</summary>
        Truncated = 6,
    }
}
