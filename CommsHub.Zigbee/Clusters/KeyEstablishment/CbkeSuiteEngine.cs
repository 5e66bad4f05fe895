using CommsHub.Security.Ecc;

namespace CommsHub.Clusters.KeyEstablishment
{
    /// <summary>
    /// One suite's curve and the buffers of its exchange, allocated once: the hub's identity read into limbs,
    /// the CA key (decoded in budgeted steps the first time it is needed) and the responder computation.
    /// </summary>
    public sealed class CbkeSuiteEngine
    {
        private readonly KeyEstablishmentIdentity _identity;
        private readonly KoblitzCurve _curve;
        private readonly ScalarModN _scalars;
        private readonly PointDecompressor _caDecoder;
        private readonly AffinePoint _caPoint;
        private readonly uint[] _staticPrivate;
        private bool _caStarted;

        public readonly CbkeResponderComputation Computation;
        public readonly uint[] EphemeralPrivate;
        public readonly byte[] EphemeralPrivateBytes;
        public readonly byte[] EphemeralPublic;
        public readonly byte[] PeerEphemeral;
        public readonly byte[] Z;

        public CbkeSuiteEngine(KeyEstablishmentIdentity identity)
        {
            _identity = identity;
            _curve = identity.Suite == KeyEstablishmentSuite.Suite1 ? KoblitzCurve.CreateSect163k1() : KoblitzCurve.CreateSect283k1();
            _scalars = new ScalarModN(_curve);
            _caDecoder = new PointDecompressor(_curve);
            _caPoint = new AffinePoint(_curve.Field.Limbs);
            _staticPrivate = new uint[_curve.Field.Limbs];
            StaticKeyValid = _scalars.TryReadPrivateKey(identity.StaticPrivateKey, 0, _staticPrivate);
            Computation = new CbkeResponderComputation(_curve);
            EphemeralPrivate = new uint[_curve.Field.Limbs];
            EphemeralPrivateBytes = new byte[_curve.PrivateKeyLength];
            EphemeralPublic = new byte[_curve.CompressedPointLength];
            PeerEphemeral = new byte[_curve.CompressedPointLength];
            Z = new byte[_curve.Field.ByteLength];
        }

        public KeyEstablishmentIdentity Identity
        {
            get { return _identity; }
        }

        public KoblitzCurve Curve
        {
            get { return _curve; }
        }

        public bool StaticKeyValid { get; private set; }

        public bool CaReady { get; private set; }

        /// <summary>Status of the CA key's decoding once done (Valid, or why the provisioned key is unusable).</summary>
        public PointStatus CaStatus { get; private set; }

        /// <summary>Decodes the CA key in budgeted steps; true when done (see <see cref="CaStatus"/>).</summary>
        public bool StepCaKey(WorkBudget budget)
        {
            if (CaReady)
            {
                return true;
            }

            if (!_caStarted)
            {
                byte[] ca = _identity.CaPublicKey;
                _caDecoder.Begin(ca, 0, ca.Length, _caPoint);
                _caStarted = true;
            }

            if (!_caDecoder.Step(budget))
            {
                return false;
            }

            CaStatus = _caDecoder.Status;
            CaReady = CaStatus == PointStatus.Valid;
            _caStarted = false;
            return true;
        }

        /// <summary>Reads the ephemeral private key from its bytes; false when it is zero.</summary>
        public bool ReadEphemeralKey()
        {
            return _scalars.TryReadPrivateKey(EphemeralPrivateBytes, 0, EphemeralPrivate);
        }

        /// <summary>Starts the exchange's curve work: the hub's ephemeral key pair, ECQV of the peer's certificate, ECMQV.</summary>
        public void BeginComputation(ImplicitCertificate peer, byte[] peerHash)
        {
            Computation.Begin(_staticPrivate, EphemeralPrivate, EphemeralPublic, false,
                peer.Bytes, peer.ReconstructionOffset, peerHash, _caPoint, PeerEphemeral, 0, Z);
        }

        public void ClearSecrets()
        {
            System.Array.Clear(EphemeralPrivate, 0, EphemeralPrivate.Length);
            System.Array.Clear(EphemeralPrivateBytes, 0, EphemeralPrivateBytes.Length);
            System.Array.Clear(Z, 0, Z.Length);
        }
    }
}
