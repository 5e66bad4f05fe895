namespace CommsHub.Security.Ecc
{
    /// <summary>
    /// Whether a static private key d belongs to an implicit certificate, in budgeted steps: the public key the
    /// certificate stands for (ECQV, Q = e·P_recon + Q_CA) must equal d·G. A key that fails this would only show as
    /// BAD_KEY_CONFIRM in a device's first exchange, so the hub checks it when the credentials are provisioned.
    /// </summary>
    public sealed class KeyPairCheck : EccTask
    {
        private const int Reconstruct = 0;
        private const int Derive = 1;
        private const int Done = 2;

        private readonly KoblitzCurve _curve;
        private readonly EcqvReconstruction _ecqv;
        private readonly LadderMultiplier _ladder;
        private readonly AffinePoint _reconstructed;
        private readonly AffinePoint _derived;
        private readonly uint[] _privateKey;
        private int _phase;
        private bool _matches;

        public KeyPairCheck(KoblitzCurve curve)
        {
            int limbs = curve.Field.Limbs;
            _curve = curve;
            _ecqv = new EcqvReconstruction(curve);
            _ladder = new LadderMultiplier(curve, limbs);
            _reconstructed = new AffinePoint(limbs);
            _derived = new AffinePoint(limbs);
            _privateKey = new uint[limbs];
            _phase = Done;
        }

        /// <summary>True once Step has returned true and d·G equals the reconstructed public key.</summary>
        public bool Matches
        {
            get { return _matches; }
        }

        /// <summary>Why the reconstruction failed (a point that does not decode, or infinity), or Valid.</summary>
        public PointStatus ReconstructionStatus
        {
            get { return _ecqv.Status; }
        }

        /// <summary>Whether a reconstruction failure was in the CA key rather than the certificate.</summary>
        public bool CaKeyFailed
        {
            get { return _ecqv.CaKeyFailed; }
        }

        /// <summary>
        /// Starts the check of <paramref name="privateKey"/> (limbs, as ScalarModN.TryReadPrivateKey reads them)
        /// against the certificate's reconstruction point at reconstruction[reconOffset], its hash e (16 bytes) and
        /// the compressed CA key.
        /// </summary>
        public void Begin(byte[] reconstruction, int reconOffset, byte[] hash, byte[] caPublicKey, uint[] privateKey)
        {
            for (int i = 0; i < _privateKey.Length; i++)
            {
                _privateKey[i] = i < privateKey.Length ? privateKey[i] : 0;
            }

            _matches = false;
            _ecqv.Begin(reconstruction, reconOffset, hash, 0, caPublicKey, 0, _reconstructed);
            _phase = Reconstruct;
        }

        public override bool Step(WorkBudget budget)
        {
            while (true)
            {
                switch (_phase)
                {
                    case Reconstruct:
                        if (!_ecqv.Step(budget))
                        {
                            return false;
                        }

                        if (_ecqv.Status != PointStatus.Valid)
                        {
                            _phase = Done;
                            break;
                        }

                        _ladder.Begin(_privateKey, _privateKey.Length, _curve.Generator, _derived, true);
                        _phase = Derive;
                        break;
                    case Derive:
                        if (!_ladder.Step(budget))
                        {
                            return false;
                        }

                        _matches = Same(_derived, _reconstructed);
                        _phase = Done;
                        break;
                    default:
                        return true;
                }
            }
        }

        private static bool Same(AffinePoint a, AffinePoint b)
        {
            if (a.IsInfinity || b.IsInfinity)
            {
                return false;
            }

            for (int i = 0; i < a.X.Length; i++)
            {
                if (a.X[i] != b.X[i] || a.Y[i] != b.Y[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
