using System;
using CommsHub.Work;

namespace CommsHub.Crypto
{
    /// <summary>
    /// ECDSA over NIST P-256 with SHA-256, in plain managed code for nanoFramework (no BigInteger, no generics).
    /// Signatures are raw r ‖ s (64 bytes) as GBCS carries them; nonces are deterministic (RFC 6979), so the hub
    /// needs no random source and a signature can be reproduced. Not constant-time: a bench hub's key guards
    /// test alerts, not a live estate.
    /// </summary>
    public sealed class P256
    {
        public const int ScalarLength = 32;
        public const int SignatureLength = 64;

        internal static readonly uint[] PrimeP = Limbs("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF");
        internal static readonly uint[] OrderN = Limbs("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
        private static readonly uint[] CurveB = Limbs("5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B");
        internal static readonly uint[] BaseX = Limbs("6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296");
        internal static readonly uint[] BaseY = Limbs("4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5");

        private readonly MontgomeryField _p = new MontgomeryField(PrimeP);
        private readonly MontgomeryField _n = new MontgomeryField(OrderN);
        private readonly uint[][] _t = new uint[12][];

        public P256()
        {
            for (int i = 0; i < _t.Length; i++)
            {
                _t[i] = new uint[8];
            }
        }

        /// <summary>Counts field multiplications for the main loop's budget; null when nobody counts.</summary>
        public WorkMeter Meter
        {
            get { return _p.Meter; }
            set
            {
                _p.Meter = value;
                _n.Meter = value;
            }
        }

        internal MontgomeryField Field
        {
            get { return _p; }
        }

        internal MontgomeryField Order
        {
            get { return _n; }
        }

        /// <summary>The public key (x ‖ y, 64 bytes big-endian) of a 32-byte private scalar.</summary>
        public byte[] PublicKey(byte[] privateKey)
        {
            uint[] d = CheckedScalar(privateKey, 0, "private key");
            uint[][] q = Multiply(BasePoint(), d);
            byte[] key = new byte[64];
            uint[] x = new uint[8];
            uint[] y = new uint[8];
            ToAffine(q, x, y);
            MontgomeryField.ToBigEndian(x, key, 0);
            MontgomeryField.ToBigEndian(y, key, 32);
            return key;
        }

        /// <summary>Signs a SHA-256 digest; returns r ‖ s.</summary>
        public byte[] SignHash(byte[] hash, byte[] privateKey)
        {
            uint[] d = CheckedScalar(privateKey, 0, "private key");
            uint[] z = ReduceOnce(MontgomeryField.FromBigEndian(hash, 0), OrderN);
            Rfc6979 nonces = new Rfc6979(privateKey, hash, OrderN);
            uint[] x = new uint[8];
            uint[] y = new uint[8];
            while (true)
            {
                uint[] k = nonces.Next();
                ToAffine(Multiply(BasePoint(), k), x, y);
                uint[] r = ReduceOnce(x, OrderN);
                if (MontgomeryField.IsZero(r))
                {
                    continue;
                }

                // s = k^-1 (z + r d) mod n, computed in the order's Montgomery domain.
                uint[] km = new uint[8];
                uint[] rm = new uint[8];
                uint[] dm = new uint[8];
                uint[] zm = new uint[8];
                _n.ToMontgomery(k, km);
                _n.ToMontgomery(r, rm);
                _n.ToMontgomery(d, dm);
                _n.ToMontgomery(z, zm);
                uint[] s = new uint[8];
                _n.Multiply(rm, dm, s);
                _n.Add(s, zm, s);
                _n.Invert(km, km);
                _n.Multiply(s, km, s);
                _n.FromMontgomery(s, s);
                if (MontgomeryField.IsZero(s))
                {
                    continue;
                }

                byte[] signature = new byte[SignatureLength];
                MontgomeryField.ToBigEndian(r, signature, 0);
                MontgomeryField.ToBigEndian(s, signature, 32);
                return signature;
            }
        }

        /// <summary>Checks r ‖ s over a SHA-256 digest against a public key x ‖ y.</summary>
        public bool VerifyHash(byte[] hash, byte[] signature, byte[] publicKey)
        {
            if (signature == null || signature.Length != SignatureLength || publicKey == null || publicKey.Length != 64)
            {
                return false;
            }

            uint[] r = MontgomeryField.FromBigEndian(signature, 0);
            uint[] s = MontgomeryField.FromBigEndian(signature, 32);
            if (MontgomeryField.IsZero(r) || MontgomeryField.IsZero(s) || !MontgomeryField.Less(r, OrderN) || !MontgomeryField.Less(s, OrderN))
            {
                return false;
            }

            uint[][] q = PointFromAffine(MontgomeryField.FromBigEndian(publicKey, 0), MontgomeryField.FromBigEndian(publicKey, 32));
            if (q == null)
            {
                return false;
            }

            uint[] z = ReduceOnce(MontgomeryField.FromBigEndian(hash, 0), OrderN);
            uint[] w = new uint[8];
            _n.ToMontgomery(s, w);
            _n.Invert(w, w);
            uint[] u1 = new uint[8];
            uint[] u2 = new uint[8];
            _n.ToMontgomery(z, u1);
            _n.Multiply(u1, w, u1);
            _n.FromMontgomery(u1, u1);
            _n.ToMontgomery(r, u2);
            _n.Multiply(u2, w, u2);
            _n.FromMontgomery(u2, u2);

            uint[][] sum = Multiply(BasePoint(), u1);
            Add(sum, Multiply(q, u2), sum);
            if (MontgomeryField.IsZero(sum[2]))
            {
                return false;
            }

            uint[] x = new uint[8];
            uint[] y = new uint[8];
            ToAffine(sum, x, y);
            uint[] v = ReduceOnce(x, OrderN);
            for (int i = 0; i < 8; i++)
            {
                if (v[i] != r[i])
                {
                    return false;
                }
            }

            return true;
        }

        private uint[][] BasePoint()
        {
            return PointFromAffine(BaseX, BaseY);
        }

        /// <summary>A Jacobian point (Montgomery coordinates) from affine x, y; null when not on the curve.</summary>
        private uint[][] PointFromAffine(uint[] x, uint[] y)
        {
            if (!MontgomeryField.Less(x, PrimeP) || !MontgomeryField.Less(y, PrimeP))
            {
                return null;
            }

            uint[][] point = new uint[][] { new uint[8], new uint[8], new uint[8] };
            _p.ToMontgomery(x, point[0]);
            _p.ToMontgomery(y, point[1]);
            uint[] one = new uint[8];
            one[0] = 1;
            _p.ToMontgomery(one, point[2]);

            // y^2 = x^3 - 3x + b
            uint[] lhs = _t[0];
            uint[] rhs = _t[1];
            uint[] b = _t[2];
            _p.Multiply(point[1], point[1], lhs);
            _p.Multiply(point[0], point[0], rhs);
            _p.Multiply(rhs, point[0], rhs);
            _p.Subtract(rhs, point[0], rhs);
            _p.Subtract(rhs, point[0], rhs);
            _p.Subtract(rhs, point[0], rhs);
            _p.ToMontgomery(CurveB, b);
            _p.Add(rhs, b, rhs);
            for (int i = 0; i < 8; i++)
            {
                if (lhs[i] != rhs[i])
                {
                    return null;
                }
            }

            return point;
        }

        private uint[][] Multiply(uint[][] point, uint[] scalar)
        {
            uint[][] result = new uint[][] { new uint[8], new uint[8], new uint[8] };
            for (int bit = 255; bit >= 0; bit--)
            {
                Double(result, result);
                if (((scalar[bit >> 5] >> (bit & 31)) & 1) != 0)
                {
                    Add(result, point, result);
                }
            }

            return result;
        }

        /// <summary>Jacobian doubling for a = -3 (dbl-2001-b).</summary>
        internal void Double(uint[][] p, uint[][] result)
        {
            if (MontgomeryField.IsZero(p[2]))
            {
                Set(result, p);
                return;
            }

            uint[] delta = _t[0], gamma = _t[1], beta = _t[2], alpha = _t[3], t1 = _t[4], t2 = _t[5], x3 = _t[6], y3 = _t[7], z3 = _t[8];
            _p.Multiply(p[2], p[2], delta);
            _p.Multiply(p[1], p[1], gamma);
            _p.Multiply(p[0], gamma, beta);
            _p.Subtract(p[0], delta, t1);
            _p.Add(p[0], delta, t2);
            _p.Multiply(t1, t2, alpha);
            _p.Add(alpha, alpha, t1);
            _p.Add(alpha, t1, alpha);
            _p.Multiply(alpha, alpha, x3);
            _p.Add(beta, beta, t1);
            _p.Add(t1, t1, t1);
            _p.Add(t1, t1, t2);
            _p.Subtract(x3, t2, x3);
            _p.Add(p[1], p[2], z3);
            _p.Multiply(z3, z3, z3);
            _p.Subtract(z3, gamma, z3);
            _p.Subtract(z3, delta, z3);
            _p.Subtract(t1, x3, t1);
            _p.Multiply(alpha, t1, y3);
            _p.Multiply(gamma, gamma, t2);
            _p.Add(t2, t2, t2);
            _p.Add(t2, t2, t2);
            _p.Add(t2, t2, t2);
            _p.Subtract(y3, t2, y3);
            MontgomeryField.Copy(x3, result[0]);
            MontgomeryField.Copy(y3, result[1]);
            MontgomeryField.Copy(z3, result[2]);
        }

        /// <summary>Jacobian addition (add-2007-bl), handling infinity and equal points.</summary>
        private void Add(uint[][] a, uint[][] b, uint[][] result)
        {
            if (MontgomeryField.IsZero(a[2]))
            {
                Set(result, b);
                return;
            }

            if (MontgomeryField.IsZero(b[2]))
            {
                Set(result, a);
                return;
            }

            uint[] z1z1 = new uint[8], z2z2 = new uint[8], u1 = new uint[8], u2 = new uint[8], s1 = new uint[8], s2 = new uint[8];
            uint[] h = new uint[8], i = new uint[8], j = new uint[8], r = new uint[8], v = new uint[8], x3 = new uint[8], y3 = new uint[8], z3 = new uint[8];
            _p.Multiply(a[2], a[2], z1z1);
            _p.Multiply(b[2], b[2], z2z2);
            _p.Multiply(a[0], z2z2, u1);
            _p.Multiply(b[0], z1z1, u2);
            _p.Multiply(a[1], b[2], s1);
            _p.Multiply(s1, z2z2, s1);
            _p.Multiply(b[1], a[2], s2);
            _p.Multiply(s2, z1z1, s2);
            _p.Subtract(u2, u1, h);
            _p.Subtract(s2, s1, r);
            if (MontgomeryField.IsZero(h))
            {
                if (MontgomeryField.IsZero(r))
                {
                    Double(a, result);
                }
                else
                {
                    Clear(result);
                }

                return;
            }

            _p.Add(r, r, r);
            _p.Add(h, h, i);
            _p.Multiply(i, i, i);
            _p.Multiply(h, i, j);
            _p.Multiply(u1, i, v);
            _p.Multiply(r, r, x3);
            _p.Subtract(x3, j, x3);
            _p.Subtract(x3, v, x3);
            _p.Subtract(x3, v, x3);
            _p.Subtract(v, x3, y3);
            _p.Multiply(r, y3, y3);
            _p.Multiply(s1, j, s1);
            _p.Add(s1, s1, s1);
            _p.Subtract(y3, s1, y3);
            _p.Add(a[2], b[2], z3);
            _p.Multiply(z3, z3, z3);
            _p.Subtract(z3, z1z1, z3);
            _p.Subtract(z3, z2z2, z3);
            _p.Multiply(z3, h, z3);
            MontgomeryField.Copy(x3, result[0]);
            MontgomeryField.Copy(y3, result[1]);
            MontgomeryField.Copy(z3, result[2]);
        }

        private void ToAffine(uint[][] point, uint[] x, uint[] y)
        {
            uint[] zInverse = new uint[8];
            uint[] z2 = new uint[8];
            _p.Invert(point[2], zInverse);
            _p.Multiply(zInverse, zInverse, z2);
            _p.Multiply(point[0], z2, x);
            _p.Multiply(z2, zInverse, z2);
            _p.Multiply(point[1], z2, y);
            _p.FromMontgomery(x, x);
            _p.FromMontgomery(y, y);
        }

        private static void Set(uint[][] to, uint[][] from)
        {
            for (int c = 0; c < 3; c++)
            {
                MontgomeryField.Copy(from[c], to[c]);
            }
        }

        private static void Clear(uint[][] point)
        {
            for (int c = 0; c < 3; c++)
            {
                for (int i = 0; i < 8; i++)
                {
                    point[c][i] = 0;
                }
            }
        }

        internal static uint[] ReduceOnce(uint[] value, uint[] modulus)
        {
            uint[] result = new uint[8];
            MontgomeryField.Copy(value, result);
            if (!MontgomeryField.Less(result, modulus))
            {
                MontgomeryField.SubtractRaw(result, modulus, result);
            }

            return result;
        }

        internal static uint[] CheckedScalar(byte[] bytes, int offset, string what)
        {
            if (bytes == null || bytes.Length - offset < ScalarLength)
            {
                throw new ArgumentException("The " + what + " must be 32 bytes");
            }

            uint[] scalar = MontgomeryField.FromBigEndian(bytes, offset);
            if (MontgomeryField.IsZero(scalar) || !MontgomeryField.Less(scalar, OrderN))
            {
                throw new ArgumentException("The " + what + " is not between 1 and n-1");
            }

            return scalar;
        }

        private static uint[] Limbs(string hex)
        {
            byte[] bytes = new byte[32];
            for (int i = 0; i < 32; i++)
            {
                bytes[i] = (byte)((HexValue(hex[2 * i]) << 4) | HexValue(hex[(2 * i) + 1]));
            }

            return MontgomeryField.FromBigEndian(bytes, 0);
        }

        private static int HexValue(char c)
        {
            return c <= '9' ? c - '0' : c - 'A' + 10;
        }
    }
}
