namespace CommsHub.Security.Ecc
{
    /// <summary>
    /// The Smart Energy key-establishment curves: sect163k1 (suite 1: a = 1, cofactor 2) and sect283k1
    /// (suite 2: a = 0, cofactor 4), both with b = 1. Each instance owns its field scratch and counters,
    /// so one instance serves one computation at a time.
    /// </summary>
    public sealed class KoblitzCurve
    {
        private readonly BinaryField _field;
        private readonly int _a;
        private readonly int _cofactor;
        private readonly uint[] _order;
        private readonly int _orderBits;
        private readonly AffinePoint _generator;
        private readonly uint[] _t1;
        private readonly uint[] _t2;

        private KoblitzCurve(BinaryField field, int a, int cofactor, string order, string gx, string gy)
        {
            _field = field;
            _a = a;
            _cofactor = cofactor;
            _order = ScalarHex(order, field.Limbs);
            _orderBits = BitLength(_order);
            _generator = new AffinePoint(field.Limbs);
            uint[] x = ScalarHex(gx, field.Limbs);
            uint[] y = ScalarHex(gy, field.Limbs);
            field.Copy(x, _generator.X);
            field.Copy(y, _generator.Y);
            _generator.IsInfinity = false;
            _t1 = field.NewElement();
            _t2 = field.NewElement();
        }

        /// <summary>sect163k1 (SEC 2), the curve of CBKE suite 1.</summary>
        public static KoblitzCurve CreateSect163k1()
        {
            return new KoblitzCurve(
                BinaryField.CreateF163(new EccCounters()),
                1,
                2,
                "04000000000000000000020108A2E0CC0D99F8A5EF",
                "02FE13C0537BBC11ACAA07D793DE4E6D5E5C94EEE8",
                "0289070FB05D38FF58321F2E800536D538CCDAA3D9");
        }

        /// <summary>sect283k1 (SEC 2), the curve of CBKE suite 2.</summary>
        public static KoblitzCurve CreateSect283k1()
        {
            return new KoblitzCurve(
                BinaryField.CreateF283(new EccCounters()),
                0,
                4,
                "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFE9AE2ED07577265DFF7F94451E061E163C61",
                "0503213F78CA44883F1A3B8162F188E553CD265F23C1567A16876913B0C2AC2458492836",
                "01CCDA380F1C9E318D90F95D07E5426FE87E45C0E8184698E45962364E34116177DD2259");
        }

        public BinaryField Field
        {
            get { return _field; }
        }

        public EccCounters Counters
        {
            get { return _field.Counters; }
        }

        /// <summary>The curve coefficient a (0 or 1); b is 1 for both curves.</summary>
        public int A
        {
            get { return _a; }
        }

        public int Cofactor
        {
            get { return _cofactor; }
        }

        /// <summary>The prime order n of the base point, in Field.Limbs limbs.</summary>
        public uint[] Order
        {
            get { return _order; }
        }

        /// <summary>f, the bit length of n: 163 or 281.</summary>
        public int OrderBits
        {
            get { return _orderBits; }
        }

        /// <summary>ceil(f/2), the bit count of the associate value function: 82 or 141.</summary>
        public int AvfBits
        {
            get { return (_orderBits + 1) / 2; }
        }

        public AffinePoint Generator
        {
            get { return _generator; }
        }

        /// <summary>Bytes of a private key: 21 or 36.</summary>
        public int PrivateKeyLength
        {
            get { return _field.ByteLength; }
        }

        /// <summary>Bytes of a compressed point: 22 or 37.</summary>
        public int CompressedPointLength
        {
            get { return _field.ByteLength + 1; }
        }

        /// <summary>Whether y^2 + xy = x^3 + ax^2 + 1 holds (the point at infinity is not "on" it here).</summary>
        public bool IsOnCurve(AffinePoint p)
        {
            if (p.IsInfinity)
            {
                return false;
            }

            BinaryField f = _field;
            uint[] left = _t1;
            uint[] right = _t2;

            // left = y^2 + xy = y(y + x)
            f.Add(p.Y, p.X, left);
            f.Multiply(left, p.Y, left);

            // right = x^2(x + a) + 1
            f.Copy(p.X, right);
            right[0] ^= (uint)_a;
            f.Multiply(right, p.X, right);
            f.Multiply(right, p.X, right);
            right[0] ^= 1;
            return f.AreEqual(left, right);
        }

        /// <summary>Big-endian hex (even length, no separators) into limbs, least significant first.</summary>
        public static uint[] ScalarHex(string hex, int limbs)
        {
            uint[] value = new uint[limbs];
            int nibble = 0;
            for (int i = hex.Length - 1; i >= 0; i--)
            {
                char c = hex[i];
                int digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
                value[nibble >> 3] |= (uint)digit << (4 * (nibble & 7));
                nibble++;
            }

            return value;
        }

        public static int BitLength(uint[] value)
        {
            for (int i = value.Length - 1; i >= 0; i--)
            {
                uint w = value[i];
                if (w != 0)
                {
                    int bits = 32 * i;
                    while (w != 0)
                    {
                        w >>= 1;
                        bits++;
                    }

                    return bits;
                }
            }

            return 0;
        }
    }
}
