using CommsHub.Security.Ecc;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Security.Ecc
{
    [TestClass]
    public class PointTests
    {
        [TestMethod]
        public void GeneratorsAreOnTheirCurvesAndHaveOrderN()
        {
            CheckGenerator(KoblitzCurve.CreateSect163k1());
            CheckGenerator(KoblitzCurve.CreateSect283k1());
        }

        [TestMethod]
        public void CompressedKeysRoundTrip()
        {
            KoblitzCurve k163 = KoblitzCurve.CreateSect163k1();
            RoundTrip(k163, EccTestData.Suite1CaPublic);
            RoundTrip(k163, EccTestData.Suite1StaticPublicU);
            RoundTrip(k163, EccTestData.Suite1EphemeralPublicV);
            KoblitzCurve k283 = KoblitzCurve.CreateSect283k1();
            RoundTrip(k283, EccTestData.Suite2CaPublic);
            RoundTrip(k283, EccTestData.Suite2StaticPublic1);
            RoundTrip(k283, EccTestData.Suite2EphemeralPublic2);
        }

        [TestMethod]
        public void BadCompressedPointsAreRefusedWithTheReason()
        {
            KoblitzCurve curve = KoblitzCurve.CreateSect163k1();
            Assert.AreEqual((int)PointStatus.BadPrefix, (int)Decode(curve, "04" + EccTestData.Suite1CaPublic.Substring(2)));
            Assert.AreEqual((int)PointStatus.XOutsideField, (int)Decode(curve, "0208" + EccTestData.Suite1CaPublic.Substring(4)));
            Assert.AreEqual((int)PointStatus.SmallOrder, (int)Decode(curve, "02000000000000000000000000000000000000000000"));
            Assert.AreEqual((int)PointStatus.Truncated, (int)Decode(curve, EccTestData.Suite1CaPublic.Substring(0, 42)));

            // About half of all x have no point; walk x upwards from the CA key's until one is refused.
            byte[] bytes = EccTestData.Bytes(EccTestData.Suite1CaPublic);
            int refused = 0;
            for (int i = 0; i < 8; i++)
            {
                bytes[bytes.Length - 1] = (byte)(bytes[bytes.Length - 1] + 1);
                if (Decode(curve, EccTestData.ToHex(bytes)) == PointStatus.NotOnCurve)
                {
                    refused++;
                }
            }

            Assert.IsTrue(refused > 0 && refused < 8, "some x on the curve, some not");
        }

        [TestMethod]
        public void AgreementRefusesAPeerEphemeralKeyOffTheCurve()
        {
            KoblitzCurve curve = KoblitzCurve.CreateSect283k1();
            byte[] peer = EccTestData.Bytes(EccTestData.Suite2EphemeralPublic2);
            PointDecompressor check = new PointDecompressor(curve);
            AffinePoint scratch = new AffinePoint(curve.Field.Limbs);
            do
            {
                peer[peer.Length - 1]++;
                check.Begin(peer, 0, peer.Length, scratch);
                EccTestData.Run(check);
            }
            while (check.Status == PointStatus.Valid);

            EcmqvAgreement agreement = new EcmqvAgreement(curve);
            byte[] z = new byte[curve.Field.ByteLength];
            agreement.Begin(EccTestData.PrivateKey(curve, EccTestData.Suite2StaticPrivate1), EccTestData.PrivateKey(curve, EccTestData.Suite2EphemeralPrivate1),
                EccTestData.Bytes(EccTestData.Suite2EphemeralPublic1), 0, EccTestData.Decompress(curve, EccTestData.Suite2StaticPublic2), peer, 0, z, 0);
            EccTestData.Run(agreement);
            Assert.AreEqual((int)PointStatus.NotOnCurve, (int)agreement.Status);
            Assert.IsTrue(IsAllZero(z), "no secret written");
        }

        [TestMethod]
        public void AZeroOrShortPrivateKeyIsRefusedAndAMultipleOfNHasNoPublicKey()
        {
            KoblitzCurve curve = KoblitzCurve.CreateSect163k1();
            ScalarModN scalars = new ScalarModN(curve);
            uint[] d = new uint[curve.Field.Limbs];
            Assert.IsFalse(scalars.TryReadPrivateKey(new byte[21], 0, d));
            Assert.IsFalse(scalars.TryReadPrivateKey(new byte[20], 0, d));
            Assert.IsTrue(scalars.TryReadPrivateKey(EccTestData.Bytes("04000000000000000000020108A2E0CC0D99F8A5EF"), 0, d));

            PublicKeyDerivation derivation = new PublicKeyDerivation(curve);
            byte[] output = new byte[curve.CompressedPointLength];
            derivation.Begin(d, output, 0);
            EccTestData.Run(derivation);
            Assert.AreEqual((int)PointStatus.Infinity, (int)derivation.Status);
            Assert.AreEqual(0, (int)output[0]);
        }

        [TestMethod]
        public void AddingAPointToItsNegativeGivesInfinityAndToItselfADoubling()
        {
            KoblitzCurve curve = KoblitzCurve.CreateSect163k1();
            BinaryField f = curve.Field;
            AffinePoint g = curve.Generator;
            AffinePoint minusG = new AffinePoint(f.Limbs);
            g.CopyTo(minusG);
            f.Add(g.X, g.Y, minusG.Y);
            AffineAdder adder = new AffineAdder(curve);
            AffinePoint sum = new AffinePoint(f.Limbs);
            adder.Begin(g, minusG, sum);
            EccTestData.Run(adder);
            Assert.IsTrue(sum.IsInfinity);

            // G + G by the adder equals 2·G by the ladder; G + infinity = G.
            adder.Begin(g, g, sum);
            EccTestData.Run(adder);
            AffinePoint twice = new AffinePoint(f.Limbs);
            LadderMultiplier ladder = new LadderMultiplier(curve, f.Limbs);
            uint[] two = new uint[f.Limbs];
            two[0] = 2;
            ladder.Begin(two, two.Length, g, twice, true);
            EccTestData.Run(ladder);
            Assert.IsTrue(curve.IsOnCurve(sum));
            Assert.IsTrue(f.AreEqual(sum.X, twice.X) && f.AreEqual(sum.Y, twice.Y));

            AffinePoint infinity = new AffinePoint(f.Limbs);
            adder.Begin(g, infinity, sum);
            EccTestData.Run(adder);
            Assert.IsTrue(f.AreEqual(sum.X, g.X) && f.AreEqual(sum.Y, g.Y) && !sum.IsInfinity);
        }

        [TestMethod]
        public void ArbitraryBytesFromTheAirNeverThrow()
        {
            // Short, long and random encodings, at offsets inside and past the buffer: a status, never an exception.
            KoblitzCurve curve = KoblitzCurve.CreateSect163k1();
            PointDecompressor decompressor = new PointDecompressor(curve);
            EcqvReconstruction ecqv = new EcqvReconstruction(curve);
            AffinePoint p = new AffinePoint(curve.Field.Limbs);
            byte[] hash = new byte[16];
            uint state = 0xC0FFEEu;
            int valid = 0;
            for (int round = 0; round < 60; round++)
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                byte[] bytes = new byte[(int)(state % 30)];
                uint fill = state;
                for (int i = 0; i < bytes.Length; i++)
                {
                    fill = (fill * 1103515245u) + 12345u;
                    bytes[i] = (byte)(fill >> 24);
                }

                if (bytes.Length > 0 && round % 2 == 0)
                {
                    bytes[0] = (byte)(2 + (round & 1));
                }

                int offset = (int)((state >> 8) % 4) - 1;
                decompressor.Begin(bytes, offset, bytes.Length - offset, p);
                EccTestData.Run(decompressor);
                if (decompressor.Status == PointStatus.Valid)
                {
                    valid++;
                    Assert.IsTrue(curve.IsOnCurve(p));
                }

                ecqv.Begin(bytes, offset, hash, 0, bytes, 0, p);
                EccTestData.Run(ecqv);
                Assert.IsTrue(ecqv.Status == PointStatus.Valid || p.IsInfinity, "no key from a refused input");
            }

            Assert.IsTrue(valid < 60);
        }

        private static void CheckGenerator(KoblitzCurve curve)
        {
            Assert.IsTrue(curve.IsOnCurve(curve.Generator));
            BinaryField f = curve.Field;
            LadderMultiplier ladder = new LadderMultiplier(curve, f.Limbs);
            AffinePoint result = new AffinePoint(f.Limbs);
            ladder.Begin(curve.Order, f.Limbs, curve.Generator, result, true);
            EccTestData.Run(ladder);
            Assert.IsTrue(result.IsInfinity, "n·G");

            // (n - 1)·G = -G = (x, x + y)
            uint[] nMinusOne = new uint[f.Limbs];
            f.Copy(curve.Order, nMinusOne);
            nMinusOne[0]--;
            ladder.Begin(nMinusOne, f.Limbs, curve.Generator, result, true);
            EccTestData.Run(ladder);
            uint[] minusY = f.NewElement();
            f.Add(curve.Generator.X, curve.Generator.Y, minusY);
            Assert.IsTrue(f.AreEqual(result.X, curve.Generator.X) && f.AreEqual(result.Y, minusY), "(n-1)·G");
            Assert.IsTrue(curve.IsOnCurve(result));
        }

        private static void RoundTrip(KoblitzCurve curve, string hex)
        {
            AffinePoint p = EccTestData.Decompress(curve, hex);
            Assert.IsTrue(curve.IsOnCurve(p));
            byte[] back = new byte[curve.CompressedPointLength];
            PointCompressor compressor = new PointCompressor(curve);
            compressor.Begin(p, back, 0);
            EccTestData.Run(compressor);
            Assert.AreEqual(hex, EccTestData.ToHex(back));
        }

        private static PointStatus Decode(KoblitzCurve curve, string hex)
        {
            byte[] bytes = EccTestData.Bytes(hex);
            PointDecompressor decompressor = new PointDecompressor(curve);
            AffinePoint p = new AffinePoint(curve.Field.Limbs);
            decompressor.Begin(bytes, 0, bytes.Length, p);
            EccTestData.Run(decompressor);
            return decompressor.Status;
        }

        private static bool IsAllZero(byte[] bytes)
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
