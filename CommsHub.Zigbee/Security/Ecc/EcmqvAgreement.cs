namespace CommsHub.Security.Ecc
{
    /// <summary>
    /// The ECMQV shared secret of CBKE, in budgeted steps:
    /// s = (d_eph + avf(Q_eph_own)·d_static) mod n, then
    /// Z = x of (h·s)·(Q_eph_peer + avf(Q_eph_peer)·Q_static_peer), written as a field element, big-endian.
    /// </summary>
    public sealed class EcmqvAgreement : EccTask
    {
        private const int CheckPeer = 6;
        private const int Product = 7;
        private const int Reduce = 0;
        private const int DecodePeer = 1;
        private const int PeerMultiply = 2;
        private const int PeerAdd = 3;
        private const int Final = 4;
        private const int Done = 5;

        private readonly KoblitzCurve _curve;
        private readonly ScalarModN _scalars;
        private readonly PointDecompressor _decompressor;
        private readonly LadderMultiplier _ladder;
        private readonly AffinePoint _peerStatic;
        private readonly AffinePoint _peerEphemeral;
        private readonly AffinePoint _point;
        private readonly uint[] _x;
        private readonly uint[] _avf;
        private readonly uint[] _s;
        private readonly uint[] _hs;
        private readonly AffineAdder _adder;
        private readonly uint[] _left;
        private readonly uint[] _right;
        private int _micro;
        private byte[] _z;
        private int _zOffset;
        private uint[] _ownStatic;
        private uint[] _ownEphemeral;
        private int _phase;
        private PointStatus _status;

        public EcmqvAgreement(KoblitzCurve curve)
        {
            int limbs = curve.Field.Limbs;
            _curve = curve;
            _scalars = new ScalarModN(curve);
            _decompressor = new PointDecompressor(curve);
            _ladder = new LadderMultiplier(curve, limbs + 1);
            _adder = new AffineAdder(curve);
            _peerStatic = new AffinePoint(limbs);
            _peerEphemeral = new AffinePoint(limbs);
            _point = new AffinePoint(limbs);
            _x = new uint[limbs];
            _avf = new uint[limbs];
            _s = new uint[limbs];
            _hs = new uint[limbs + 1];
            _left = new uint[limbs];
            _right = new uint[limbs];
        }

        /// <summary>Valid once Step has returned true and Z is written, or why there is no Z.</summary>
        public PointStatus Status
        {
            get { return _status; }
        }

        /// <summary>
        /// Starts the agreement. Private keys are limbs read by ScalarModN.TryReadPrivateKey; the own
        /// ephemeral public key and the peer's are compressed points (only x of the own one is used); the
        /// peer's static key is a point already checked (from ECQV). Z goes to z[zOffset..+ByteLength).
        /// </summary>
        public void Begin(uint[] ownStaticPrivate, uint[] ownEphemeralPrivate, byte[] ownEphemeralPublic, int ownOffset,
            AffinePoint peerStatic, byte[] peerEphemeralPublic, int peerOffset, byte[] z, int zOffset)
        {
            peerStatic.CopyTo(_peerStatic);
            _ownStatic = ownStaticPrivate;
            _ownEphemeral = ownEphemeralPrivate;
            _z = z;
            _zOffset = zOffset;
            _status = PointStatus.Valid;
            _phase = CheckPeer;
            _micro = 0;
            if (ownOffset < 0 || ownOffset + _curve.CompressedPointLength > ownEphemeralPublic.Length)
            {
                _status = PointStatus.Truncated;
                _phase = Done;
                return;
            }

            if (!_curve.Field.TryRead(ownEphemeralPublic, ownOffset + 1, _x))
            {
                _status = PointStatus.XOutsideField;
                _phase = Done;
                return;
            }

            _decompressor.Begin(peerEphemeralPublic, peerOffset, peerEphemeralPublic.Length - peerOffset, _peerEphemeral);
        }

        public override bool Step(WorkBudget budget)
        {
            while (true)
            {
                switch (_phase)
                {
                    case CheckPeer:
                        if (!CheckPeerStep(budget))
                        {
                            return false;
                        }

                        break;
                    case Product:
                        if (!budget.Take(EccCost.ScalarProduct))
                        {
                            return false;
                        }

                        _scalars.Avf(_x, _avf);
                        _scalars.BeginMultiplyAdd(_avf, _ownStatic, _ownEphemeral, _s);
                        _phase = Reduce;
                        break;
                    case Reduce:
                        if (!_scalars.Step(budget))
                        {
                            return false;
                        }

                        _scalars.ShiftLeft(_s, _curve.Cofactor == 2 ? 1 : 2, _hs);
                        _phase = DecodePeer;
                        break;
                    case DecodePeer:
                        if (!_decompressor.Step(budget))
                        {
                            return false;
                        }

                        _status = _decompressor.Status;
                        if (_status != PointStatus.Valid)
                        {
                            _phase = Done;
                            break;
                        }

                        _scalars.Avf(_peerEphemeral.X, _avf);
                        _ladder.Begin(_avf, _avf.Length, _peerStatic, _point, true);
                        _phase = PeerMultiply;
                        break;
                    case PeerMultiply:
                        if (!_ladder.Step(budget))
                        {
                            return false;
                        }

                        _adder.Begin(_peerEphemeral, _point, _point);
                        _phase = PeerAdd;
                        break;
                    case PeerAdd:
                        if (!_adder.Step(budget))
                        {
                            return false;
                        }

                        if (_point.IsInfinity)
                        {
                            _status = PointStatus.Infinity;
                            _phase = Done;
                            break;
                        }

                        _ladder.Begin(_hs, _hs.Length, _point, _point, false);
                        _phase = Final;
                        break;
                    case Final:
                        if (!_ladder.Step(budget))
                        {
                            return false;
                        }

                        if (_point.IsInfinity)
                        {
                            _status = PointStatus.Infinity;
                        }
                        else
                        {
                            _curve.Field.Write(_point.X, _z, _zOffset);
                        }

                        _phase = Done;
                        break;
                    default:
                        return true;
                }
            }
        }

        // The peer's static key on the curve (y^2 + xy = x^3 + ax^2 + 1), one multiplication per step.
        private bool CheckPeerStep(WorkBudget budget)
        {
            BinaryField f = _curve.Field;
            AffinePoint q = _peerStatic;
            if (q.IsInfinity || f.IsZero(q.X))
            {
                _status = PointStatus.NotOnCurve;
                _phase = Done;
                return true;
            }

            if (!budget.Take(EccCost.Multiplication))
            {
                return false;
            }

            switch (_micro)
            {
                case 0:
                    f.Add(q.Y, q.X, _left);
                    f.Multiply(_left, q.Y, _left);
                    break;
                case 1:
                    f.Copy(q.X, _right);
                    _right[0] ^= (uint)_curve.A;
                    f.Multiply(_right, q.X, _right);
                    break;
                default:
                    f.Multiply(_right, q.X, _right);
                    _right[0] ^= 1;
                    if (!f.AreEqual(_left, _right))
                    {
                        _status = PointStatus.NotOnCurve;
                        _phase = Done;
                        return true;
                    }

                    _phase = Product;
                    return true;
            }

            _micro++;
            return true;
        }
    }
}
