namespace CommsHub.Security.Ecc
{
    /// <summary>
    /// (x, y) to 02|03 ‖ x, where the prefix's low bit is the low bit of y/x (0 when x = 0), in budgeted
    /// steps (one inversion).
    /// </summary>
    public sealed class PointCompressor : EccTask
    {
        private readonly KoblitzCurve _curve;
        private readonly BinaryField _f;
        private readonly FieldInverter _inverter;
        private readonly uint[] _t;
        private readonly AffinePoint _p;
        private byte[] _output;
        private int _offset;
        private bool _done;

        public PointCompressor(KoblitzCurve curve)
        {
            _curve = curve;
            _f = curve.Field;
            _inverter = new FieldInverter(_f);
            _t = _f.NewElement();
            _p = new AffinePoint(_f.Limbs);
        }

        /// <summary>Starts writing p (not at infinity) as curve.CompressedPointLength bytes at output[offset].</summary>
        public void Begin(AffinePoint p, byte[] output, int offset)
        {
            p.CopyTo(_p);
            _output = output;
            _offset = offset;
            _done = false;
            _inverter.Begin(_p.X, _t);
        }

        public override bool Step(WorkBudget budget)
        {
            if (_done)
            {
                return true;
            }

            if (!_inverter.Step(budget) || !budget.Take(EccCost.Multiplication))
            {
                return false;
            }

            _f.Multiply(_t, _p.Y, _t);
            _output[_offset] = (byte)(0x02 | (_t[0] & 1));
            _f.Write(_p.X, _output, _offset + 1);
            _done = true;
            return true;
        }
    }
}
