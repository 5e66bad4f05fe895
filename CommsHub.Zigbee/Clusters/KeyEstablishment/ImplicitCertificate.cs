namespace CommsHub.Clusters.KeyEstablishment
{
    /// <summary>
    /// An ECQV implicit certificate of either suite, copied into a buffer owned here (a received frame's
    /// buffer is the stack's), with its fields read out.
    /// Suite 1 (48): reconstruction data (22) ‖ subject (8) ‖ issuer (8) ‖ profile attribute data (10).
    /// Suite 2 (74): type (1) ‖ serial (8) ‖ curve (1) ‖ hash (1) ‖ issuer (8) ‖ valid from (5, seconds since
    /// 1970 UTC) ‖ valid to (4, seconds after valid from; FFFFFFFF for no end) ‖ subject (8) ‖ key usage (1) ‖
    /// reconstruction data (37).
    /// EUI-64s are written most significant byte first, as <see cref="CommsHub.Platform.Eui64.Value"/>.
    /// </summary>
    public sealed class ImplicitCertificate
    {
        public const int MaxLength = 74;

        /// <summary>Suite 2 type byte of an implicit certificate.</summary>
        public const byte ImplicitType = 0x00;

        /// <summary>Suite 2 curve byte: sect283k1.</summary>
        public const byte Sect283k1 = 0x0D;

        /// <summary>Suite 2 hash byte: AES-MMO.</summary>
        public const byte AesMmo = 0x08;

        /// <summary>Key usage bit: key agreement (what CBKE uses the key for).</summary>
        public const byte KeyAgreement = 0x08;

        /// <summary>Key usage bit: digital signature.</summary>
        public const byte DigitalSignature = 0x80;

        /// <summary>Valid-to value meaning the certificate does not expire.</summary>
        public const uint NoExpiry = 0xFFFFFFFF;

        private readonly byte[] _bytes = new byte[MaxLength];

        public ushort Suite { get; private set; }

        public int Length { get; private set; }

        /// <summary>The certificate's bytes (the first <see cref="Length"/> of them): what e is hashed over.</summary>
        public byte[] Bytes
        {
            get { return _bytes; }
        }

        public ulong Subject { get; private set; }

        public ulong Issuer { get; private set; }

        public int ReconstructionOffset { get; private set; }

        /// <summary>Suite 2 only; suite 1 certificates carry no key usage (taken as key agreement).</summary>
        public byte KeyUsage { get; private set; }

        /// <summary>Suite 2 only: start of validity, seconds since 1970-01-01 UTC.</summary>
        public long ValidFrom { get; private set; }

        /// <summary>Suite 2 only: seconds of validity after <see cref="ValidFrom"/>, or <see cref="NoExpiry"/>.</summary>
        public uint ValidTo { get; private set; }

        /// <summary>
        /// Copies and reads a certificate of <paramref name="suite"/>. Returns null, or what is wrong (naming the
        /// field); never throws.
        /// </summary>
        public string Parse(byte[] source, int offset, int length, ushort suite)
        {
            Length = 0;
            int expected = KeyEstablishmentSuite.CertificateLength(suite);
            if (expected == 0)
            {
                return "suite: no certificate layout for this suite";
            }

            if (source == null || offset < 0 || length < 0 || offset + length > source.Length)
            {
                return "certificate: buffer does not hold the stated length";
            }

            if (length != expected)
            {
                return length < expected ? "certificate: shorter than the suite's layout" : "certificate: longer than the suite's layout";
            }

            System.Array.Copy(source, offset, _bytes, 0, length);
            Suite = suite;
            if (suite == KeyEstablishmentSuite.Suite1)
            {
                ReconstructionOffset = 0;
                Subject = ReadUlong(_bytes, 22, 8);
                Issuer = ReadUlong(_bytes, 30, 8);
                KeyUsage = KeyAgreement;
                ValidFrom = 0;
                ValidTo = NoExpiry;
            }
            else
            {
                if (_bytes[0] != ImplicitType)
                {
                    return "certificate type: not an implicit certificate";
                }

                if (_bytes[9] != Sect283k1)
                {
                    return "certificate curve: not sect283k1";
                }

                if (_bytes[10] != AesMmo)
                {
                    return "certificate hash: not AES-MMO";
                }

                Issuer = ReadUlong(_bytes, 11, 8);
                ValidFrom = (long)ReadUlong(_bytes, 19, 5);
                ValidTo = (uint)ReadUlong(_bytes, 24, 4);
                Subject = ReadUlong(_bytes, 28, 8);
                KeyUsage = _bytes[36];
                ReconstructionOffset = 37;
            }

            Length = length;
            return null;
        }

        /// <summary>Whether the key may be used for key agreement (always for suite 1).</summary>
        public bool AllowsKeyAgreement
        {
            get { return (KeyUsage & KeyAgreement) != 0; }
        }

        public static ulong ReadUlong(byte[] bytes, int offset, int count)
        {
            ulong value = 0;
            for (int i = 0; i < count; i++)
            {
                value = (value << 8) | bytes[offset + i];
            }

            return value;
        }

        public static void WriteUlong(ulong value, byte[] bytes, int offset, int count)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                bytes[offset + i] = (byte)value;
                value >>= 8;
            }
        }
    }
}
