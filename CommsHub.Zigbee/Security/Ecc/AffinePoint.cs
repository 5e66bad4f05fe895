namespace CommsHub.Security.Ecc
{
    /// <summary>A point (x, y) of y^2 + xy = x^3 + ax^2 + 1, or the point at infinity.</summary>
    public sealed class AffinePoint
    {
        public readonly uint[] X;
        public readonly uint[] Y;
        public bool IsInfinity;

        public AffinePoint(int limbs)
        {
            X = new uint[limbs];
            Y = new uint[limbs];
            IsInfinity = true;
        }

        public void CopyTo(AffinePoint other)
        {
            for (int i = 0; i < X.Length; i++)
            {
                other.X[i] = X[i];
                other.Y[i] = Y[i];
            }

            other.IsInfinity = IsInfinity;
        }
    }
}
