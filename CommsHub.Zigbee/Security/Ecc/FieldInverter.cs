namespace CommsHub.Security.Ecc
{
    /// <summary>
    /// a^-1 = a^(2^m - 2) by Itoh–Tsujii, run in budgeted steps. With b_k = a^(2^k - 1):
    /// b_2k = b_k^(2^k)·b_k and b_(k+1) = b_k^2·a, walking the bits of m - 1; the inverse is b_(m-1)^2.
    /// m - 1 squarings and about log2(m) multiplications, each a separate step.
    /// </summary>
    public sealed class FieldInverter
    {
        private readonly BinaryField _field;
        private readonly uint[] _a;
        private readonly uint[] _beta;
        private readonly uint[] _power;
        private uint[] _result;
        private int _bit;
        private int _k;
        private int _squaringsLeft;
        private int _phase;

        public FieldInverter(BinaryField field)
        {
            _field = field;
            _a = field.NewElement();
            _beta = field.NewElement();
            _power = field.NewElement();
        }

        /// <summary>Starts result = a^-1; a is copied, so it may be the result array.</summary>
        public void Begin(uint[] a, uint[] result)
        {
            _field.Copy(a, _a);
            _field.Copy(a, _beta);
            _result = result;
            _k = 1;
            _bit = TopBit(_field.Degree - 1) - 1;
            _phase = 0;
            _field.Counters.FieldInversions++;
        }

        /// <summary>Runs until done (true) or until the budget cannot pay for the next operation (false).</summary>
        public bool Step(WorkBudget budget)
        {
            BinaryField f = _field;
            while (true)
            {
                switch (_phase)
                {
                    case 0:
                        if (_bit < 0)
                        {
                            _phase = 5;
                            break;
                        }

                        f.Copy(_beta, _power);
                        _squaringsLeft = _k;
                        _phase = 1;
                        break;
                    case 1:
                        if (_squaringsLeft == 0)
                        {
                            _phase = 2;
                            break;
                        }

                        if (!budget.Take(EccCost.Squaring))
                        {
                            return false;
                        }

                        f.Square(_power, _power);
                        _squaringsLeft--;
                        break;
                    case 2:
                        if (!budget.Take(EccCost.Multiplication))
                        {
                            return false;
                        }

                        f.Multiply(_power, _beta, _beta);
                        _k *= 2;
                        _phase = (((f.Degree - 1) >> _bit) & 1) != 0 ? 3 : 6;
                        break;
                    case 3:
                        if (!budget.Take(EccCost.Squaring))
                        {
                            return false;
                        }

                        f.Square(_beta, _beta);
                        _phase = 4;
                        break;
                    case 4:
                        if (!budget.Take(EccCost.Multiplication))
                        {
                            return false;
                        }

                        f.Multiply(_beta, _a, _beta);
                        _k++;
                        _phase = 6;
                        break;
                    case 5:
                        if (!budget.Take(EccCost.Squaring))
                        {
                            return false;
                        }

                        f.Square(_beta, _result);
                        _phase = 7;
                        return true;
                    case 6:
                        _bit--;
                        _phase = 0;
                        break;
                    default:
                        return true;
                }
            }
        }

        private static int TopBit(int value)
        {
            int bit = -1;
            while (value != 0)
            {
                value >>= 1;
                bit++;
            }

            return bit;
        }
    }
}
