using CommsHub.Platform;
using CommsHub.Security;
using CommsHub.Security.Ecc;

namespace CommsHub.Clusters.KeyEstablishment
{
    /// <summary>
    /// The Key Establishment cluster server: the responder (V) of CBKE with one initiating device (U) at a
    /// time. The stack hands it each received command payload with the sender's EUI-64
    /// (<see cref="Receive"/>) and calls <see cref="Step"/> every main-loop turn with that turn's budget;
    /// after either call <see cref="Output"/> may hold the one message to send back. On a confirmed
    /// exchange <see cref="Established"/> holds the device's new link key (KeyData), authorised.
    ///
    /// Every refusal is a Terminate with a status and a wait time; the device is refused until that wait
    /// has passed, and no key is produced. Times come from the injected clock; the hub never sleeps.
    /// </summary>
    public sealed class KeyEstablishmentServer
    {
        private const int Idle = 0;
        private const int AwaitingEphemeral = 1;
        private const int Computing = 2;
        private const int AwaitingConfirm = 3;
        private const int Deriving = 4;

        private readonly IClock _clock;
        private readonly IEphemeralKeySource _keys;
        private readonly CbkeKeyDerivation _derivation;
        private readonly CbkeSuiteEngine _suite1;
        private readonly CbkeSuiteEngine _suite2;
        private readonly TerminateBackoff _backoff = new TerminateBackoff();
        private readonly KeyEstablishmentOutput _output = new KeyEstablishmentOutput();
        private readonly TerminateKeyEstablishment _terminate = new TerminateKeyEstablishment();
        private readonly byte[] _peerHash = new byte[16];
        private readonly byte[] _macU = new byte[16];
        private readonly byte[] _macV = new byte[16];
        private InitiateKeyEstablishment _received = new InitiateKeyEstablishment();
        private InitiateKeyEstablishment _exchange = new InitiateKeyEstablishment();
        private CbkeSuiteEngine _engine;
        private int _state;
        private ulong _peer;
        private long _deadline;

        /// <summary>Either identity may be null when the hub has no credentials for that suite.</summary>
        public KeyEstablishmentServer(IClock clock, IAesBlock aes, IEphemeralKeySource ephemeralKeys,
            KeyEstablishmentIdentity suite1, KeyEstablishmentIdentity suite2)
        {
            _clock = clock;
            _keys = ephemeralKeys;
            _derivation = new CbkeKeyDerivation(aes);
            _suite1 = suite1 == null ? null : new CbkeSuiteEngine(suite1);
            _suite2 = suite2 == null ? null : new CbkeSuiteEngine(suite2);
        }

        /// <summary>The KeyEstablishmentSuite attribute (0x0000): the suites the hub has credentials for.</summary>
        public ushort SuiteAttribute
        {
            get
            {
                return (ushort)((_suite1 == null ? 0 : KeyEstablishmentSuite.Suite1) | (_suite2 == null ? 0 : KeyEstablishmentSuite.Suite2));
            }
        }

        /// <summary>Whether the WAN-set clock is trusted, for the suite 2 validity check (<see cref="CertificateValidityPolicy"/>).</summary>
        public bool ClockTrusted { get; set; }

        public KeyEstablishmentOutput Output
        {
            get { return _output; }
        }

        /// <summary>The last confirmed exchange's key, until <see cref="TakeEstablished"/>.</summary>
        public EstablishedLinkKey Established { get; private set; }

        /// <summary>What was wrong with the last refused message (naming the field), or null.</summary>
        public string LastFailure { get; private set; }

        /// <summary>The device of the exchange in progress (0 when idle).</summary>
        public ulong Peer
        {
            get { return _state == Idle ? 0 : _peer; }
        }

        public bool IsIdle
        {
            get { return _state == Idle; }
        }

        /// <summary>True while <see cref="Step"/> has work to do (curve work or the derivation), not just a timeout to watch.</summary>
        public bool IsComputing
        {
            get { return _state == Computing || _state == Deriving; }
        }

        /// <summary>True when the next <see cref="Step"/> runs the KDF and MACs (no curve work) and answers.</summary>
        public bool IsDeriving
        {
            get { return _state == Deriving; }
        }

        /// <summary>Exchanges dropped because the initiator did not answer in time.</summary>
        public int TimedOutExchanges { get; private set; }

        public EstablishedLinkKey TakeEstablished()
        {
            EstablishedLinkKey key = Established;
            Established = null;
            return key;
        }

