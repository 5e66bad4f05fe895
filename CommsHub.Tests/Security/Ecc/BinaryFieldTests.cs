using CommsHub.Security.Ecc;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Security.Ecc
{
    [TestClass]
    public class BinaryFieldTests
    {
        [TestMethod]
        public void F163IdentitiesHold()
        {
            CheckIdentities(BinaryField.CreateF163(new EccCounters()), 0x1234567u);
        }

        [TestMethod]
        public void F283IdentitiesHold()
        {
            CheckIdentities(BinaryField.CreateF283(new EccCounters()), 0x89ABCDEu);
        }

        [TestMethod]
        public void ReductionFoldsZToTheMIntoTheLowTerms()
        {
            // z^162 · z = z^163 = z^7 + z^6 + z^3 + 1, and z^282 · z = z^12 + z^7 + z^5 + 1.
            BinaryField f163 = BinaryField.CreateF163(new EccCounters());
            uint[] a = f163.NewElement();
            uint[] b = f163.NewElement();
            a[162 >> 5] = 1u << (162 & 31);
            b[0] = 2;
            f163.Multiply(a, b, a);
            Assert.AreEqual(0xC9u, a[0]);
            Assert.IsTrue(IsZeroAbove(a, 1));

            BinaryField f283 = BinaryField.CreateF283(new EccCounters());
            uint[] c = f283.NewElement();
            uint[] d = f283.NewElement();
            c[282 >> 5] = 1u << (282 & 31);
            d[0] = 2;
            f283.Multiply(c, d, c);
            Assert.AreEqual(0x10A1u, c[0]);
            Assert.IsTrue(IsZeroAbove(c, 1));
        }

        [TestMethod]
        public void BytesRoundTripAndValuesOfMBitsAreRefused()
        {
            BinaryField f = BinaryField.CreateF163(new EccCounters());
            uint[] a = f.NewElement();
            byte[] bytes = EccTestData.Bytes("07FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF");
            Assert.IsTrue(f.TryRead(bytes, 0, a));
            byte[] back = new byte[21];
            f.Write(a, back, 0);
            Assert.AreEqual(EccTestData.ToHex(bytes), EccTestData.ToHex(back));

            bytes[0] = 0x08;
            Assert.IsFalse(f.TryRead(bytes, 0, a));
        }

        private static void CheckIdentities(BinaryField f, uint seed)
        {
            uint[] a = f.NewElement();
            uint[] b = f.NewElement();
            uint[] c = f.NewElement();
            uint[] t = f.NewElement();
            uint[] u = f.NewElement();
            uint state = seed;
            int traceOnes = 0;
            for (int round = 0; round < 12; round++)
            {
                EccTestData.Fill(f, a, ref state);
                EccTestData.Fill(f, b, ref state);
                EccTestData.Fill(f, c, ref state);

                // a·a^-1 = 1
                f.Invert(a, t);
                f.Multiply(a, t, t);
                Assert.IsTrue(f.IsOne(t), "a·a^-1");

                // a^2 = a·a
                f.Square(a, t);
                f.Multiply(a, a, u);
                Assert.IsTrue(f.AreEqual(t, u), "square");

                // commutative and distributive: a(b + c) = ba + ca
                f.Add(b, c, t);
                f.Multiply(a, t, t);
                f.Multiply(b, a, u);
                f.Multiply(c, a, b);
                f.Add(u, b, u);
                Assert.IsTrue(f.AreEqual(t, u), "distributive");

                // Half-trace solves z^2 + z = c exactly when Tr(c) = 0; else z^2 + z = c + 1.
                int trace = f.Trace(c, t);
                traceOnes += trace;
                f.HalfTrace(c, t);
                f.Square(t, u);
                f.Add(u, t, u);
                u[0] ^= (uint)trace;
                Assert.IsTrue(f.AreEqual(u, c), "half-trace");

                // Tr is linear: Tr(a) + Tr(b) = Tr(a + b).
                int sum = f.Trace(a, t) ^ f.Trace(c, t);
                f.Add(a, c, u);
                Assert.AreEqual(sum, f.Trace(u, t));
            }

            Assert.IsTrue(traceOnes > 0 && traceOnes < 12, "both traces seen");

            // The inverse of zero is reported as zero rather than thrown.
            f.SetZero(a);
            f.Invert(a, t);
            Assert.IsTrue(f.IsZero(t));
        }

        private static bool IsZeroAbove(uint[] a, int from)
        {
            for (int i = from; i < a.Length; i++)
            {
                if (a[i] != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
