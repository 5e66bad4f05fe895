namespace CommsHub.Security.Ecc
{
    /// <summary>The half-trace c + c^4 + c^16 + ... + c^(4^((m-1)/2)) in budgeted steps of two squarings.</summary>
    public sealed class HalfTraceStepper
    {
        private readonly BinaryField _field;
        private readonly uint[] _sum;
        private readonly uint[] _power;
        private uint[] _result;
        private int _left;

        public HalfTraceStepper(BinaryField field)
        {
            _field = field;
            _sum = field.NewElement();
            _power = field.NewElement();
        }

        /// <summary>Starts result = H(c); c is copied, so it may be the result array.</summary>
        public void Begin(uint[] c, uint[] result)
        {
            _field.Copy(c, _sum);
            _field.Copy(c, _power);
            _result = result;
            _left = (_field.Degree - 1) / 2;
        }

        public bool Step(WorkBudget budget)
        {
            while (_left > 0)
            {
                if (!budget.Take(2 * EccCost.Squaring))
                {
                    return false;
                }

                _field.Square(_power, _power);
                _field.Square(_power, _power);
                _field.Add(_sum, _power, _sum);
                _left--;
            }

            _field.Copy(_sum, _result);
            return true;
        }
    }
}