        /// <summary>
        /// Handles a client-to-server Key Establishment command. True when <see cref="Output"/> holds a
        /// response; false when there is nothing to send now (an Ephemeral Data Request starts the curve
        /// work, a Terminate ends the exchange) or the command is not one of the cluster's.
        /// </summary>
        public bool Receive(ulong sender, byte commandId, byte[] payload, int offset, int length)
        {
            _output.Clear();
            LastFailure = null;
            switch (commandId)
            {
                case KeyEstablishmentCluster.InitiateKeyEstablishment:
                    OnInitiate(sender, payload, offset, length);
                    break;
                case KeyEstablishmentCluster.EphemeralData:
                    OnEphemeralData(sender, payload, offset, length);
                    break;
                case KeyEstablishmentCluster.ConfirmKeyData:
                    OnConfirmKeyData(sender, payload, offset, length);
                    break;
                case KeyEstablishmentCluster.TerminateKeyEstablishment:
                    OnTerminate(sender, payload, offset, length);
                    break;
                default:
                    LastFailure = "command: not a Key Establishment command";
                    break;
            }

            return _output.Ready;
        }

        /// <summary>
        /// One main-loop turn: drops an exchange whose initiator has gone quiet and advances the curve work
        /// within <paramref name="budget"/>. True when <see cref="Output"/> holds a message.
        /// </summary>
        public bool Step(WorkBudget budget)
        {
            _output.Clear();
            if ((_state == AwaitingEphemeral || _state == AwaitingConfirm) && _clock.MonotonicMilliseconds >= _deadline)
            {
                TimedOutExchanges++;
                LastFailure = _state == AwaitingEphemeral ? "timeout: no Ephemeral Data Request" : "timeout: no Confirm Key Data Request";
                Abort();
                return false;
            }

            if (_state == Deriving)
            {
                Derive();
                return true;
            }

            if (_state != Computing)
            {
                return false;
            }

            if (!_engine.CaReady)
            {
                if (!_engine.StepCaKey(budget))
                {
                    return false;
                }

                if (!_engine.CaReady)
                {
                    // The hub's own CA key is unusable: nothing the device did, nothing it can fix by waiting less.
                    LastFailure = "hub CA public key: does not decode";
                    Refuse(_peer, KeyEstablishmentStatus.NoResources, _exchange.Suite, true);
                    return true;
                }

                _engine.BeginComputation(_exchange.Identity, _peerHash);
            }

            if (!_engine.Computation.Step(budget))
            {
                return false;
            }

            if (_engine.Computation.Status != PointStatus.Valid)
            {
                LastFailure = "peer key: " + PointStatusName(_engine.Computation.Status);
                Refuse(_peer, KeyEstablishmentStatus.BadMessage, _exchange.Suite, true);
                return true;
            }

            // The hashing gets a turn of its own: the curve work may have spent this one.
            _state = Deriving;
            return false;
        }

        /// <summary>KDF and both MACs: about 20 AES blocks (one native call each on the board), then the Ephemeral Data Response.</summary>
        private void Derive()
        {
            ushort suite = _exchange.Suite;
            int points = KeyEstablishmentSuite.PointLength(suite);
            ulong hub = _engine.Identity.Certificate.Subject;
            _derivation.Derive(_engine.Z, _engine.Z.Length);
            _derivation.Mac(CbkeKeyDerivation.InitiatorMacPrefix, _peer, hub, _engine.PeerEphemeral, _engine.EphemeralPublic, points, _macU);
            _derivation.Mac(CbkeKeyDerivation.ResponderMacPrefix, hub, _peer, _engine.EphemeralPublic, _engine.PeerEphemeral, points, _macV);
            _engine.ClearSecrets();
            _state = AwaitingConfirm;
            _deadline = _clock.MonotonicMilliseconds + KeyEstablishmentTimingPolicy.PeerTimeoutMilliseconds(_exchange.ConfirmKeyGenerateTime);
            Send(_peer, KeyEstablishmentCluster.EphemeralData,
                KeyEstablishmentFrames.EncodeEphemeralData(_engine.EphemeralPublic, 0, points, _output.Payload, 0));
        }

