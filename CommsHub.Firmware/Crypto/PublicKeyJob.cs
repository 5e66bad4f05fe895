using CommsHub.Work;

namespace CommsHub.Crypto
{
    /// <summary>The P-256 public key (x ‖ y) of a private scalar, computed across main-loop turns.</summary>
    public sealed class PublicKeyJob : IWorkItem
    {
        private readonly ScalarMultiplication _multiplication;

        /// <summary>Throws ArgumentException at once if the scalar is not between 1 and n-1.</summary>
        public PublicKeyJob(P256 curve, byte[] privateKey)
        {
            PrivateKey = privateKey;
            _multiplication = new ScalarMultiplication(curve, P256.CheckedScalar(privateKey, 0, "private key"));
        }

        public byte[] PrivateKey { get; private set; }

        /// <summary>x ‖ y once done, else null.</summary>
        public byte[] PublicKey { get; private set; }

        public int LargestStepUnits
        {
            get { return (ScalarMultiplication.LargestStepMultiplications * WorkBudget.FieldMultiplicationUnits) + 1000; }
        }

        public bool WaitsForHardware
        {
            get { return false; }
        }

        public bool Step()
        {
            if (PublicKey != null)
            {
                return true;
            }

            if (!_multiplication.Step())
            {
                return false;
            }

            byte[] key = new byte[64];
            MontgomeryField.ToBigEndian(_multiplication.X, key, 0);
            MontgomeryField.ToBigEndian(_multiplication.Y, key, 32);
            PublicKey = key;
            return true;
        }
    }
}
