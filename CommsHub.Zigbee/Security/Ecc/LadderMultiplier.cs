namespace CommsHub.Security.Ecc
{
    /// <summary>
    /// k·P by the López–Dahab Montgomery ladder in projective x-only coordinates (X/Z), in budgeted steps of
    /// one field operation. Per scalar bit: an x-only addition (4M + 1S, the difference of the two points
    /// is always P) and a doubling, which with b = 1 is X^4 + Z^4 over X^2·Z^2 (1M + 3S). The same
    /// operations run for a 0 bit and a 1 bit. y is recovered at the end from P when asked for.
    /// </summary>
    public sealed class LadderMultiplier : EccTask
    {
        private const int SetUp = 0;
        private const int Bits = 1;
        private const int Recover = 2;
        private const int Invert = 3;
        private const int Finish = 4;
        private const int Done = 5;

        private readonly BinaryField _f;
        private readonly FieldInverter _inverter;
        private readonly uint[] _scalar;
        private readonly AffinePoint _base;
        private readonly uint[] _x1;
        private readonly uint[] _z1;
        private readonly uint[] _x2;
        private readonly uint[] _z2;
        private readonly uint[] _t1;
        private readonly uint[] _t2;
        private readonly uint[] _t3;
        private readonly uint[][] _baseRows;
        private AffinePoint _result;
        private bool _wantY;
        private int _bit;
        private int _micro;
        private int _phase;

        public LadderMultiplier(KoblitzCurve curve, int scalarLimbs)
        {
            _f = curve.Field;
            _inverter = new FieldInverter(_f);
            _scalar = new uint[scalarLimbs];
            _base = new AffinePoint(_f.Limbs);
            _x1 = _f.NewElement();
            _z1 = _f.NewElement();
            _x2 = _f.NewElement();
            _z2 = _f.NewElement();
            _t1 = _f.NewElement();
            _t2 = _f.NewElement();
            _t3 = _f.NewElement();
            _baseRows = _f.NewFactorTable();
        }

        /// <summary>
        /// Starts result = scalar·p. Scalar and p are copied. Without <paramref name="wantY"/> only result.X
        /// is set. p must be on the curve with x ≠ 0 (every valid public key is).
        /// </summary>
        public void Begin(uint[] scalar, int scalarLimbs, AffinePoint p, AffinePoint result, bool wantY)
        {
            for (int i = 0; i < _scalar.Length; i++)
            {
                _scalar[i] = i < scalarLimbs ? scalar[i] : 0;
            }

            p.CopyTo(_base);
            _result = result;
            _wantY = wantY;
            _bit = KoblitzCurve.BitLength(_scalar) - 1;
            _micro = 0;
            _phase = _bit < 0 || _base.IsInfinity ? Done : SetUp;
            if (_phase == Done)
            {
                result.IsInfinity = true;
            }
        }

        public override bool Step(WorkBudget budget)
        {
            while (true)
            {
                switch (_phase)
                {
                    case SetUp:
                        if (!SetUpStep(budget))
                        {
                            return false;
                        }

                        break;
                    case Bits:
                        if (_bit < 0)
                        {
                            _phase = Recover;
                            _micro = 0;
                            break;
                        }

                        if (!BitStep(budget))
                        {
                            return false;
                        }

                        break;
                    case Recover:
                        if (!RecoverStep(budget))
                        {
                            return false;
                        }

                        break;
                    case Invert:
                        if (!_inverter.Step(budget))
                        {
                            return false;
                        }

                        _phase = Finish;
                        _micro = 0;
                        break;
                    case Finish:
                        if (!FinishStep(budget))
                        {
                            return false;
                        }

                        break;
                    default:
                        return true;
                }
            }
        }

        // P1 = P (x, 1), P2 = 2P (x^4 + 1, x^2); the top bit of the scalar is consumed by this.
        private bool SetUpStep(WorkBudget budget)
        {
            if (!budget.Take(2 * EccCost.Squaring))
            {
                return false;
            }

            // Every bit multiplies by the base's x: its comb table is built once here.
            _f.PrepareFactor(_base.X, _baseRows);
            _f.Copy(_base.X, _x1);
            _f.SetOne(_z1);
            _f.Square(_base.X, _z2);
            _f.Square(_z2, _x2);
            _x2[0] ^= 1;
            _bit--;
            _phase = Bits;
            _micro = 0;
            return true;
        }

        // One field operation of the current bit; 9 micro-steps per bit.
        private bool BitStep(WorkBudget budget)
        {
            bool one = ((_scalar[_bit >> 5] >> (_bit & 31)) & 1) != 0;

            // Add into (xa, za), double (xd, zd).
            uint[] xa = one ? _x1 : _x2;
            uint[] za = one ? _z1 : _z2;
            uint[] xd = one ? _x2 : _x1;
            uint[] zd = one ? _z2 : _z1;
            BinaryField f = _f;
            int cost = _micro == 2 || _micro == 5 || _micro == 6 || _micro == 8 ? EccCost.Squaring : EccCost.Multiplication;
            if (!budget.Take(cost))
            {
                return false;
            }

            switch (_micro)
            {
                case 0:
                    f.Multiply(xa, zd, _t1);
                    break;
                case 1:
                    f.Multiply(xd, za, _t2);
                    break;
                case 2:
                    f.Add(_t1, _t2, za);
                    f.Square(za, za);
                    break;
                case 3:
                    f.Multiply(_t1, _t2, _t1);
                    break;
                case 4:
                    f.MultiplyPrepared(za, _baseRows, xa);
                    f.Add(xa, _t1, xa);
                    f.Counters.PointAdditions++;
                    break;
                case 5:
                    f.Square(xd, _t1);
                    break;
                case 6:
                    f.Square(zd, _t2);
                    break;
                case 7:
                    f.Multiply(_t1, _t2, zd);
                    break;
                default:
                    f.Add(_t1, _t2, xd);
                    f.Square(xd, xd);
                    f.Counters.PointDoublings++;
                    _bit--;
                    _micro = 0;
                    return true;
            }

            _micro++;
            return true;
        }

        // Before the inversion: kP at infinity, kP = -P, or the denominator x·Z1·Z2 (with y) or Z1 (x only).
        private bool RecoverStep(WorkBudget budget)
        {
            BinaryField f = _f;
            if (_micro == 0)
            {
                if (f.IsZero(_z1))
                {
                    _result.IsInfinity = true;
                    _phase = Done;
                    return true;
                }

                if (_wantY && f.IsZero(_z2))
                {
                    // (k+1)P is at infinity, so kP = -P = (x, x + y).
                    f.Copy(_base.X, _result.X);
                    f.Add(_base.X, _base.Y, _result.Y);
                    _result.IsInfinity = false;
                    _phase = Done;
                    return true;
                }

                if (!_wantY)
                {
                    _inverter.Begin(_z1, _t1);
                    _phase = Invert;
                    return true;
                }
            }

            if (!budget.Take(_micro == 4 ? EccCost.Multiplication + EccCost.Squaring : EccCost.Multiplication))
            {
                return false;
            }

            switch (_micro)
            {
                case 0:
                    f.Multiply(_base.X, _z1, _t2);
                    f.Add(_t2, _x1, _t2);
                    break;
                case 1:
                    f.Multiply(_base.X, _z2, _t3);
                    f.Add(_t3, _x2, _t3);
                    break;
                case 2:
                    f.Multiply(_t2, _t3, _t2);
                    break;
                case 3:
                    f.Multiply(_z1, _z2, _t1);
                    break;
                case 4:
                    // t2 = (X1 + xZ1)(X2 + xZ2) + (x^2 + y)Z1Z2
                    f.Square(_base.X, _t3);
                    f.Add(_t3, _base.Y, _t3);
                    f.Multiply(_t3, _t1, _t3);
                    f.Add(_t2, _t3, _t2);
                    break;
                default:
                    f.Multiply(_t1, _base.X, _t1);
                    _inverter.Begin(_t1, _t1);
                    _phase = Invert;
                    return true;
            }

            _micro++;
            return true;
        }

        // After the inversion t1 = 1/Z1 (x only) or 1/(x·Z1·Z2).
        private bool FinishStep(WorkBudget budget)
        {
            BinaryField f = _f;
            if (!budget.Take(EccCost.Multiplication))
            {
                return false;
            }

            if (!_wantY)
            {
                f.Multiply(_x1, _t1, _result.X);
                _result.IsInfinity = false;
                _phase = Done;
                return true;
            }

            switch (_micro)
            {
                case 0:
                    // t2 / (x Z1 Z2)
                    f.Multiply(_t2, _t1, _t2);
                    break;
                case 1:
                    // 1/Z1 = x·Z2 / (x Z1 Z2)
                    f.Multiply(_t1, _base.X, _t1);
                    break;
                case 2:
                    f.Multiply(_t1, _z2, _t1);
                    break;
                case 3:
                    f.Multiply(_x1, _t1, _t3);
                    break;
                default:
                    // y3 = (x + x3)·t2 + y
                    f.Add(_base.X, _t3, _t1);
                    f.Multiply(_t1, _t2, _t1);
                    f.Add(_t1, _base.Y, _result.Y);
                    f.Copy(_t3, _result.X);
                    _result.IsInfinity = false;
                    _phase = Done;
                    return true;
            }

            _micro++;
            return true;
        }
    }
}