        private void OnInitiate(ulong sender, byte[] payload, int offset, int length)
        {
            long wait = _backoff.Remaining(sender, _clock.MonotonicMilliseconds);
            if (wait > 0)
            {
                LastFailure = "device: still within the wait time of an earlier Terminate";
                Terminate(sender, KeyEstablishmentStatus.NoResources, WaitSeconds(wait), SuiteAttribute);
                return;
            }

            if (_state != Idle)
            {
                if (sender == _peer)
                {
                    LastFailure = "Initiate Key Establishment: a second one in the middle of the exchange";
                    Refuse(sender, KeyEstablishmentStatus.BadMessage, _exchange.Suite, true);
                }
                else
                {
                    LastFailure = "device: another device's exchange holds the hub";
                    Terminate(sender, KeyEstablishmentStatus.NoResources, KeyEstablishmentTimingPolicy.BusyWaitSeconds, SuiteAttribute);
                }

                return;
            }

            string failure = KeyEstablishmentFrames.DecodeInitiate(payload, offset, length, _received);
            CbkeSuiteEngine engine = _received.Suite == KeyEstablishmentSuite.Suite1 ? _suite1 : _received.Suite == KeyEstablishmentSuite.Suite2 ? _suite2 : null;
            if (failure == KeyEstablishmentFrames.UnsupportedSuite || (failure == null && engine == null))
            {
                LastFailure = failure == null ? "KeyEstablishmentSuite: the hub has no credentials for it" : failure;
                Refuse(sender, KeyEstablishmentStatus.UnsupportedSuite, SuiteAttribute, false);
                return;
            }

            if (failure != null)
            {
                LastFailure = failure;
                Refuse(sender, KeyEstablishmentStatus.BadMessage, _received.Suite, false);
                return;
            }

            ImplicitCertificate certificate = _received.Identity;
            byte status = KeyEstablishmentStatus.Success;
            if (certificate.Issuer != engine.Identity.Certificate.Issuer)
            {
                LastFailure = "Identity issuer: not the hub's issuer";
                status = KeyEstablishmentStatus.UnknownIssuer;
            }
            else if (certificate.Subject != sender)
            {
                LastFailure = "Identity subject: not the sender's EUI-64";
                status = KeyEstablishmentStatus.BadMessage;
            }
            else if (!certificate.AllowsKeyAgreement)
            {
                LastFailure = "Identity key usage: no key agreement";
                status = KeyEstablishmentStatus.InvalidKeyUsage;
            }
            else if (!CertificateValidityPolicy.IsWithinValidity(certificate, UnixSeconds(_clock.UtcNow), ClockTrusted))
            {
                LastFailure = "Identity validity: outside its period";
                status = CertificateValidityPolicy.OutsideValidityStatus;
            }
            else if (!engine.StaticKeyValid)
            {
                LastFailure = "hub static private key: zero";
                status = KeyEstablishmentStatus.NoResources;
            }

            if (status != KeyEstablishmentStatus.Success)
            {
                Refuse(sender, status, _received.Suite, false);
                return;
            }

            // Keep the accepted request; the other instance decodes the next one.
            InitiateKeyEstablishment accepted = _received;
            _received = _exchange;
            _exchange = accepted;
            _engine = engine;
            _peer = sender;
            _derivation.HashCertificate(certificate.Bytes, certificate.Length, _peerHash);
            _state = AwaitingEphemeral;
            _deadline = _clock.MonotonicMilliseconds + KeyEstablishmentTimingPolicy.PeerTimeoutMilliseconds(_exchange.EphemeralDataGenerateTime);
            ImplicitCertificate own = engine.Identity.Certificate;
            Send(sender, KeyEstablishmentCluster.InitiateKeyEstablishment, KeyEstablishmentFrames.EncodeInitiate(
                _exchange.Suite, KeyEstablishmentTimingPolicy.EphemeralDataGenerateSeconds(_exchange.Suite),
                KeyEstablishmentTimingPolicy.ConfirmKeyGenerateSeconds, own.Bytes, 0, own.Length, _output.Payload, 0));
        }

        private void OnEphemeralData(ulong sender, byte[] payload, int offset, int length)
        {
            if (!InExchangeWith(sender, "Ephemeral Data Request"))
            {
                return;
            }

            if (_state != AwaitingEphemeral)
            {
                LastFailure = "Ephemeral Data Request: out of order";
                Refuse(sender, KeyEstablishmentStatus.BadMessage, _exchange.Suite, true);
                return;
            }

            string failure = KeyEstablishmentFrames.CheckEphemeralData(payload, offset, length, _exchange.Suite);
            if (failure != null)
            {
                LastFailure = failure;
                Refuse(sender, KeyEstablishmentStatus.BadMessage, _exchange.Suite, true);
                return;
            }

            System.Array.Copy(payload, offset, _engine.PeerEphemeral, 0, length);
            _keys.NextPrivateKey(_exchange.Suite, _engine.EphemeralPrivateBytes, 0, _engine.EphemeralPrivateBytes.Length);
            if (!_engine.ReadEphemeralKey())
            {
                LastFailure = "hub ephemeral key: zero";
                Refuse(sender, KeyEstablishmentStatus.NoResources, _exchange.Suite, true);
                return;
            }

            if (_engine.CaReady)
            {
                _engine.BeginComputation(_exchange.Identity, _peerHash);
            }

            _state = Computing;
        }

