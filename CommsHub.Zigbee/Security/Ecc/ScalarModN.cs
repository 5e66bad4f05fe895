namespace CommsHub.Security.Ecc
{
    /// <summary>
    /// Integers modulo the group order n for ECMQV: private keys, the associate value function and
    /// s = (d_eph + avf(Q_eph)·d_static) mod n, the last reduced bit by bit in budgeted steps.
    /// Values are uint[] limbs, least significant first; a "wide" value has 2·Limbs + 1 limbs.
    /// </summary>
    public sealed class ScalarModN : EccTask
    {
        private readonly KoblitzCurve _curve;
        private readonly int _limbs;
        private readonly uint[] _wide;
        private readonly uint[] _remainder;
        private uint[] _result;
        private int _bit;

        public ScalarModN(KoblitzCurve curve)
        {
            _curve = curve;
            _limbs = curve.Field.Limbs;
            _wide = new uint[(2 * _limbs) + 1];
            _remainder = new uint[_limbs + 1];
        }

        public int Limbs
        {
            get { return _limbs; }
        }

        /// <summary>
        /// Reads a private key of curve.PrivateKeyLength big-endian bytes; false when it is zero. A value of n
        /// or more is used as it is (d·G and s only depend on d mod n): the published suite 2 example's
        /// ephemeral keys are above n.
        /// </summary>
        public bool TryReadPrivateKey(byte[] bytes, int offset, uint[] d)
        {
            if (offset < 0 || offset + _curve.PrivateKeyLength > bytes.Length)
            {
                return false;
            }

            ReadBigEndian(bytes, offset, _curve.PrivateKeyLength, d);
            return KoblitzCurve.BitLength(d) != 0;
        }

        /// <summary>Big-endian bytes into limbs (which must be long enough), zero above.</summary>
        public static void ReadBigEndian(byte[] bytes, int offset, int count, uint[] value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                value[i] = 0;
            }

            for (int i = 0; i < count; i++)
            {
                int bit = 8 * (count - 1 - i);
                value[bit >> 5] |= (uint)bytes[offset + i] << (bit & 31);
            }
        }

        /// <summary>avf(Q) = (x mod 2^h) + 2^h with h = ceil(f/2), f the bit length of n; x is a field element.</summary>
        public void Avf(uint[] x, uint[] result)
        {
            int h = _curve.AvfBits;
            for (int i = 0; i < _limbs; i++)
            {
                int low = 32 * i;
                uint w = x[i];
                if (low >= h)
                {
                    w = 0;
                }
                else if (h - low < 32)
                {
                    w &= (1u << (h - low)) - 1;
                }

                result[i] = w;
            }

            result[h >> 5] |= 1u << (h & 31);
        }

        /// <summary>
        /// Starts result = (c + a·b) mod n, with a, b and c below 2^(32·Limbs); result has Limbs limbs.
        /// The product is immediate; Step then reduces it.
        /// </summary>
        public void BeginMultiplyAdd(uint[] a, uint[] b, uint[] c, uint[] result)
        {
            _curve.Counters.ScalarProducts++;
            uint[] w = _wide;
            for (int i = 0; i < w.Length; i++)
            {
                w[i] = i < _limbs ? c[i] : 0;
            }

            for (int i = 0; i < _limbs; i++)
            {
                ulong carry = 0;
                ulong ai = a[i];
                for (int j = 0; j < _limbs; j++)
                {
                    ulong sum = w[i + j] + (ai * b[j]) + carry;
                    w[i + j] = (uint)sum;
                    carry = sum >> 32;
                }

                for (int k = i + _limbs; carry != 0 && k < w.Length; k++)
                {
                    ulong sum = w[k] + carry;
                    w[k] = (uint)sum;
                    carry = sum >> 32;
                }
            }

            for (int i = 0; i < _remainder.Length; i++)
            {
                _remainder[i] = 0;
            }

            _result = result;
            _bit = KoblitzCurve.BitLength(w) - 1;
        }

        /// <summary>Bit-serial reduction: r = 2r + next bit, minus n when r ≥ n.</summary>
        public override bool Step(WorkBudget budget)
        {
            uint[] r = _remainder;
            uint[] n = _curve.Order;
            while (_bit >= 0)
            {
                if (!budget.Take(EccCost.ScalarReductionBit))
                {
                    return false;
                }

                _curve.Counters.ScalarReductionBits++;
                uint carry = (_wide[_bit >> 5] >> (_bit & 31)) & 1;
                for (int i = 0; i < r.Length; i++)
                {
                    uint w = r[i];
                    r[i] = (w << 1) | carry;
                    carry = w >> 31;
                }

                if (Compare(r, n, r.Length) >= 0)
                {
                    long borrow = 0;
                    for (int i = 0; i < r.Length; i++)
                    {
                        long diff = (long)r[i] - (i < _limbs ? n[i] : 0) - borrow;
                        r[i] = (uint)diff;
                        borrow = diff < 0 ? 1 : 0;
                    }
                }

                _bit--;
            }

            for (int i = 0; i < _limbs; i++)
            {
                _result[i] = r[i];
            }

            return true;
        }

        /// <summary>value·2^shift into result (Limbs + 1 limbs), for the cofactor h = 2 or 4.</summary>
        public void ShiftLeft(uint[] value, int shift, uint[] result)
        {
            uint carry = 0;
            for (int i = 0; i < result.Length; i++)
            {
                uint w = i < value.Length ? value[i] : 0;
                result[i] = (w << shift) | carry;
                carry = w >> (32 - shift);
            }
        }

        // Compares the low `limbs` limbs of a with b (b shorter is read as zero-extended).
        private static int Compare(uint[] a, uint[] b, int limbs)
        {
            for (int i = limbs - 1; i >= 0; i--)
            {
                uint x = a[i];
                uint y = i < b.Length ? b[i] : 0;
                if (x != y)
                {
                    return x < y ? -1 : 1;
                }
            }

            return 0;
        }
    }
}
