namespace CommsHub.Clusters.KeyEstablishment
{
    /// <summary>
    /// Identifiers of the Smart Energy Key Establishment cluster (0x0800, profile 0x0109). Client and server
    /// use the same command numbers in each direction; the ZCL header's direction bit tells them apart.
    /// </summary>
    public static class KeyEstablishmentCluster
    {
        public const ushort ClusterId = 0x0800;
        public const ushort ProfileId = 0x0109;

        /// <summary>The KeyEstablishmentSuite attribute (enum16 bitmap of the suites a device has).</summary>
        public const ushort SuiteAttributeId = 0x0000;

        public const byte InitiateKeyEstablishment = 0x00;
        public const byte EphemeralData = 0x01;
        public const byte ConfirmKeyData = 0x02;
        public const byte TerminateKeyEstablishment = 0x03;
    }
}
