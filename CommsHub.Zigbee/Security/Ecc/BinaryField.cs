namespace CommsHub.Security.Ecc
{
    /// <summary>
    /// GF(2^m) in polynomial basis for the two Smart Energy curves: m = 163 with x^163 + x^7 + x^6 + x^3 + 1
    /// and m = 283 with x^283 + x^12 + x^7 + x^5 + 1. An element is a uint[Limbs], least significant limb
    /// first. Every operation writes into a caller array (which may alias an input) and uses only scratch
    /// allocated here, so nothing is allocated per operation. One instance serves one computation at a time.
    /// </summary>
    public sealed class BinaryField
    {
        // Each byte spread to 16 bits with a zero between its bits: squaring is linear in GF(2)[z].
        private static readonly ushort[] SpreadTable = BuildSpreadTable();

        private readonly int _m;
        private readonly int _limbs;
        private readonly uint[][] _rows;
        private readonly uint[] _sum;
        private readonly EccCounters _counters;
        private readonly FieldInverter _inverter;
        private readonly HalfTraceStepper _halfTrace;
        private readonly WorkBudget _unlimited = new WorkBudget();

        private BinaryField(int m, EccCounters counters)
        {
            _m = m;
            _limbs = (m + 31) / 32;
            _rows = NewFactorTable();
            _sum = new uint[_limbs];
            _counters = counters;
            _inverter = new FieldInverter(this);
            _halfTrace = new HalfTraceStepper(this);
        }

        public static BinaryField CreateF163(EccCounters counters)
        {
            return new BinaryField(163, counters);
        }

        public static BinaryField CreateF283(EccCounters counters)
        {
            return new BinaryField(283, counters);
        }

        /// <summary>The extension degree m.</summary>
        public int Degree
        {
            get { return _m; }
        }

        public int Limbs
        {
            get { return _limbs; }
        }

        /// <summary>Bytes of a big-endian field element on the air: 21 for m = 163, 36 for m = 283.</summary>
        public int ByteLength
        {
            get { return (_m + 7) / 8; }
        }

        public EccCounters Counters
        {
            get { return _counters; }
        }

        public uint[] NewElement()
        {
            return new uint[_limbs];
        }

        public void Add(uint[] a, uint[] b, uint[] result)
        {
            for (int i = 0; i < _limbs; i++)
            {
                result[i] = a[i] ^ b[i];
            }
        }

        public void Copy(uint[] source, uint[] destination)
        {
            for (int i = 0; i < _limbs; i++)
            {
                destination[i] = source[i];
            }
        }

        public void SetZero(uint[] a)
        {
            for (int i = 0; i < _limbs; i++)
            {
                a[i] = 0;
            }
        }

        public void SetOne(uint[] a)
        {
            SetZero(a);
            a[0] = 1;
        }

        public bool IsZero(uint[] a)
        {
            uint any = 0;
            for (int i = 0; i < _limbs; i++)
            {
                any |= a[i];
            }

            return any == 0;
        }

        public bool IsOne(uint[] a)
        {
            uint any = a[0] ^ 1;
            for (int i = 1; i < _limbs; i++)
            {
                any |= a[i];
            }

            return any == 0;
        }

        public bool AreEqual(uint[] a, uint[] b)
        {
            uint any = 0;
            for (int i = 0; i < _limbs; i++)
            {
                any |= a[i] ^ b[i];
            }

            return any == 0;
        }

        /// <summary>
        /// result = a·b: left-to-right comb with 4-bit windows over a (López–Dahab), then reduction; written
        /// out per field (F163Arithmetic, F283Arithmetic) because the interpreter pays for every loop step.
        /// </summary>
        public void Multiply(uint[] a, uint[] b, uint[] result)
        {
            _counters.FieldMultiplications++;
            if (_m == 163)
            {
                F163Arithmetic.Multiply(a, b, result, _rows);
            }
            else
            {
                F283Arithmetic.Multiply(a, b, result, _rows);
            }
        }

        /// <summary>New scratch for <see cref="PrepareFactor"/>: 16 rows of Limbs + 1 words.</summary>
        public uint[][] NewFactorTable()
        {
            uint[][] rows = new uint[16][];
            for (int u = 0; u < 16; u++)
            {
                rows[u] = new uint[_limbs + 1];
            }

            return rows;
        }

        /// <summary>Builds the comb table of b once, for repeated <see cref="MultiplyPrepared"/> by the same b.</summary>
        public void PrepareFactor(uint[] b, uint[][] rows)
        {
            if (_m == 163)
            {
                F163Arithmetic.BuildRows(b, rows);
            }
            else
            {
                F283Arithmetic.BuildRows(b, rows);
            }
        }

        /// <summary>result = a·b with the table of b from PrepareFactor; counts as a multiplication.</summary>
        public void MultiplyPrepared(uint[] a, uint[][] rows, uint[] result)
        {
            _counters.FieldMultiplications++;
            if (_m == 163)
            {
                F163Arithmetic.MultiplyRows(a, rows, result);
            }
            else
            {
                F283Arithmetic.MultiplyRows(a, rows, result);
            }
        }

        /// <summary>result = a^2 by spreading bits through a table, then reduction.</summary>
        public void Square(uint[] a, uint[] result)
        {
            _counters.FieldSquarings++;
            if (_m == 163)
            {
                F163Arithmetic.Square(a, result, SpreadTable);
            }
            else
            {
                F283Arithmetic.Square(a, result, SpreadTable);
            }
        }

        /// <summary>result = a^-1 (Itoh–Tsujii); the inverse of zero is given as zero.</summary>
        public void Invert(uint[] a, uint[] result)
        {
            _inverter.Begin(a, result);
            _unlimited.Remaining = int.MaxValue;
            _inverter.Step(_unlimited);
        }

        /// <summary>Tr(a) = a + a^2 + a^4 + ... + a^(2^(m-1)), which is 0 or 1.</summary>
        public int Trace(uint[] a, uint[] scratch)
        {
            uint[] sum = _sum;
            Copy(a, scratch);
            Copy(a, sum);
            for (int i = 1; i < _m; i++)
            {
                Square(scratch, scratch);
                for (int k = 0; k < _limbs; k++)
                {
                    sum[k] ^= scratch[k];
                }
            }

            return (int)(sum[0] & 1);
        }

        /// <summary>
        /// The half-trace H(c) = sum of c^(4^i), i = 0..(m-1)/2. For odd m and Tr(c) = 0 it solves z^2 + z = c.
        /// </summary>
        public void HalfTrace(uint[] c, uint[] result)
        {
            _halfTrace.Begin(c, result);
            _unlimited.Remaining = int.MaxValue;
            _halfTrace.Step(_unlimited);
        }

        public bool TestBit(uint[] a, int bit)
        {
            return ((a[bit >> 5] >> (bit & 31)) & 1) != 0;
        }

        /// <summary>Reads ByteLength big-endian bytes; false (and nothing useful in result) when the value has bits at or above m.</summary>
        public bool TryRead(byte[] bytes, int offset, uint[] result)
        {
            int length = ByteLength;
            SetZero(result);
            for (int i = 0; i < length; i++)
            {
                int bitFromBottom = 8 * (length - 1 - i);
                result[bitFromBottom >> 5] |= (uint)bytes[offset + i] << (bitFromBottom & 31);
            }

            int topLimb = (_m - 1) >> 5;
            int usedBits = _m - (32 * topLimb);
            return (result[topLimb] >> usedBits) == 0;
        }

        public void Write(uint[] a, byte[] bytes, int offset)
        {
            int length = ByteLength;
            for (int i = 0; i < length; i++)
            {
                int bitFromBottom = 8 * (length - 1 - i);
                bytes[offset + i] = (byte)(a[bitFromBottom >> 5] >> (bitFromBottom & 31));
            }
        }

        private static ushort[] BuildSpreadTable()
        {
            ushort[] table = new ushort[256];
            for (int b = 0; b < 256; b++)
            {
                int spread = 0;
                for (int bit = 0; bit < 8; bit++)
                {
                    if (((b >> bit) & 1) != 0)
                    {
                        spread |= 1 << (2 * bit);
                    }
                }

                table[b] = (ushort)spread;
            }

            return table;
        }
    }
}
