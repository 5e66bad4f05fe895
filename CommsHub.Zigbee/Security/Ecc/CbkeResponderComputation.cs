namespace CommsHub.Security.Ecc
{
    /// <summary>
    /// The curve work of one CBKE exchange on the responder's side, in budgeted steps: its ephemeral public
    /// key from a fresh private key, the initiator's static public key from its certificate (ECQV), then
    /// the ECMQV shared secret Z. Hashing (e, the KDF, the MACs) is the caller's.
    /// </summary>
    public sealed class CbkeResponderComputation : EccTask
    {
        private const int Ephemeral = 0;
        private const int Reconstruct = 1;
        private const int Agree = 2;
        private const int Done = 3;

        private readonly KoblitzCurve _curve;
        private readonly PublicKeyDerivation _derivation;
        private readonly EcqvReconstruction _ecqv;
        private readonly EcmqvAgreement _ecmqv;
        private readonly AffinePoint _peerStatic;
        private uint[] _ownStatic;
        private uint[] _ownEphemeral;
        private byte[] _ownEphemeralPublic;
        private byte[] _peerEphemeralPublic;
        private int _peerEphemeralOffset;
        private byte[] _z;
        private int _phase;
        private PointStatus _status;

        public CbkeResponderComputation(KoblitzCurve curve)
        {
            _curve = curve;
            _derivation = new PublicKeyDerivation(curve);
            _ecqv = new EcqvReconstruction(curve);
            _ecmqv = new EcmqvAgreement(curve);
            _peerStatic = new AffinePoint(curve.Field.Limbs);
        }

        public PointStatus Status
        {
            get { return _status; }
        }

        /// <summary>The initiator's reconstructed static public key, once done.</summary>
        public AffinePoint PeerStaticPublicKey
        {
            get { return _peerStatic; }
        }

        /// <summary>
        /// Starts the exchange's computation. ownEphemeralPublic receives the compressed ephemeral key, or
        /// already holds it when <paramref name="ephemeralPrepared"/> (the key pair made while idle, with
        /// PublicKeyDerivation); z receives the shared secret. The peer's certificate gives the
        /// reconstruction data and its hash e; the CA key is the hub's issuer key, decoded once.
        /// </summary>
        public void Begin(uint[] ownStaticPrivate, uint[] ownEphemeralPrivate, byte[] ownEphemeralPublic, bool ephemeralPrepared,
            byte[] peerReconstruction, int reconOffset, byte[] peerCertificateHash, AffinePoint caPublicKey,
            byte[] peerEphemeralPublic, int peerEphemeralOffset, byte[] z)
        {
            _ownStatic = ownStaticPrivate;
            _ownEphemeral = ownEphemeralPrivate;
            _ownEphemeralPublic = ownEphemeralPublic;
            _peerEphemeralPublic = peerEphemeralPublic;
            _peerEphemeralOffset = peerEphemeralOffset;
            _z = z;
            _status = PointStatus.Valid;
            _ecqv.Begin(peerReconstruction, reconOffset, peerCertificateHash, 0, caPublicKey, _peerStatic);
            _phase = ephemeralPrepared ? Reconstruct : Ephemeral;
            if (!ephemeralPrepared)
            {
                _derivation.Begin(ownEphemeralPrivate, ownEphemeralPublic, 0);
            }
        }

        public override bool Step(WorkBudget budget)
        {
            while (true)
            {
                switch (_phase)
                {
                    case Ephemeral:
                        if (!_derivation.Step(budget))
                        {
                            return false;
                        }

                        _status = _derivation.Status;
                        _phase = _status == PointStatus.Valid ? Reconstruct : Done;
                        break;
                    case Reconstruct:
                        if (!_ecqv.Step(budget))
                        {
                            return false;
                        }

                        _status = _ecqv.Status;
                        if (_status != PointStatus.Valid)
                        {
                            _phase = Done;
                            break;
                        }

                        _ecmqv.Begin(_ownStatic, _ownEphemeral, _ownEphemeralPublic, 0, _peerStatic, _peerEphemeralPublic, _peerEphemeralOffset, _z, 0);
                        _phase = Agree;
                        break;
                    case Agree:
                        if (!_ecmqv.Step(budget))
                        {
                            return false;
                        }

                        _status = _ecmqv.Status;
                        _phase = Done;
                        break;
                    default:
                        return true;
                }
            }
        }
    }
}