        private void OnConfirmKeyData(ulong sender, byte[] payload, int offset, int length)
        {
            if (!InExchangeWith(sender, "Confirm Key Data Request"))
            {
                return;
            }

            if (_state != AwaitingConfirm)
            {
                LastFailure = "Confirm Key Data Request: before the Ephemeral Data exchange ended";
                Refuse(sender, KeyEstablishmentStatus.BadMessage, _exchange.Suite, true);
                return;
            }

            string failure = KeyEstablishmentFrames.CheckConfirmKeyData(payload, offset, length);
            if (failure != null)
            {
                LastFailure = failure;
                Refuse(sender, KeyEstablishmentStatus.BadMessage, _exchange.Suite, true);
                return;
            }

            int differences = 0;
            for (int i = 0; i < KeyEstablishmentSuite.MacLength; i++)
            {
                differences |= payload[offset + i] ^ _macU[i];
            }

            if (differences != 0)
            {
                LastFailure = "SecureMessageAuthenticationCode: MACU does not match";
                Refuse(sender, KeyEstablishmentStatus.BadKeyConfirm, _exchange.Suite, true);
                return;
            }

            Established = new EstablishedLinkKey(sender, _derivation.KeyData);
            Send(sender, KeyEstablishmentCluster.ConfirmKeyData, KeyEstablishmentFrames.EncodeConfirmKeyData(_macV, 0, _output.Payload, 0));
            Abort();
        }

        private void OnTerminate(ulong sender, byte[] payload, int offset, int length)
        {
            string failure = KeyEstablishmentFrames.DecodeTerminate(payload, offset, length, _terminate);
            LastFailure = failure;
            if (_state != Idle && sender == _peer)
            {
                // The initiator gave up (whatever its payload says): end the exchange, send nothing.
                Abort();
            }
        }

        /// <summary>A message that needs an exchange with this device; refused (without touching another device's exchange) when there is none.</summary>
        private bool InExchangeWith(ulong sender, string command)
        {
            if (_state != Idle && sender == _peer)
            {
                return true;
            }

            LastFailure = command + ": no exchange with this device";
            Refuse(sender, KeyEstablishmentStatus.BadMessage, SuiteAttribute, false);
            return false;
        }

        /// <summary>Terminates with the policy's wait, remembers the wait, and ends the exchange when it was this device's.</summary>
        private void Refuse(ulong device, byte status, ushort suite, bool endsExchange)
        {
            if (endsExchange)
            {
                Abort();
            }

            _backoff.Set(device, _clock.MonotonicMilliseconds + (KeyEstablishmentTimingPolicy.TerminateWaitSeconds * 1000L));
            Terminate(device, status, KeyEstablishmentTimingPolicy.TerminateWaitSeconds, suite);
        }

        private void Terminate(ulong device, byte status, byte waitSeconds, ushort suite)
        {
            Send(device, KeyEstablishmentCluster.TerminateKeyEstablishment, KeyEstablishmentFrames.EncodeTerminate(status, waitSeconds, suite, _output.Payload, 0));
            _output.TerminateStatus = status;
        }

        private void Send(ulong device, byte commandId, int length)
        {
            _output.Ready = true;
            _output.Destination = device;
            _output.CommandId = commandId;
            _output.Length = length;
        }

        private void Abort()
        {
            if (_engine != null)
            {
                _engine.ClearSecrets();
            }

            _derivation.Clear();
            System.Array.Clear(_macU, 0, 16);
            System.Array.Clear(_macV, 0, 16);
            _state = Idle;
            _peer = 0;
        }

        private static byte WaitSeconds(long milliseconds)
        {
            long seconds = (milliseconds + 999) / 1000;
            return seconds > 255 ? (byte)255 : (byte)seconds;
        }

        private static long UnixSeconds(System.DateTime utc)
        {
            return (utc - UnixEpoch).Ticks / System.TimeSpan.TicksPerSecond;
        }

        /// <summary>The certificates' time origin (a difference, so the platform's tick origin does not matter).</summary>
        private static readonly System.DateTime UnixEpoch = new System.DateTime(1970, 1, 1, 0, 0, 0);

        private static string PointStatusName(PointStatus status)
        {
            switch (status)
            {
                case PointStatus.BadPrefix: return "bad point prefix";
                case PointStatus.XOutsideField: return "x outside the field";
                case PointStatus.NotOnCurve: return "not on the curve";
                case PointStatus.SmallOrder: return "a point of small order";
                case PointStatus.Infinity: return "the point at infinity";
                case PointStatus.Truncated: return "truncated";
                default: return "invalid";
            }
        }
    }
}
