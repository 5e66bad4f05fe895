#nullable disable
using System;
using CommsHub.Security.Ecc;

namespace CommsHub.Benchmarks
{
    /// <summary>
    /// One responder CBKE computation per suite on the published Smart Energy examples: the responder's keys,
    /// the initiator's certificate with its AES-MMO hash e (as computed and checked by the host tests),
    /// the CA key and the initiator's ephemeral key.
    /// </summary>
    public sealed class CbkeInputs
    {
        public KoblitzCurve Curve;
        public uint[] StaticPrivate;
        public uint[] EphemeralPrivate;
        public byte[] PeerCertificate;
        public int ReconstructionOffset;
        public byte[] PeerHash;
        public byte[] CaPublic;
        public AffinePoint CaPoint;
        public byte[] PeerEphemeral;
        public string ExpectedZ;
        public byte[] OwnEphemeral;
        public byte[] Z;
        public CbkeResponderComputation Computation;

        public static CbkeInputs Suite(int suite)
        {
            var inputs = suite == 1
                ? new CbkeInputs
                {
                    Curve = KoblitzCurve.CreateSect163k1(),
                    PeerCertificate = Convert.FromHexString("020615E07D30ECA2DAD58002E667D94BC1B422398307" + "0000000000000002" + "5445535453454341" + "01090006000000000000"),
                    ReconstructionOffset = 0,
                    PeerHash = Convert.FromHexString("A94B12FCE2F219CB3B7F3E0318C6C8A0"),
                    CaPublic = Convert.FromHexString("0200FDE8A7F3D1084224962A4E7C54E69AC3F04DA6B8"),
                    PeerEphemeral = Convert.FromHexString("0300E117C86D0E7CD128B2F34E9076CFF24AF46D7288"),
                    ExpectedZ = "00E0D2C3CCD5C106A89C4F6CC26A5F7EC9DF78A7BE",
                }
                : new CbkeInputs
                {
                    Curve = KoblitzCurve.CreateSect283k1(),
                    PeerCertificate = Convert.FromHexString("0084A933B37F018DEC0D081112131415161718005292A38AFFFFFFFF0A0B0C0D0E0F10128803076277E2F7E2252B16A0E92B6E8771BB3F207946CBD4A45D9A9DF6EDAB8C796A48E89DEC"),
                    ReconstructionOffset = 37,
                    PeerHash = Convert.FromHexString("FCC19CE85EDD2ED61B7917ED9B2674C4"),
                    CaPublic = Convert.FromHexString("0207A445022D9F39F49BDC38380026A27A9E0A1799313AB28C5C1A1C6B605154DB1DFF6752"),
                    PeerEphemeral = Convert.FromHexString("0305F3394E15680660EECAA36788D9B6F312B971CE2C9617570BF7DFCD21C972017762C332"),
                    ExpectedZ = "04F7724A9A77B21D2747CCEF68A457E45246C4BE9F66FD9425227BCB2CC5180EA9CCCB9A",
                };
            inputs.StaticPrivate = Key(inputs.Curve, suite == 1 ? "00B8A900FCADEBABBFA383B540FCE9ED438395EAA7" : "0151CD0DBCB80474BF7AC9FEEBE39C7A32A63518938FCA9754AAE132BC9C73BE94A7E1BE");
            inputs.EphemeralPrivate = Key(inputs.Curve, suite == 1 ? "03D48C7210DDBCC4FB2E5E7A0AA16A0DB89540820B" : "03D48C7210DDBCC4FB2E5E7A0AA16A0DB89540820B8DC091AB521EA824AFE117CADE995B");
            // The responder's ephemeral public key as the idle-time preparation leaves it (published value).
            inputs.OwnEphemeral = Convert.FromHexString(suite == 1 ? "0306AB52062201D995B8B8591F3F086A3A2E214D845E" : "03009A5131CF5B92A016378C0F7F284ECD47F94010F875D43BF1E9A65474ADBFC63696A930");
            inputs.Z = new byte[inputs.Curve.Field.ByteLength];
            inputs.Computation = new CbkeResponderComputation(inputs.Curve);
            inputs.CaPoint = new AffinePoint(inputs.Curve.Field.Limbs);
            var decompressor = new PointDecompressor(inputs.Curve);
            decompressor.Begin(inputs.CaPublic, 0, inputs.CaPublic.Length, inputs.CaPoint);
            decompressor.Step(new WorkBudget { Remaining = int.MaxValue });
            return inputs;
        }

        /// <summary>Starts the computation again (allocates nothing); prepared: the ephemeral key pair was made while idle.</summary>
        public void Begin(bool prepared)
        {
            Computation.Begin(StaticPrivate, EphemeralPrivate, OwnEphemeral, prepared, PeerCertificate, ReconstructionOffset, PeerHash, CaPoint, PeerEphemeral, 0, Z);
        }

        private static uint[] Key(KoblitzCurve curve, string hex)
        {
            uint[] d = new uint[curve.Field.Limbs];
            if (!new ScalarModN(curve).TryReadPrivateKey(Convert.FromHexString(hex), 0, d))
            {
                throw new InvalidOperationException("key");
            }

            return d;
        }
    }
}
