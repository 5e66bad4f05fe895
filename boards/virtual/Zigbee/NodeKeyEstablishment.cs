using System;
using System.Linq;
using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Platform;
using CommsHub.Security;
using CommsHub.Zcl;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace CommsHub.VirtualBoard.Zigbee
{
    /// <summary>
    /// [decision] The times an emulated device states and keeps as the initiator of CBKE. Its curve work is
    /// BouncyCastle on the host and takes no virtual time, but it states what a real PPMID might need, so the hub's
    /// timeouts are those of a real exchange. It waits for each answer as long as the hub said the answer takes, plus
    /// a margin for the air (MAC and NWK retries, a sleepy device's polls are added by the caller).
    /// </summary>
    public static class NodeKeyEstablishmentPolicy
    {
        /// <summary>EphemeralDataGenerateTime the device states: seconds it may take to send its Ephemeral Data.</summary>
        public const byte EphemeralDataGenerateSeconds = 20;

        /// <summary>ConfirmKeyGenerateTime the device states: seconds it may take to send its Confirm Key.</summary>
        public const byte ConfirmKeyGenerateSeconds = 5;

        /// <summary>How long the device waits for the Initiate Key Establishment Response (the hub only reads a certificate).</summary>
        public const long InitiateResponseMilliseconds = 10000;

        /// <summary>Added to every wait for the air.</summary>
        public const long AirMarginMilliseconds = 5000;

        /// <summary>The wait a device asks of the hub in its own Terminate.</summary>
        public const byte TerminateWaitSeconds = 10;
    }

    /// <summary>
    /// The CBKE initiator of an emulated device (Smart Energy Key Establishment cluster, client side): Initiate Key
    /// Establishment Request with its certificate, Ephemeral Data Request with a fresh ephemeral key pair, ECQV
    /// reconstruction of the hub's static public key from the hub's certificate, ECMQV, the KDF, MACU in Confirm Key
    /// and MACV checked. The curve side is BouncyCastle (an implementation independent of the hub's); the hashing is
    /// the hub's AES-MMO codecs (<see cref="CbkeKeyDerivation"/>). A Terminate from the hub, a timeout or a bad
    /// answer ends the exchange with <see cref="Failed"/>, naming why and how long to wait before trying again.
    /// </summary>
    public sealed class NodeKeyEstablishment
    {
        private readonly IClock _clock;
        private readonly ulong _eui;
        private readonly Func<byte> _nextSequence;
        private readonly Action<byte[]> _send;
        private readonly Random _random;
        private readonly CbkeKeyDerivation _derivation;
        private readonly ZclHeader _header = new();
        private readonly InitiateKeyEstablishment _hub = new();
        private readonly TerminateKeyEstablishment _terminate = new();
        private CbkeCredentials _credentials;
        private X9ECParameters _curve;
        private ECDomainParameters _domain;
        private ulong _partner;
        private byte _sequence;
        private byte _expected;
        private BigInteger _ephemeralPrivate;
        private byte[] _ephemeralPublic;
        private byte[] _hubCertificate;
        private byte[] _macV;
        private ClockTimer _timeout;

        /// <param name="send">sends a ZCL frame of the Key Establishment cluster to the hub's Smart Energy endpoint</param>
        /// <param name="extraWaitMilliseconds">added to every wait (a sleepy device hears answers only when it polls)</param>
        public NodeKeyEstablishment(IClock clock, IAesBlock aes, ulong eui, Func<byte> nextSequence, Action<byte[]> send, Random random, Func<long> extraWaitMilliseconds = null)
        {
            _clock = clock;
            _eui = eui;
            _nextSequence = nextSequence;
            _send = send;
            _random = random;
            _derivation = new CbkeKeyDerivation(aes);
            ExtraWait = extraWaitMilliseconds ?? (() => 0);
        }

        /// <summary>Where the exchange is: idle, initiating, ephemeral data, confirm key, established or failed.</summary>
        public string State { get; private set; } = "idle";

        public bool Busy => State == "initiating" || State == "ephemeral data" || State == "confirm key";

        /// <summary>The established link key (KeyData), once MACV checked.</summary>
        public byte[] KeyData { get; private set; }

        /// <summary>The hub's static public key, reconstructed from its certificate.</summary>
        public byte[] HubPublicKey { get; private set; }

        /// <summary>What the hub stated in its Initiate Key Establishment Response.</summary>
        public byte HubEphemeralDataGenerateTime { get; private set; }

        public byte HubConfirmKeyGenerateTime { get; private set; }

        /// <summary>The status of the last Terminate from the hub (0xFF when none).</summary>
        public byte LastTerminateStatus { get; private set; } = 0xFF;

        public event Action<NodeKeyEstablishment, byte[]> Established;

        /// <summary>The exchange ended without a key: why, and seconds to wait before the next Initiate.</summary>
        public event Action<NodeKeyEstablishment, string, int> Failed;

        /// <summary>One line per message, for a log.</summary>
        public event Action<NodeKeyEstablishment, string> Step;

        private Func<long> ExtraWait { get; }

        /// <summary>Starts an exchange with <paramref name="partner"/> (the hub's EUI-64) under <paramref name="credentials"/>.</summary>
        public void Start(CbkeCredentials credentials, ulong partner)
        {
            Cancel();
            _credentials = credentials;
            _partner = partner;
            _curve = SecNamedCurves.GetByName(credentials.Suite == KeyEstablishmentSuite.Suite1 ? "sect163k1" : "sect283k1");
            _domain = new ECDomainParameters(_curve.Curve, _curve.G, _curve.N, _curve.H);
            KeyData = null;
            LastTerminateStatus = 0xFF;
            byte[] payload = new byte[KeyEstablishmentFrames.InitiateHeaderLength + credentials.Certificate.Length];
            KeyEstablishmentFrames.EncodeInitiate(credentials.Suite, NodeKeyEstablishmentPolicy.EphemeralDataGenerateSeconds,
                NodeKeyEstablishmentPolicy.ConfirmKeyGenerateSeconds, credentials.Certificate, 0, credentials.Certificate.Length, payload, 0);
            State = "initiating";
            SendRequest(KeyEstablishmentCluster.InitiateKeyEstablishment, payload, NodeKeyEstablishmentPolicy.InitiateResponseMilliseconds, "Initiate Key Establishment Response");
            Note("Initiate Key Establishment Request, suite " + credentials.Suite);
        }

        /// <summary>Abandons an exchange in progress without a word to the hub (its own timeout ends its side).</summary>
        public void Cancel()
        {
            _timeout?.Cancel();
            _timeout = null;
            if (Busy)
            {
                State = "idle";
            }
        }

        /// <summary>A ZCL frame of the Key Establishment cluster from the hub.</summary>
        public void Receive(byte[] zcl)
        {
            int at = NodeZcl.Open(zcl, _header, out string problem);
            if (at < 0 || !Busy)
            {
                return;
            }

            int length = zcl.Length - at;
            if (_header.FrameType == ZclHeader.FrameTypeGlobal)
            {
                if (_header.CommandId == NodeZcl.DefaultResponse && length >= 2 && zcl[at + 1] != 0 && _header.Sequence == _sequence)
                {
                    Fail("the hub answered command 0x" + zcl[at].ToString("X2") + " with Default Response status 0x" + zcl[at + 1].ToString("X2"), 0);
                }

                return;
            }

            if (_header.CommandId == KeyEstablishmentCluster.TerminateKeyEstablishment)
            {
                if (KeyEstablishmentFrames.DecodeTerminate(zcl, at, length, _terminate) == null)
                {
                    LastTerminateStatus = _terminate.StatusCode;
                    Fail("the hub terminated: " + KeyEstablishmentStatus.Name(_terminate.StatusCode) + ", wait " + _terminate.WaitTime + " s", _terminate.WaitTime);
                }

                return;
            }

            if (_header.Sequence != _sequence || _header.CommandId != _expected)
            {
                Note("ignored Key Establishment command 0x" + _header.CommandId.ToString("X2") + " sequence " + _header.Sequence + " (waiting for 0x" + _expected.ToString("X2") + ")");
                return;
            }

            switch (_header.CommandId)
            {
                case KeyEstablishmentCluster.InitiateKeyEstablishment:
                    OnInitiateResponse(zcl, at, length);
                    return;
                case KeyEstablishmentCluster.EphemeralData:
                    OnEphemeralDataResponse(zcl, at, length);
                    return;
                case KeyEstablishmentCluster.ConfirmKeyData:
                    OnConfirmKeyResponse(zcl, at, length);
                    return;
            }
        }

        private void OnInitiateResponse(byte[] zcl, int at, int length)
        {
            string problem = KeyEstablishmentFrames.DecodeInitiate(zcl, at, length, _hub);
            if (problem != null)
            {
                Refuse(KeyEstablishmentStatus.BadMessage, "Initiate Key Establishment Response: " + problem);
                return;
            }

            if (_hub.Suite != _credentials.Suite)
            {
                Refuse(KeyEstablishmentStatus.UnsupportedSuite, "the hub answered with suite " + _hub.Suite + ", not " + _credentials.Suite);
                return;
            }

            var own = new ImplicitCertificate();
            own.Parse(_credentials.Certificate, 0, _credentials.Certificate.Length, _credentials.Suite);
            if (_hub.Identity.Issuer != own.Issuer)
            {
                Refuse(KeyEstablishmentStatus.UnknownIssuer, "the hub's certificate comes from issuer " + _hub.Identity.Issuer.ToString("X16") + ", not this device's " + own.Issuer.ToString("X16"));
                return;
            }

            if (_hub.Identity.Subject != _partner)
            {
                Refuse(KeyEstablishmentStatus.BadMessage, "the hub's certificate names " + _hub.Identity.Subject.ToString("X16") + ", not the trust centre " + _partner.ToString("X16"));
                return;
            }

            if (!_hub.Identity.AllowsKeyAgreement)
            {
                Refuse(KeyEstablishmentStatus.InvalidKeyUsage, "the hub's certificate does not allow key agreement");
                return;
            }

            HubEphemeralDataGenerateTime = _hub.EphemeralDataGenerateTime;
            HubConfirmKeyGenerateTime = _hub.ConfirmKeyGenerateTime;
            _hubCertificate = _hub.Identity.Bytes.AsSpan(0, _hub.Identity.Length).ToArray();
            Note("Initiate Key Establishment Response: hub " + _partner.ToString("X16") + ", EphemeralDataGenerateTime " + HubEphemeralDataGenerateTime + " s, ConfirmKeyGenerateTime " + HubConfirmKeyGenerateTime + " s");

            // A fresh ephemeral key pair for every exchange.
            _ephemeralPrivate = RandomScalar();
            _ephemeralPublic = _curve.G.Multiply(_ephemeralPrivate).Normalize().GetEncoded(true);
            State = "ephemeral data";
            SendRequest(KeyEstablishmentCluster.EphemeralData, _ephemeralPublic, HubEphemeralDataGenerateTime * 1000L, "Ephemeral Data Response");
            Note("Ephemeral Data Request");
        }

        private void OnEphemeralDataResponse(byte[] zcl, int at, int length)
        {
            string problem = KeyEstablishmentFrames.CheckEphemeralData(zcl, at, length, _credentials.Suite);
            if (problem != null)
            {
                Refuse(KeyEstablishmentStatus.BadMessage, "Ephemeral Data Response: " + problem);
                return;
            }

            byte[] hubEphemeral = zcl.AsSpan(at, length).ToArray();
            byte[] z;
            try
            {
                // ECQV: the hub's static key is e·P + Q_CA, e the certificate's AES-MMO hash read big-endian.
                byte[] e = new byte[AesMmoHash.Length];
                _derivation.HashCertificate(_hubCertificate, _hubCertificate.Length, e);
                int reconstruction = _credentials.Suite == KeyEstablishmentSuite.Suite1 ? 0 : 37;
                int pointLength = KeyEstablishmentSuite.PointLength(_credentials.Suite);
                ECPoint p = _curve.Curve.DecodePoint(_hubCertificate.AsSpan(reconstruction, pointLength).ToArray());
                ECPoint qV = p.Multiply(new BigInteger(1, e)).Add(_curve.Curve.DecodePoint(_credentials.CaPublicKey)).Normalize();
                HubPublicKey = qV.GetEncoded(true);

                // ECMQV (SEC 1), the initiator's static and ephemeral keys against the hub's: Z is the x-coordinate.
                var ownStatic = new ECPrivateKeyParameters(new BigInteger(1, _credentials.PrivateKey), _domain);
                var ownEphemeral = new ECPrivateKeyParameters(_ephemeralPrivate, _domain);
                var own = new MqvPrivateParameters(ownStatic, ownEphemeral, new ECPublicKeyParameters(_curve.Curve.DecodePoint(_ephemeralPublic), _domain));
                var peer = new MqvPublicParameters(new ECPublicKeyParameters(qV, _domain), new ECPublicKeyParameters(_curve.Curve.DecodePoint(hubEphemeral), _domain));
                var agreement = new ECMqvBasicAgreement();
                agreement.Init(own);
                byte[] x = agreement.CalculateAgreement(peer).ToByteArrayUnsigned();
                z = new byte[KeyEstablishmentSuite.SecretLength(_credentials.Suite)];
                x.CopyTo(z, z.Length - x.Length);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException || ex is FormatException || ex is ArithmeticException)
            {
                Refuse(KeyEstablishmentStatus.BadMessage, "Ephemeral Data Response: not a usable point (" + ex.Message + ")");
                return;
            }

            int points = KeyEstablishmentSuite.PointLength(_credentials.Suite);
            _derivation.Derive(z, z.Length);
            byte[] macU = new byte[KeyEstablishmentSuite.MacLength];
            _macV = new byte[KeyEstablishmentSuite.MacLength];
            _derivation.Mac(CbkeKeyDerivation.InitiatorMacPrefix, _eui, _partner, _ephemeralPublic, hubEphemeral, points, macU);
            _derivation.Mac(CbkeKeyDerivation.ResponderMacPrefix, _partner, _eui, hubEphemeral, _ephemeralPublic, points, _macV);
            State = "confirm key";
            SendRequest(KeyEstablishmentCluster.ConfirmKeyData, macU, HubConfirmKeyGenerateTime * 1000L, "Confirm Key Response");
            Note("Confirm Key Request (MACU)");
        }

        private void OnConfirmKeyResponse(byte[] zcl, int at, int length)
        {
            string problem = KeyEstablishmentFrames.CheckConfirmKeyData(zcl, at, length);
            if (problem != null)
            {
                Refuse(KeyEstablishmentStatus.BadMessage, "Confirm Key Response: " + problem);
                return;
            }

            if (!zcl.AsSpan(at, length).SequenceEqual(_macV))
            {
                Refuse(KeyEstablishmentStatus.BadKeyConfirm, "Confirm Key Response: MACV does not match");
                return;
            }

            _timeout?.Cancel();
            KeyData = (byte[])_derivation.KeyData.Clone();
            _derivation.Clear();
            State = "established";
            Note("Confirm Key Response: MACV matches, key established");
            Established?.Invoke(this, KeyData);
        }

        private void SendRequest(byte command, byte[] payload, long waitMilliseconds, string awaited)
        {
            _sequence = _nextSequence();
            _expected = command;
            _send(NodeZcl.ClientFrame(ZclHeader.FrameTypeClusterSpecific, _sequence, command, payload));
            _timeout?.Cancel();
            long wait = waitMilliseconds + NodeKeyEstablishmentPolicy.AirMarginMilliseconds + ExtraWait();
            _timeout = _clock.StartTimer(wait, _ => Fail("no " + awaited + " within " + (wait / 1000) + " s", 0), null);
        }

        /// <summary>The device ends the exchange itself: a Terminate to the hub with the status, then fails.</summary>
        private void Refuse(byte status, string why)
        {
            byte[] payload = new byte[KeyEstablishmentFrames.TerminateLength];
            KeyEstablishmentFrames.EncodeTerminate(status, NodeKeyEstablishmentPolicy.TerminateWaitSeconds, _credentials.Suite, payload, 0);
            _send(NodeZcl.ClientFrame(ZclHeader.FrameTypeClusterSpecific, _nextSequence(), KeyEstablishmentCluster.TerminateKeyEstablishment, payload));
            Fail(why + "; Terminate " + KeyEstablishmentStatus.Name(status) + " sent", NodeKeyEstablishmentPolicy.TerminateWaitSeconds);
        }

        private void Fail(string why, int waitSeconds)
        {
            _timeout?.Cancel();
            _timeout = null;
            _derivation.Clear();
            State = "failed";
            Note(why);
            Failed?.Invoke(this, why, waitSeconds);
        }

        private BigInteger RandomScalar()
        {
            BigInteger k;
            do
            {
                byte[] bytes = new byte[(_curve.N.BitLength + 7) / 8];
                _random.NextBytes(bytes);
                k = new BigInteger(1, bytes).Mod(_curve.N);
            }
            while (k.SignValue == 0);
            return k;
        }

        private void Note(string what) => Step?.Invoke(this, what);
    }
}
