using CommsHub.Platform;
using CommsHub.Security.Ecc;

namespace CommsHub.Tests.Security.Ecc
{
    /// <summary>The published CBKE worked examples (Zigbee Smart Energy) and small helpers for the curve tests.</summary>
    internal static class EccTestData
    {
        // Suite 1, sect163k1: responder V (EUI ...01) and initiator U (EUI ...02).
        public const string Suite1CaPublic = "0200FDE8A7F3D1084224962A4E7C54E69AC3F04DA6B8";
        public const string Suite1CertV = "03045FDFC8D85FFB8B3993CB72DDCAA55F00B3E87D6D" + "0000000000000001" + "5445535453454341" + "01090006000000000000";
        public const string Suite1CertU = "020615E07D30ECA2DAD58002E667D94BC1B422398307" + "0000000000000002" + "5445535453454341" + "01090006000000000000";
        public const string Suite1StaticPrivateV = "00B8A900FCADEBABBFA383B540FCE9ED438395EAA7";
        public const string Suite1StaticPrivateU = "01E9DDB5580CF72ECE7F215F0AE594E48DF3E7FEE8";
        public const string Suite1StaticPublicV = "030290A1F5C08DAD5F2945E335620C7A98FAC46666A1";
        public const string Suite1StaticPublicU = "03025BBA38D0C7B5436B68DF728F093E7A1D6C437E6D";
        public const string Suite1EphemeralPrivateV = "03D48C7210DDBCC4FB2E5E7A0AA16A0DB89540820B";
        public const string Suite1EphemeralPrivateU = "0013D36DE4B1EA8E22739C381370823F404BFF8862";
        public const string Suite1EphemeralPublicV = "0306AB52062201D995B8B8591F3F086A3A2E214D845E";
        public const string Suite1EphemeralPublicU = "0300E117C86D0E7CD128B2F34E9076CFF24AF46D7288";
        public const string Suite1Z = "00E0D2C3CCD5C106A89C4F6CC26A5F7EC9DF78A7BE";

        // e = AES-MMO of each whole certificate (computed by the host tests with .NET's AES and checked there).
        public const string Suite1HashV = "6BDBBF16B24A2F91BC1ADE0A33845661";
        public const string Suite1HashU = "A94B12FCE2F219CB3B7F3E0318C6C8A0";

        // Suite 2, sect283k1: devices 1 and 2.
        public const string Suite2CaPublic = "0207A445022D9F39F49BDC38380026A27A9E0A1799313AB28C5C1A1C6B605154DB1DFF6752";
        public const string Suite2Cert1 = "002622A505E8938F270D08" + "1112131415161718" + "005292A35B" + "FFFFFFFF" + "0A0B0C0D0E0F1011" + "88" + "0303B4E9DC543A64333C982308022B54E67E2F15F532551B0A11E2E2C1C1D3097A4324E7ED";
        public const string Suite2Cert2 = "0084A933B37F018DEC0D08" + "1112131415161718" + "005292A38A" + "FFFFFFFF" + "0A0B0C0D0E0F1012" + "88" + "03076277E2F7E2252B16A0E92B6E8771BB3F207946CBD4A45D9A9DF6EDAB8C796A48E89DEC";
        public const string Suite2StaticPrivate1 = "0151CD0DBCB80474BF7AC9FEEBE39C7A32A63518938FCA9754AAE132BC9C73BE94A7E1BE";
        public const string Suite2StaticPrivate2 = "00F2561ADB39EF49C1D62EF5186C6E0C158A5A45BFCE38660931ACC3694592D5ACDE9006";
        public const string Suite2StaticPublic1 = "0202F4FA2A3040433C6820299D182A1042E41404E337C57F47716B42DFAF970F1580A04C9B";
        public const string Suite2StaticPublic2 = "03030E56F7ADE866E76372764BA20A9FF1FE4CAE522F94839E70F2ADFC1CA3E97F4DDCAF2E";
        public const string Suite2EphemeralPrivate1 = "03D48C7210DDBCC4FB2E5E7A0AA16A0DB89540820B8DC091AB521EA824AFE117CADE995B";
        public const string Suite2EphemeralPrivate2 = "0013D36DE4B1EA8E22739C381370823F404BFF8862B521FECA9871FB3691846D361304B4";
        public const string Suite2EphemeralPublic1 = "03009A5131CF5B92A016378C0F7F284ECD47F94010F875D43BF1E9A65474ADBFC63696A930";
        public const string Suite2EphemeralPublic2 = "0305F3394E15680660EECAA36788D9B6F312B971CE2C9617570BF7DFCD21C972017762C332";
        public const string Suite2Z = "04F7724A9A77B21D2747CCEF68A457E45246C4BE9F66FD9425227BCB2CC5180EA9CCCB9A";
        public const string Suite2Hash1 = "E122DCCC45B301D81043EACFAF15EF4B";
        public const string Suite2Hash2 = "FCC19CE85EDD2ED61B7917ED9B2674C4";

