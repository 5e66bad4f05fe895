namespace CommsHub.Clusters.KeyEstablishment
{
    /// <summary>The result of a completed exchange: the device's new TC link key (KeyData), authorised, for the trust centre to install.</summary>
    public sealed class EstablishedLinkKey
    {
        public EstablishedLinkKey(ulong device, byte[] key)
        {
            Device = device;
            Key = (byte[])key.Clone();
        }

        public ulong Device { get; private set; }

        public byte[] Key { get; private set; }

        /// <summary>Always true: the key was confirmed by both MACs against a certificate from the hub's CA.</summary>
        public bool Authorised
        {
            get { return true; }
        }
    }
}
