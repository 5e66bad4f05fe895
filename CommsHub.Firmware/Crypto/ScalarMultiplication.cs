namespace CommsHub.Crypto
{
    /// <summary>
    /// k·G on P-256 one step at a time: left-to-right double-and-add where G stays affine (Z = 1), so an addition is
    /// the mixed formula (madd-2007-bl, eleven multiplications) cut in two; a doubling is eight. Then Z is inverted
    /// in steps and the affine x and y come out in normal form. No step makes more than eight field multiplications.
    /// </summary>
    internal sealed class ScalarMultiplication
    {
        public const int LargestStepMultiplications = 8;

        private const int Doubling = 0;
        private const int AddFirstHalf = 1;
        private const int AddSecondHalf = 2;
        private const int AddAsDoubling = 3;
        private const int Inverting = 4;
        private const int Affine = 5;
        private const int Done = 6;

        private readonly P256 _curve;
        private readonly MontgomeryField _p;
        private readonly uint[] _scalar;
        private readonly uint[] _gx = new uint[8];
        private readonly uint[] _gy = new uint[8];
        private readonly uint[] _one = new uint[8];
        private readonly uint[][] _r = new uint[][] { new uint[8], new uint[8], new uint[8] };
        private readonly uint[] _z1z1 = new uint[8], _h = new uint[8], _hh = new uint[8], _i = new uint[8], _j = new uint[8], _rr = new uint[8], _t = new uint[8], _u = new uint[8];
        private FieldInversion _inversion;
        private int _bit = 255;
        private int _phase;

        public ScalarMultiplication(P256 curve, uint[] scalar)
        {
            _curve = curve;
            _p = curve.Field;
            _scalar = scalar;
            _p.ToMontgomery(P256.BaseX, _gx);
            _p.ToMontgomery(P256.BaseY, _gy);
            uint[] one = new uint[8];
            one[0] = 1;
            _p.ToMontgomery(one, _one);
            X = new uint[8];
            Y = new uint[8];
        }

        /// <summary>Affine coordinates in normal form, once <see cref="Step"/> returned true (undefined if k·G is infinity).</summary>
        public uint[] X { get; private set; }

        public uint[] Y { get; private set; }

        public bool Step()
        {
            switch (_phase)
            {
                case Doubling:
                    if (_bit < 0)
                    {
                        _inversion = new FieldInversion(_p, _r[2]);
                        _phase = Inverting;
                        return false;
                    }

                    _curve.Double(_r, _r);
                    if (((_scalar[_bit >> 5] >> (_bit & 31)) & 1) != 0)
                    {
                        _phase = AddFirstHalf;
                    }
                    else
                    {
                        _bit--;
                    }

                    return false;
                case AddFirstHalf:
                    AddFirst();
                    return false;
                case AddSecondHalf:
                    AddSecond();
                    _bit--;
                    _phase = Doubling;
                    return false;
                case AddAsDoubling:
                    _curve.Double(_r, _r);
                    _bit--;
                    _phase = Doubling;
                    return false;
                case Inverting:
                    if (_inversion.Step())
                    {
                        _phase = Affine;
                    }

                    return false;
                case Affine:
                    uint[] zInverse = _inversion.Result;
                    _p.Multiply(zInverse, zInverse, _t);
                    _p.Multiply(_r[0], _t, X);
                    _p.Multiply(_t, zInverse, _t);
                    _p.Multiply(_r[1], _t, Y);
                    _p.FromMontgomery(X, X);
                    _p.FromMontgomery(Y, Y);
                    _phase = Done;
                    return true;
                default:
                    return true;
            }
        }

        /// <summary>Z1Z1 = Z1², U2 = Gx·Z1Z1, S2 = Gy·Z1·Z1Z1, H = U2 − X1, r = 2(S2 − Y1), HH = H², I = 4·HH, J = H·I.</summary>
        private void AddFirst()
        {
            if (MontgomeryField.IsZero(_r[2]))
            {
                MontgomeryField.Copy(_gx, _r[0]);
                MontgomeryField.Copy(_gy, _r[1]);
                MontgomeryField.Copy(_one, _r[2]);
                _bit--;
                _phase = Doubling;
                return;
            }

            _p.Multiply(_r[2], _r[2], _z1z1);
            _p.Multiply(_gx, _z1z1, _u);
            _p.Multiply(_gy, _r[2], _t);
            _p.Multiply(_t, _z1z1, _t);
            _p.Subtract(_u, _r[0], _h);
            _p.Subtract(_t, _r[1], _rr);
            if (MontgomeryField.IsZero(_h))
            {
                if (MontgomeryField.IsZero(_rr))
                {
                    _phase = AddAsDoubling;
                }
                else
                {
                    for (int c = 0; c < 3; c++)
                    {
                        for (int i = 0; i < 8; i++)
                        {
                            _r[c][i] = 0;
                        }
                    }

                    _bit--;
                    _phase = Doubling;
                }

                return;
            }

            _p.Add(_rr, _rr, _rr);
            _p.Multiply(_h, _h, _hh);
            _p.Add(_hh, _hh, _i);
            _p.Add(_i, _i, _i);
            _p.Multiply(_h, _i, _j);
            _phase = AddSecondHalf;
        }

        /// <summary>V = X1·I, X3 = r² − J − 2V, Y3 = r(V − X3) − 2·Y1·J, Z3 = (Z1 + H)² − Z1Z1 − HH.</summary>
        private void AddSecond()
        {
            uint[] v = _u;
            _p.Multiply(_r[0], _i, v);
            _p.Multiply(_rr, _rr, _r[0]);
            _p.Subtract(_r[0], _j, _r[0]);
            _p.Subtract(_r[0], v, _r[0]);
            _p.Subtract(_r[0], v, _r[0]);
            _p.Subtract(v, _r[0], _t);
            _p.Multiply(_rr, _t, _t);
            _p.Multiply(_r[1], _j, _r[1]);
            _p.Add(_r[1], _r[1], _r[1]);
            _p.Subtract(_t, _r[1], _r[1]);
            _p.Add(_r[2], _h, _r[2]);
            _p.Multiply(_r[2], _r[2], _r[2]);
            _p.Subtract(_r[2], _z1z1, _r[2]);
            _p.Subtract(_r[2], _hh, _r[2]);
        }
    }
}
