namespace CommsHub.Security.Ecc
{
    /// <summary>
    /// ECQV public-key reconstruction from an implicit certificate, in budgeted steps:
    /// Q = e·P_recon + Q_CA, where e is the certificate's AES-MMO hash read as a big-endian integer (the
    /// caller hashes; this class does only the curve work).
    /// </summary>
    public sealed class EcqvReconstruction : EccTask
    {
        public const int HashLength = 16;

        private const int DecodeCa = 0;
        private const int DecodeRecon = 1;
        private const int Multiply = 2;
        private const int Add = 3;
        private const int Done = 4;

        private readonly PointDecompressor _decompressor;
        private readonly LadderMultiplier _ladder;
        private readonly AffineAdder _adder;
        private readonly AffinePoint _ca;
        private readonly AffinePoint _recon;
        private readonly uint[] _e;
        private byte[] _caBytes;
        private int _caOffset;
        private AffinePoint _result;
        private int _phase;
        private PointStatus _status;
        private bool _caFailed;

        public EcqvReconstruction(KoblitzCurve curve)
        {
            int limbs = curve.Field.Limbs;
            _decompressor = new PointDecompressor(curve);
            _ladder = new LadderMultiplier(curve, limbs);
            _adder = new AffineAdder(curve);
            _ca = new AffinePoint(limbs);
            _recon = new AffinePoint(limbs);
            _e = new uint[limbs];
        }

        /// <summary>Valid once Step has returned true, or why the reconstruction failed.</summary>
        public PointStatus Status
        {
            get { return _status; }
        }

        /// <summary>Whether a failure was in the CA key rather than the certificate's reconstruction data.</summary>
        public bool CaKeyFailed
        {
            get { return _caFailed; }
        }

        /// <summary>
        /// Starts result = e·P_recon + Q_CA with the compressed points at reconstruction[reconOffset] and
        /// caPublicKey[caOffset] and e = hash[hashOffset..+16).
        /// </summary>
        public void Begin(byte[] reconstruction, int reconOffset, byte[] hash, int hashOffset, byte[] caPublicKey, int caOffset, AffinePoint result)
        {
            Begin(reconstruction, reconOffset, hash, hashOffset, result);
            _caBytes = caPublicKey;
            _caOffset = caOffset;
        }

        /// <summary>
        /// As the other Begin, with the CA key already decoded (the hub's issuer key, decompressed once when
        /// it is provisioned rather than in every exchange).
        /// </summary>
        public void Begin(byte[] reconstruction, int reconOffset, byte[] hash, int hashOffset, AffinePoint caPublicKey, AffinePoint result)
        {
            Begin(reconstruction, reconOffset, hash, hashOffset, result);
            caPublicKey.CopyTo(_ca);
            _caBytes = null;
        }

        private void Begin(byte[] reconstruction, int reconOffset, byte[] hash, int hashOffset, AffinePoint result)
        {
            ScalarModN.ReadBigEndian(hash, hashOffset, HashLength, _e);
            _result = result;
            result.IsInfinity = true;
            _status = PointStatus.Valid;
            _caFailed = false;
            _decompressor.Begin(reconstruction, reconOffset, reconstruction.Length - reconOffset, _recon);
            _phase = DecodeRecon;
        }

        public override bool Step(WorkBudget budget)
        {
            while (true)
            {
                switch (_phase)
                {
                    case DecodeRecon:
                        if (!_decompressor.Step(budget))
                        {
                            return false;
                        }

                        if (!Check())
                        {
                            break;
                        }

                        if (_caBytes == null)
                        {
                            _ladder.Begin(_e, _e.Length, _recon, _result, true);
                            _phase = Multiply;
                            break;
                        }

                        _decompressor.Begin(_caBytes, _caOffset, _caBytes.Length - _caOffset, _ca);
                        _phase = DecodeCa;
                        break;
                    case DecodeCa:
                        if (!_decompressor.Step(budget))
                        {
                            return false;
                        }

                        _caFailed = _decompressor.Status != PointStatus.Valid;
                        if (!Check())
                        {
                            break;
                        }

                        _ladder.Begin(_e, _e.Length, _recon, _result, true);
                        _phase = Multiply;
                        break;
                    case Multiply:
                        if (!_ladder.Step(budget))
                        {
                            return false;
                        }

                        _adder.Begin(_result, _ca, _result);
                        _phase = Add;
                        break;
                    case Add:
                        if (!_adder.Step(budget))
                        {
                            return false;
                        }

                        if (_result.IsInfinity)
                        {
                            _status = PointStatus.Infinity;
                        }

                        _phase = Done;
                        break;
                    default:
                        return true;
                }
            }
        }

        private bool Check()
        {
            _status = _decompressor.Status;
            if (_status == PointStatus.Valid)
            {
                return true;
            }

            _result.IsInfinity = true;
            _phase = Done;
            return false;
        }
    }
}
