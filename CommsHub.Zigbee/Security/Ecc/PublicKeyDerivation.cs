namespace CommsHub.Security.Ecc
{
    /// <summary>Q = d·G written compressed, in budgeted steps: an ephemeral (or static) key pair's public half.</summary>
    public sealed class PublicKeyDerivation : EccTask
    {
        private readonly KoblitzCurve _curve;
        private readonly LadderMultiplier _ladder;
        private readonly PointCompressor _compressor;
        private readonly AffinePoint _point;
        private byte[] _output;
        private int _offset;
        private int _phase;
        private PointStatus _status;

        public PublicKeyDerivation(KoblitzCurve curve)
        {
            _curve = curve;
            _ladder = new LadderMultiplier(curve, curve.Field.Limbs);
            _compressor = new PointCompressor(curve);
            _point = new AffinePoint(curve.Field.Limbs);
        }

        /// <summary>Valid, or Infinity when d is a multiple of n (nothing is written then).</summary>
        public PointStatus Status
        {
            get { return _status; }
        }

        /// <summary>The public key as a point, once Step has returned true.</summary>
        public AffinePoint Point
        {
            get { return _point; }
        }

        /// <summary>Starts writing d·G (d from ScalarModN.TryReadPrivateKey) at output[offset].</summary>
        public void Begin(uint[] privateKey, byte[] output, int offset)
        {
            _output = output;
            _offset = offset;
            _ladder.Begin(privateKey, privateKey.Length, _curve.Generator, _point, true);
            _phase = 0;
            _status = PointStatus.Valid;
        }

        public override bool Step(WorkBudget budget)
        {
            if (_phase == 0)
            {
                if (!_ladder.Step(budget))
                {
                    return false;
                }

                if (_point.IsInfinity)
                {
                    _status = PointStatus.Infinity;
                    _phase = 2;
                    return true;
                }

                _compressor.Begin(_point, _output, _offset);
                _phase = 1;
            }

            if (_phase == 2)
            {
                return true;
            }

            return _compressor.Step(budget);
        }
    }
}
