namespace CommsHub.Clusters.KeyEstablishment
{
    /// <summary>A decoded Initiate Key Establishment Request or Response (reused, so decoding allocates nothing).</summary>
    public sealed class InitiateKeyEstablishment
    {
        public readonly ImplicitCertificate Identity = new ImplicitCertificate();

        public ushort Suite;

        /// <summary>Seconds the sender expects to need to produce its Ephemeral Data.</summary>
        public byte EphemeralDataGenerateTime;

        /// <summary>Seconds the sender expects to need to produce its Confirm Key Data.</summary>
        public byte ConfirmKeyGenerateTime;
    }
}
