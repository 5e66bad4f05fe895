using CommsHub.Work;

namespace CommsHub.Crypto
{
    /// <summary>
    /// Arithmetic modulo an odd 256-bit prime in Montgomery form (R = 2^256), on eight 32-bit limbs, least
    /// significant first. Used for both the P-256 field and its group order. Results go into caller arrays.
    /// </summary>
    public sealed class MontgomeryField
    {
        public const int Limbs = 8;

        private readonly uint[] _m;
        private readonly uint _m0Inverse;
        private readonly uint[] _r2 = new uint[Limbs];
        private readonly uint[] _one = new uint[Limbs];
        private readonly uint[] _t = new uint[Limbs + 2];
        private readonly uint[] _exponent = new uint[Limbs];

        public MontgomeryField(uint[] modulus)
        {
            _m = modulus;

            // -m^-1 mod 2^32 by Newton's iteration (each step doubles the correct bits).
            uint inverse = 1;
            for (int i = 0; i < 5; i++)
            {
                inverse *= 2 - (modulus[0] * inverse);
            }

            _m0Inverse = 0 - inverse;

            // R^2 mod m: 1 doubled 512 times.
            _r2[0] = 1;
            for (int i = 0; i < 512; i++)
            {
                Add(_r2, _r2, _r2);
            }

            _one[0] = 1;
        }

        /// <summary>Counts multiplications for the main loop's budget; null when nobody counts.</summary>
        public WorkMeter Meter { get; set; }

        public uint[] Modulus
        {
            get { return _m; }
        }

        /// <summary>result = a·b·R^-1 mod m. <paramref name="result"/> may alias an input.</summary>
        public void Multiply(uint[] a, uint[] b, uint[] result)
        {
            if (Meter != null)
            {
                Meter.FieldMultiplications++;
            }

            uint[] t = _t;
            for (int i = 0; i < t.Length; i++)
            {
                t[i] = 0;
            }

            for (int i = 0; i < Limbs; i++)
            {
                ulong carry = 0;
                ulong bi = b[i];
                for (int j = 0; j < Limbs; j++)
                {
                    ulong sum = t[j] + (a[j] * bi) + carry;
                    t[j] = (uint)sum;
                    carry = sum >> 32;
                }

                ulong top = t[Limbs] + carry;
                t[Limbs] = (uint)top;
                t[Limbs + 1] = (uint)(top >> 32);

                ulong m = (uint)(t[0] * _m0Inverse);
                carry = (t[0] + (m * _m[0])) >> 32;
                for (int j = 1; j < Limbs; j++)
                {
                    ulong sum = t[j] + (m * _m[j]) + carry;
                    t[j - 1] = (uint)sum;
                    carry = sum >> 32;
                }

                top = t[Limbs] + carry;
                t[Limbs - 1] = (uint)top;
                t[Limbs] = t[Limbs + 1] + (uint)(top >> 32);
            }

            for (int i = 0; i < Limbs; i++)
            {
                result[i] = t[i];
            }

            if (t[Limbs] != 0 || !Less(result, _m))
            {
                SubtractRaw(result, _m, result);
            }
        }

        public void ToMontgomery(uint[] a, uint[] result)
        {
            Multiply(a, _r2, result);
        }

        public void FromMontgomery(uint[] a, uint[] result)
        {
            Multiply(a, _one, result);
        }

        public void Add(uint[] a, uint[] b, uint[] result)
        {
            ulong carry = 0;
            for (int i = 0; i < Limbs; i++)
            {
                ulong sum = (ulong)a[i] + b[i] + carry;
                result[i] = (uint)sum;
                carry = sum >> 32;
            }

            if (carry != 0 || !Less(result, _m))
            {
                SubtractRaw(result, _m, result);
            }
        }

        public void Subtract(uint[] a, uint[] b, uint[] result)
        {
            if (SubtractRaw(a, b, result))
            {
                ulong carry = 0;
                for (int i = 0; i < Limbs; i++)
                {
                    ulong sum = (ulong)result[i] + _m[i] + carry;
                    result[i] = (uint)sum;
                    carry = sum >> 32;
                }
            }
        }

        /// <summary>result = a^-1 in Montgomery form, by Fermat: a^(m-2).</summary>
        public void Invert(uint[] a, uint[] result)
        {
            uint[] e = _exponent;
            for (int i = 0; i < Limbs; i++)
            {
                e[i] = _m[i];
            }

            e[0] -= 2;
            uint[] acc = new uint[Limbs];
            ToMontgomery(_one, acc);
            uint[] power = new uint[Limbs];
            Copy(a, power);
            for (int bit = 0; bit < 256; bit++)
            {
                if (((e[bit >> 5] >> (bit & 31)) & 1) != 0)
                {
                    Multiply(acc, power, acc);
                }

                Multiply(power, power, power);
            }

            Copy(acc, result);
        }

        public static bool IsZero(uint[] a)
        {
            uint any = 0;
            for (int i = 0; i < Limbs; i++)
            {
                any |= a[i];
            }

            return any == 0;
        }

        public static bool Less(uint[] a, uint[] b)
        {
            for (int i = Limbs - 1; i >= 0; i--)
            {
                if (a[i] != b[i])
                {
                    return a[i] < b[i];
                }
            }

            return false;
        }

        public static void Copy(uint[] from, uint[] to)
        {
            for (int i = 0; i < Limbs; i++)
            {
                to[i] = from[i];
            }
        }

        /// <summary>result = a - b without reduction; returns true when it borrowed.</summary>
        public static bool SubtractRaw(uint[] a, uint[] b, uint[] result)
        {
            long borrow = 0;
            for (int i = 0; i < Limbs; i++)
            {
                long difference = (long)a[i] - b[i] - borrow;
                result[i] = (uint)difference;
                borrow = difference < 0 ? 1 : 0;
            }

            return borrow != 0;
        }

        /// <summary>Reads a 32-byte big-endian number.</summary>
        public static uint[] FromBigEndian(byte[] bytes, int offset)
        {
            uint[] value = new uint[Limbs];
            for (int i = 0; i < Limbs; i++)
            {
                int at = offset + 28 - (4 * i);
                value[i] = ((uint)bytes[at] << 24) | ((uint)bytes[at + 1] << 16) | ((uint)bytes[at + 2] << 8) | bytes[at + 3];
            }

            return value;
        }

        public static void ToBigEndian(uint[] value, byte[] bytes, int offset)
        {
            for (int i = 0; i < Limbs; i++)
            {
                int at = offset + 28 - (4 * i);
                bytes[at] = (byte)(value[i] >> 24);
                bytes[at + 1] = (byte)(value[i] >> 16);
                bytes[at + 2] = (byte)(value[i] >> 8);
                bytes[at + 3] = (byte)value[i];
            }
        }
    }
}
