namespace CommsHub.Crypto
{
    /// <summary>
    /// a^-1 = a^(m-2) mod m (Fermat), in Montgomery form, a few exponent bits per step: the same arithmetic as
    /// <see cref="MontgomeryField.Invert"/>, cut so no step makes more than eight multiplications.
    /// </summary>
    internal sealed class FieldInversion
    {
        public const int BitsPerStep = 4;

        private readonly MontgomeryField _field;
        private readonly uint[] _exponent = new uint[MontgomeryField.Limbs];
        private readonly uint[] _acc = new uint[MontgomeryField.Limbs];
        private readonly uint[] _power = new uint[MontgomeryField.Limbs];
        private int _bit;

        /// <summary>Starts inverting <paramref name="a"/> (Montgomery form, not zero); costs one multiplication.</summary>
        public FieldInversion(MontgomeryField field, uint[] a)
        {
            _field = field;
            MontgomeryField.Copy(field.Modulus, _exponent);
            _exponent[0] -= 2;
            uint[] one = new uint[MontgomeryField.Limbs];
            one[0] = 1;
            field.ToMontgomery(one, _acc);
            MontgomeryField.Copy(a, _power);
        }

        public uint[] Result
        {
            get { return _acc; }
        }

        /// <summary>True when the inverse is in <see cref="Result"/>.</summary>
        public bool Step()
        {
            for (int i = 0; i < BitsPerStep && _bit < 256; i++, _bit++)
            {
                if (((_exponent[_bit >> 5] >> (_bit & 31)) & 1) != 0)
                {
                    _field.Multiply(_acc, _power, _acc);
                }

                _field.Multiply(_power, _power, _power);
            }

            return _bit >= 256;
        }
    }
}
