namespace CommsHub.Clusters.KeyEstablishment
{
    /// <summary>
    /// The hub's CBKE credentials for one suite, as provisioned over the WAN: its implicit certificate, its
    /// static private key and the public key of the CA that issued it (and must have issued the peer's).
    /// </summary>
    public sealed class KeyEstablishmentIdentity
    {
        private readonly ImplicitCertificate _certificate = new ImplicitCertificate();
        private byte[] _staticPrivate;
        private byte[] _caPublic;

        public ImplicitCertificate Certificate
        {
            get { return _certificate; }
        }

        public ushort Suite
        {
            get { return _certificate.Suite; }
        }

        public byte[] StaticPrivateKey
        {
            get { return _staticPrivate; }
        }

        public byte[] CaPublicKey
        {
            get { return _caPublic; }
        }

        /// <summary>Checks and keeps the credentials; null, or what is wrong with them.</summary>
        public string Load(ushort suite, byte[] certificate, byte[] staticPrivateKey, byte[] caPublicKey)
        {
            if (!KeyEstablishmentSuite.IsSingleKnownSuite(suite))
            {
                return "suite: not suite 1 or suite 2";
            }

            if (certificate == null)
            {
                return "certificate: missing";
            }

            string failure = _certificate.Parse(certificate, 0, certificate.Length, suite);
            if (failure != null)
            {
                return failure;
            }

            if (staticPrivateKey == null || staticPrivateKey.Length != KeyEstablishmentSuite.PrivateKeyLength(suite))
            {
                return "static private key: not the suite's length";
            }

            if (caPublicKey == null || caPublicKey.Length != KeyEstablishmentSuite.PointLength(suite))
            {
                return "CA public key: not a compressed point of the suite";
            }

            _staticPrivate = (byte[])staticPrivateKey.Clone();
            _caPublic = (byte[])caPublicKey.Clone();
            return null;
        }
    }
}
