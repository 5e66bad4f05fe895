using System;
using System.Linq;
using System.Security.Cryptography;
using CommsHub.Security.Ecc;
using nanoFramework.TestFramework;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using BcPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace CommsHub.Tests.HostTests.Ecc
{
    /// <summary>
    /// The device's CBKE curve arithmetic against BouncyCastle's F2m curves and ECMQV, on the published
    /// Smart Energy examples and on random keys, with e = AES-MMO computed here by .NET's AES.
    /// </summary>
    [TestClass]
    public class EccCrossCheckTests
    {
        private const string Suite1Ca = "0200FDE8A7F3D1084224962A4E7C54E69AC3F04DA6B8";
        private const string Suite2Ca = "0207A445022D9F39F49BDC38380026A27A9E0A1799313AB28C5C1A1C6B605154DB1DFF6752";

        [TestMethod]
        public void AesMmoGivesThePublishedInstallCodeKey()
        {
            byte[] code = Convert.FromHexString("83FED3407A939723A5C639B26916D505C3B5");
            Assert.AreEqual("66B6900981E1EE3CA4206B6B861C02BB", Convert.ToHexString(AesMmo(code)));
            Assert.AreEqual("41618FC0C83B0E14A589954B16E31466", Convert.ToHexString(AesMmo(Convert.FromHexString("11223344556677884AF7"))));
        }

        [TestMethod]
        public void PublishedCertificatesReconstructToTheStaticKeysHereAndInBouncyCastle()
        {
            CheckCertificate(1, "03045FDFC8D85FFB8B3993CB72DDCAA55F00B3E87D6D" + "0000000000000001" + "5445535453454341" + "01090006000000000000", 0, Suite1Ca,
                "030290A1F5C08DAD5F2945E335620C7A98FAC46666A1");
            CheckCertificate(1, "020615E07D30ECA2DAD58002E667D94BC1B422398307" + "0000000000000002" + "5445535453454341" + "01090006000000000000", 0, Suite1Ca,
                "03025BBA38D0C7B5436B68DF728F093E7A1D6C437E6D");
            CheckCertificate(2, "002622A505E8938F270D081112131415161718005292A35BFFFFFFFF0A0B0C0D0E0F1011880303B4E9DC543A64333C982308022B54E67E2F15F532551B0A11E2E2C1C1D3097A4324E7ED", 37, Suite2Ca,
                "0202F4FA2A3040433C6820299D182A1042E41404E337C57F47716B42DFAF970F1580A04C9B");
            CheckCertificate(2, "0084A933B37F018DEC0D081112131415161718005292A38AFFFFFFFF0A0B0C0D0E0F10128803076277E2F7E2252B16A0E92B6E8771BB3F207946CBD4A45D9A9DF6EDAB8C796A48E89DEC", 37, Suite2Ca,
                "03030E56F7ADE866E76372764BA20A9FF1FE4CAE522F94839E70F2ADFC1CA3E97F4DDCAF2E");
        }

        [TestMethod]
        public void BouncyCastleAgreesWithThePublishedSharedSecrets()
        {
            Assert.AreEqual("00E0D2C3CCD5C106A89C4F6CC26A5F7EC9DF78A7BE", BcAgreement(1,
                "00B8A900FCADEBABBFA383B540FCE9ED438395EAA7", "03D48C7210DDBCC4FB2E5E7A0AA16A0DB89540820B",
                "03025BBA38D0C7B5436B68DF728F093E7A1D6C437E6D", "0300E117C86D0E7CD128B2F34E9076CFF24AF46D7288"));
            Assert.AreEqual("04F7724A9A77B21D2747CCEF68A457E45246C4BE9F66FD9425227BCB2CC5180EA9CCCB9A", BcAgreement(2,
                "0151CD0DBCB80474BF7AC9FEEBE39C7A32A63518938FCA9754AAE132BC9C73BE94A7E1BE", "03D48C7210DDBCC4FB2E5E7A0AA16A0DB89540820B8DC091AB521EA824AFE117CADE995B",
                "03030E56F7ADE866E76372764BA20A9FF1FE4CAE522F94839E70F2ADFC1CA3E97F4DDCAF2E", "0305F3394E15680660EECAA36788D9B6F312B971CE2C9617570BF7DFCD21C972017762C332"));
        }

        [TestMethod]
        [DataRow(1)]
        [DataRow(2)]
        public void RandomScalarMultiplicationsAgree(int suite)
        {
            var random = new Random(1000 + suite);
            X9ECParameters bc = Parameters(suite);
            KoblitzCurve curve = Curve(suite);
            for (int i = 0; i < 12; i++)
            {
                BcBigInteger d = RandomScalar(bc, random);
                byte[] ours = new byte[curve.CompressedPointLength];
                var derivation = new PublicKeyDerivation(curve);
                derivation.Begin(Limbs(curve, d), ours, 0);
                Run(derivation);
                Assert.AreEqual(Convert.ToHexString(bc.G.Multiply(d).Normalize().GetEncoded(true)), Convert.ToHexString(ours), "d·G " + i);

                // k·P for a point P other than G, both with y and x only.
                BcPoint p = bc.G.Multiply(RandomScalar(bc, random)).Normalize();
                BcBigInteger k = new BcBigInteger(1 + random.Next(bc.N.BitLength + 8), random);
                AffinePoint ourP = Decompress(curve, p.GetEncoded(true));
                var ladder = new LadderMultiplier(curve, curve.Field.Limbs + 1);
                var result = new AffinePoint(curve.Field.Limbs);
                ladder.Begin(Limbs(curve, k, curve.Field.Limbs + 1), curve.Field.Limbs + 1, ourP, result, true);
                Run(ladder);
                BcPoint expected = p.Multiply(k).Normalize();
                Assert.AreEqual(Convert.ToHexString(expected.GetEncoded(true)), Convert.ToHexString(Compress(curve, result)), "k·P " + i);
            }
        }

        [TestMethod]
        [DataRow(1)]
        [DataRow(2)]
        public void RandomCertificateReconstructionsAgree(int suite)
        {
            var random = new Random(2000 + suite);
            X9ECParameters bc = Parameters(suite);
            KoblitzCurve curve = Curve(suite);
            for (int i = 0; i < 8; i++)
            {
                BcPoint recon = bc.G.Multiply(RandomScalar(bc, random)).Normalize();
                BcPoint ca = bc.G.Multiply(RandomScalar(bc, random)).Normalize();
                byte[] e = new byte[EcqvReconstruction.HashLength];
                random.NextBytes(e);
                BcPoint expected = recon.Multiply(new BcBigInteger(1, e)).Add(ca).Normalize();

                var ecqv = new EcqvReconstruction(curve);
                var q = new AffinePoint(curve.Field.Limbs);
                ecqv.Begin(recon.GetEncoded(true), 0, e, 0, ca.GetEncoded(true), 0, q);
                Run(ecqv);
                Assert.AreEqual((int)PointStatus.Valid, (int)ecqv.Status);
                Assert.AreEqual(Convert.ToHexString(expected.GetEncoded(true)), Convert.ToHexString(Compress(curve, q)), "Q " + i);
            }
        }

        [TestMethod]
        [DataRow(1)]
        [DataRow(2)]
        public void RandomAgreementsAgreeFromBothSides(int suite)
        {
            var random = new Random(3000 + suite);
            X9ECParameters bc = Parameters(suite);
            KoblitzCurve curve = Curve(suite);
            for (int i = 0; i < 8; i++)
            {
                BcBigInteger ds1 = RandomScalar(bc, random), de1 = RandomScalar(bc, random);
                BcBigInteger ds2 = RandomScalar(bc, random), de2 = RandomScalar(bc, random);
                string qs1 = Hex(bc.G.Multiply(ds1)), qe1 = Hex(bc.G.Multiply(de1));
                string qs2 = Hex(bc.G.Multiply(ds2)), qe2 = Hex(bc.G.Multiply(de2));
                string expected = BcAgreement(suite, Pad(curve, ds1), Pad(curve, de1), qs2, qe2);

                Assert.AreEqual(expected, OurAgreement(curve, ds1, de1, qe1, qs2, qe2), "side 1, case " + i);
                Assert.AreEqual(expected, OurAgreement(curve, ds2, de2, qe2, qs1, qe1), "side 2, case " + i);
            }
        }

        private static void CheckCertificate(int suite, string certificateHex, int reconOffset, string caHex, string expectedPublic)
        {
            byte[] certificate = Convert.FromHexString(certificateHex);
            Assert.AreEqual(suite == 1 ? 48 : 74, certificate.Length, "certificate length");
            byte[] e = AesMmo(certificate);

            KoblitzCurve curve = Curve(suite);
            var ecqv = new EcqvReconstruction(curve);
            var q = new AffinePoint(curve.Field.Limbs);
            ecqv.Begin(certificate, reconOffset, e, 0, Convert.FromHexString(caHex), 0, q);
            Run(ecqv);
            Assert.AreEqual(expectedPublic, Convert.ToHexString(Compress(curve, q)), "ours");

            X9ECParameters bc = Parameters(suite);
            BcPoint recon = bc.Curve.DecodePoint(certificate.AsSpan(reconOffset, curve.CompressedPointLength).ToArray());
            BcPoint ca = bc.Curve.DecodePoint(Convert.FromHexString(caHex));
            Assert.AreEqual(expectedPublic, Hex(recon.Multiply(new BcBigInteger(1, e)).Add(ca)), "BouncyCastle");
        }

        private static string OurAgreement(KoblitzCurve curve, BcBigInteger ds, BcBigInteger de, string ownEphemeral, string peerStatic, string peerEphemeral)
        {
            var agreement = new EcmqvAgreement(curve);
            byte[] z = new byte[curve.Field.ByteLength];
            agreement.Begin(Limbs(curve, ds), Limbs(curve, de), Convert.FromHexString(ownEphemeral), 0,
                Decompress(curve, Convert.FromHexString(peerStatic)), Convert.FromHexString(peerEphemeral), 0, z, 0);
            Run(agreement);
            Assert.AreEqual((int)PointStatus.Valid, (int)agreement.Status);
            return Convert.ToHexString(z);
        }

        private static string BcAgreement(int suite, string staticPrivate, string ephemeralPrivate, string peerStatic, string peerEphemeral)
        {
            X9ECParameters bc = Parameters(suite);
            var domain = new ECDomainParameters(bc.Curve, bc.G, bc.N, bc.H);
            var ds = new BcBigInteger(staticPrivate, 16);
            // BouncyCastle takes keys in [1, n-1] only; the published suite 2 ephemeral keys are above n, so
            // they go in reduced (the same key: d·G and s depend on d mod n only).
            var de = new BcBigInteger(ephemeralPrivate, 16).Mod(bc.N);
            var own = new MqvPrivateParameters(new ECPrivateKeyParameters(ds, domain), new ECPrivateKeyParameters(de, domain),
                new ECPublicKeyParameters(bc.G.Multiply(de).Normalize(), domain));
            var peer = new MqvPublicParameters(new ECPublicKeyParameters(bc.Curve.DecodePoint(Convert.FromHexString(peerStatic)), domain),
                new ECPublicKeyParameters(bc.Curve.DecodePoint(Convert.FromHexString(peerEphemeral)), domain));
            var agreement = new ECMqvBasicAgreement();
            agreement.Init(own);
            byte[] x = agreement.CalculateAgreement(peer).ToByteArrayUnsigned();
            int length = (bc.Curve.FieldSize + 7) / 8;
            return Convert.ToHexString(new byte[length - x.Length].Concat(x).ToArray());
        }

        /// <summary>AES-MMO (Zigbee): H0 = 0, H(i) = E_H(i-1)(M(i)) xor M(i); padding 0x80, zeros, 16-bit bit length.</summary>
        internal static byte[] AesMmo(byte[] message)
        {
            int padded = ((message.Length + 1 + 2 + 15) / 16) * 16;
            byte[] m = new byte[padded];
            message.CopyTo(m, 0);
            m[message.Length] = 0x80;
            m[padded - 2] = (byte)((message.Length * 8) >> 8);
            m[padded - 1] = (byte)(message.Length * 8);
            byte[] hash = new byte[16];
            using Aes aes = Aes.Create();
            for (int i = 0; i < padded; i += 16)
            {
                aes.Key = hash;
                byte[] block = aes.EncryptEcb(m.AsSpan(i, 16), PaddingMode.None);
                for (int k = 0; k < 16; k++)
                {
                    block[k] ^= m[i + k];
                }

                hash = block;
            }

            return hash;
        }

        private static X9ECParameters Parameters(int suite) => SecNamedCurves.GetByName(suite == 1 ? "sect163k1" : "sect283k1");

        private static KoblitzCurve Curve(int suite) => suite == 1 ? KoblitzCurve.CreateSect163k1() : KoblitzCurve.CreateSect283k1();

        private static BcBigInteger RandomScalar(X9ECParameters bc, Random random)
        {
            while (true)
            {
                var d = new BcBigInteger(bc.N.BitLength, random);
                if (d.SignValue > 0 && d.CompareTo(bc.N) < 0)
                {
                    return d;
                }
            }
        }

        private static string Hex(BcPoint p) => Convert.ToHexString(p.Normalize().GetEncoded(true));

        private static string Pad(KoblitzCurve curve, BcBigInteger d) => d.ToString(16).PadLeft(2 * curve.PrivateKeyLength, '0');

        private static uint[] Limbs(KoblitzCurve curve, BcBigInteger value) => Limbs(curve, value, curve.Field.Limbs);

        private static uint[] Limbs(KoblitzCurve curve, BcBigInteger value, int limbs)
        {
            byte[] bytes = value.ToByteArrayUnsigned();
            uint[] result = new uint[limbs];
            ScalarModN.ReadBigEndian(bytes, 0, bytes.Length, result);
            return result;
        }

        private static AffinePoint Decompress(KoblitzCurve curve, byte[] encoded)
        {
            var point = new AffinePoint(curve.Field.Limbs);
            var decompressor = new PointDecompressor(curve);
            decompressor.Begin(encoded, 0, encoded.Length, point);
            Run(decompressor);
            Assert.AreEqual((int)PointStatus.Valid, (int)decompressor.Status);
            return point;
        }

        private static byte[] Compress(KoblitzCurve curve, AffinePoint p)
        {
            byte[] output = new byte[curve.CompressedPointLength];
            var compressor = new PointCompressor(curve);
            compressor.Begin(p, output, 0);
            Run(compressor);
            return output;
        }

        private static void Run(EccTask task)
        {
            var budget = new WorkBudget { Remaining = int.MaxValue };
            Assert.IsTrue(task.Step(budget));
        }
    }
}
