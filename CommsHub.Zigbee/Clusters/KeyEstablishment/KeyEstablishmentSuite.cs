namespace CommsHub.Clusters.KeyEstablishment
{
    /// <summary>
    /// The CBKE crypto suites and the sizes that follow from each: suite 1 is sect163k1 with 48-byte
    /// certificates, suite 2 is sect283k1 with 74-byte certificates.
    /// </summary>
    public static class KeyEstablishmentSuite
    {
        public const ushort Suite1 = 0x0001;
        public const ushort Suite2 = 0x0002;

        /// <summary>The KeyEstablishmentSuite attribute of a hub that has both suites.</summary>
        public const ushort Both = Suite1 | Suite2;

        public const int MacLength = 16;

        public static bool IsSingleKnownSuite(ushort suite)
        {
            return suite == Suite1 || suite == Suite2;
        }

        public static int CertificateLength(ushort suite)
        {
            return suite == Suite1 ? 48 : suite == Suite2 ? 74 : 0;
        }

        /// <summary>A compressed public point: 22 bytes on sect163k1, 37 on sect283k1.</summary>
        public static int PointLength(ushort suite)
        {
            return suite == Suite1 ? 22 : suite == Suite2 ? 37 : 0;
        }

        public static int PrivateKeyLength(ushort suite)
        {
            return suite == Suite1 ? 21 : suite == Suite2 ? 36 : 0;
        }

        /// <summary>Bytes of the shared secret Z (the x coordinate).</summary>
        public static int SecretLength(ushort suite)
        {
            return suite == Suite1 ? 21 : suite == Suite2 ? 36 : 0;
        }
    }
}