        /// <summary>Where the public-key reconstruction data sits in a certificate: first in suite 1, last in suite 2.</summary>
        public const int Suite1ReconstructionOffset = 0;
        public const int Suite2ReconstructionOffset = 74 - 37;

        public static byte[] Bytes(string hex)
        {
            byte[] bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((Digit(hex[2 * i]) << 4) | Digit(hex[(2 * i) + 1]));
            }

            return bytes;
        }

        public static string ToHex(byte[] bytes)
        {
            return Hex.Format(bytes, 0, bytes.Length, '\0');
        }

        public static uint[] PrivateKey(KoblitzCurve curve, string hex)
        {
            uint[] d = new uint[curve.Field.Limbs];
            ScalarModN scalars = new ScalarModN(curve);
            Assert(scalars.TryReadPrivateKey(Bytes(hex), 0, d), "private key in range");
            return d;
        }

        /// <summary>Runs a task to the end with no budget limit.</summary>
        public static void Run(EccTask task)
        {
            WorkBudget budget = new WorkBudget();
            budget.Remaining = int.MaxValue;
            if (!task.Step(budget))
            {
                throw new System.Exception("an unlimited step did not finish");
            }
        }

        public static string PublicKey(KoblitzCurve curve, string privateHex)
        {
            PublicKeyDerivation derivation = new PublicKeyDerivation(curve);
            byte[] output = new byte[curve.CompressedPointLength];
            derivation.Begin(PrivateKey(curve, privateHex), output, 0);
            Run(derivation);
            return ToHex(output);
        }

        public static AffinePoint Decompress(KoblitzCurve curve, string hex)
        {
            AffinePoint point = new AffinePoint(curve.Field.Limbs);
            PointDecompressor decompressor = new PointDecompressor(curve);
            byte[] bytes = Bytes(hex);
            decompressor.Begin(bytes, 0, bytes.Length, point);
            Run(decompressor);
            Assert(decompressor.Status == PointStatus.Valid, "point decodes");
            return point;
        }

        /// <summary>Z computed by one side from its own keys and the other side's public keys.</summary>
        public static string SharedSecret(KoblitzCurve curve, string staticPrivate, string ephemeralPrivate, string ephemeralPublic, string peerStaticPublic, string peerEphemeralPublic)
        {
            EcmqvAgreement agreement = new EcmqvAgreement(curve);
            byte[] z = new byte[curve.Field.ByteLength];
            agreement.Begin(PrivateKey(curve, staticPrivate), PrivateKey(curve, ephemeralPrivate), Bytes(ephemeralPublic), 0,
                Decompress(curve, peerStaticPublic), Bytes(peerEphemeralPublic), 0, z, 0);
            Run(agreement);
            Assert(agreement.Status == PointStatus.Valid, "agreement status");
            return ToHex(z);
        }

        /// <summary>The public key an implicit certificate reconstructs to, compressed.</summary>
        public static string Reconstruct(KoblitzCurve curve, string certificate, int reconOffset, string hash, string caPublic)
        {
            EcqvReconstruction ecqv = new EcqvReconstruction(curve);
            AffinePoint q = new AffinePoint(curve.Field.Limbs);
            ecqv.Begin(Bytes(certificate), reconOffset, Bytes(hash), 0, Bytes(caPublic), 0, q);
            Run(ecqv);
            Assert(ecqv.Status == PointStatus.Valid, "reconstruction status");
            PointCompressor compressor = new PointCompressor(curve);
            byte[] output = new byte[curve.CompressedPointLength];
            compressor.Begin(q, output, 0);
            Run(compressor);
            return ToHex(output);
        }

        /// <summary>A fixed pseudo-random field element (xorshift), so failures reproduce.</summary>
        public static void Fill(BinaryField field, uint[] element, ref uint state)
        {
            for (int i = 0; i < field.Limbs; i++)
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                element[i] = state;
            }

            int top = field.Degree - (32 * (field.Limbs - 1));
            element[field.Limbs - 1] &= (1u << top) - 1;
        }

        private static void Assert(bool condition, string what)
        {
            if (!condition)
            {
                throw new System.Exception(what);
            }
        }

        private static int Digit(char c)
        {
            return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        }
    }
}
