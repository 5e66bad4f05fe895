namespace CommsHub.Security.Ecc
{
    /// <summary>
    /// P + Q in affine coordinates, in budgeted steps: one inversion (Itoh–Tsujii) and a few multiplications.
    /// Handles the point at infinity, Q = -P (result at infinity) and P = Q (a doubling).
    /// </summary>
    public sealed class AffineAdder : EccTask
    {
        private const int Start = 0;
        private const int Invert = 1;
        private const int Finish = 2;
        private const int Done = 3;

        private readonly KoblitzCurve _curve;
        private readonly BinaryField _f;
        private readonly FieldInverter _inverter;
        private readonly AffinePoint _p;
        private readonly AffinePoint _q;
        private readonly uint[] _lambda;
        private readonly uint[] _t;
        private AffinePoint _result;
        private bool _doubling;
        private int _phase;
        private int _micro;

        public AffineAdder(KoblitzCurve curve)
        {
            _curve = curve;
            _f = curve.Field;
            _inverter = new FieldInverter(_f);
            _p = new AffinePoint(_f.Limbs);
            _q = new AffinePoint(_f.Limbs);
            _lambda = _f.NewElement();
            _t = _f.NewElement();
        }

        /// <summary>Starts result = p + q; both are copied, so result may be either.</summary>
        public void Begin(AffinePoint p, AffinePoint q, AffinePoint result)
        {
            p.CopyTo(_p);
            q.CopyTo(_q);
            _result = result;
            _phase = Start;
            _micro = 0;
        }

        public override bool Step(WorkBudget budget)
        {
            BinaryField f = _f;
            while (true)
            {
                switch (_phase)
                {
                    case Start:
                        if (_p.IsInfinity || _q.IsInfinity)
                        {
                            (_p.IsInfinity ? _q : _p).CopyTo(_result);
                            _phase = Done;
                            break;
                        }

                        _doubling = f.AreEqual(_p.X, _q.X);
                        if (_doubling)
                        {
                            f.Add(_p.Y, _q.Y, _t);
                            if (f.AreEqual(_t, _p.X))
                            {
                                // Same x and not the same point: Q = -P, whose y is x + y.
                                _result.IsInfinity = true;
                                _phase = Done;
                                break;
                            }

                            // P = Q: lambda = x + y/x.
                            f.Counters.PointDoublings++;
                            _inverter.Begin(_p.X, _t);
                        }
                        else
                        {
                            f.Counters.PointAdditions++;
                            f.Add(_p.X, _q.X, _t);
                            _inverter.Begin(_t, _t);
                        }

                        _phase = Invert;
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

        private bool FinishStep(WorkBudget budget)
        {
            BinaryField f = _f;
            if (!budget.Take(_micro == 0 ? EccCost.Multiplication + EccCost.Squaring : EccCost.Multiplication))
            {
                return false;
            }

            if (_micro == 0)
            {
                // lambda = (y1 + y2)/(x1 + x2), or x + y/x for a doubling; then x3 = lambda^2 + lambda + (x1 + x2) + a.
                if (_doubling)
                {
                    f.Multiply(_p.Y, _t, _lambda);
                    f.Add(_lambda, _p.X, _lambda);
                    f.SetZero(_t);
                }
                else
                {
                    f.Add(_p.Y, _q.Y, _lambda);
                    f.Multiply(_lambda, _t, _lambda);
                    f.Add(_p.X, _q.X, _t);
                }

                f.Square(_lambda, _q.X);
                f.Add(_q.X, _lambda, _q.X);
                f.Add(_q.X, _t, _q.X);
                _q.X[0] ^= (uint)_curve.A;
                _micro = 1;
                return true;
            }

            // y3 = lambda(x1 + x3) + x3 + y1
            f.Add(_p.X, _q.X, _t);
            f.Multiply(_lambda, _t, _t);
            f.Add(_t, _q.X, _t);
            f.Add(_t, _p.Y, _result.Y);
            f.Copy(_q.X, _result.X);
            _result.IsInfinity = false;
            _phase = Done;
            return true;
        }
    }
}
