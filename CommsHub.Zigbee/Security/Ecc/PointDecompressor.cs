namespace CommsHub.Security.Ecc
{
    /// <summary>
    /// A compressed point (02 or 03, then x big-endian; the prefix's low bit is the low bit of y/x) to
    /// (x, y), in budgeted steps: beta = x + a + 1/x^2, z solves z^2 + z = beta (half-trace), y = x·z.
    /// The check z^2 + z = beta proves the point is on the curve; a beta of trace 1 fails it.
    /// </summary>
    public sealed class PointDecompressor : EccTask
    {
        private const int Invert = 0;
        private const int HalfTrace = 1;
        private const int Finish = 2;
        private const int Done = 3;
        private const int Prepare = 4;

        private readonly KoblitzCurve _curve;
        private readonly BinaryField _f;
        private readonly FieldInverter _inverter;
        private readonly HalfTraceStepper _halfTrace;
        private readonly uint[] _x;
        private readonly uint[] _beta;
        private readonly uint[] _z;
        private AffinePoint _result;
        private int _yBit;
        private int _phase;
        private PointStatus _status;

        public PointDecompressor(KoblitzCurve curve)
        {
            _curve = curve;
            _f = curve.Field;
            _inverter = new FieldInverter(_f);
            _halfTrace = new HalfTraceStepper(_f);
            _x = _f.NewElement();
            _beta = _f.NewElement();
            _z = _f.NewElement();
        }

        /// <summary>Valid once Step has returned true, or the reason the point was refused.</summary>
        public PointStatus Status
        {
            get { return _status; }
        }

        /// <summary>Starts decoding bytes[offset..offset + curve.CompressedPointLength) into result.</summary>
        public void Begin(byte[] bytes, int offset, int count, AffinePoint result)
        {
            _result = result;
            result.IsInfinity = true;
            _phase = Done;
            if (count < _curve.CompressedPointLength || offset < 0 || offset + _curve.CompressedPointLength > bytes.Length)
            {
                _status = PointStatus.Truncated;
                return;
            }

            byte prefix = bytes[offset];
            if (prefix != 0x02 && prefix != 0x03)
            {
                _status = PointStatus.BadPrefix;
                return;
            }

            if (!_f.TryRead(bytes, offset + 1, _x))
            {
                _status = PointStatus.XOutsideField;
                return;
            }

            if (_f.IsZero(_x))
            {
                _status = PointStatus.SmallOrder;
                return;
            }

            _yBit = prefix & 1;
            _status = PointStatus.Valid;
            _phase = Prepare;
        }

        public override bool Step(WorkBudget budget)
        {
            BinaryField f = _f;
            while (true)
            {
                switch (_phase)
                {
                    case Prepare:
                        if (!budget.Take(EccCost.Squaring))
                        {
                            return false;
                        }

                        f.Square(_x, _beta);
                        _inverter.Begin(_beta, _beta);
                        _phase = Invert;
                        break;
                    case Invert:
                        if (!_inverter.Step(budget))
                        {
                            return false;
                        }

                        f.Add(_beta, _x, _beta);
                        _beta[0] ^= (uint)_curve.A;
                        _halfTrace.Begin(_beta, _z);
                        _phase = HalfTrace;
                        break;
                    case HalfTrace:
                        if (!_halfTrace.Step(budget))
                        {
                            return false;
                        }

                        _phase = Finish;
                        break;
                    case Finish:
                        if (!budget.Take(EccCost.Multiplication + EccCost.Squaring))
                        {
                            return false;
                        }

                        // z^2 + z must give beta back; y = x·z with z or z + 1 chosen by the low bit of y/x = z.
                        f.Square(_z, _result.Y);
                        f.Add(_result.Y, _z, _result.Y);
                        if (!f.AreEqual(_result.Y, _beta))
                        {
                            _status = PointStatus.NotOnCurve;
                            _phase = Done;
                            break;
                        }

                        if ((int)(_z[0] & 1) != _yBit)
                        {
                            _z[0] ^= 1;
                        }

                        f.Multiply(_x, _z, _result.Y);
                        f.Copy(_x, _result.X);
                        _result.IsInfinity = false;
                        _phase = Done;
                        break;
                    default:
                        return true;
                }
            }
        }
    }
}
