using System;
using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Platform;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.Zcl;

namespace CommsHub.VirtualBoard.Zigbee
{
    /// <summary>Where a Smart Energy device is in registering with the hub.</summary>
    public enum RegistrationState
    {
        Idle,
        FindingKeyEstablishment,
        ReadingSuite,
        KeyEstablishment,
        FindingServers,
        ReadingTime,
        Registered,
        Failed,
    }

    /// <summary>
    /// A Smart Energy device's registration on an emulated <see cref="ZigbeeNode"/>, as a real meter or PPMID runs it
    /// once it has joined (and again after every join): Match_Desc_req for a Key Establishment server (cluster 0x0800,
    /// profile 0x0109); Read Attributes of its KeyEstablishmentSuite; the best suite both hold; CBKE as initiator
    /// (<see cref="NodeKeyEstablishment"/>), whose key becomes the node's link key; Match_Desc_req for the OTA server
    /// (broadcast) and the Time server; IEEE_addr_req to the hub; Read Attributes of Time and TimeStatus under APS
    /// security; then Registered. Every step is retried (<see cref="SmartEnergyClientPolicy"/>). Once the node holds the
    /// CBKE key, its Smart Energy frames to the hub go APS-secured under it, and OTA, Time and Keep-Alive frames from
    /// the hub are taken only APS-secured.
    /// </summary>
    public sealed class SmartEnergyClient
    {
        public const ushort Profile = 0x0109;
        public const byte Endpoint = 1;
        public const ushort OtaCluster = 0x0019;
        public const ushort TimeCluster = 0x000A;
        public const ushort KeepAliveCluster = 0x0025;
        public const ushort IeeeAddrReq = 0x0001;
        public const ushort IeeeAddrRsp = 0x8001;
        public const ushort MatchDescReq = 0x0006;
        public const ushort MatchDescRsp = 0x8006;

        private static readonly DateTime ZigbeeEpoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private readonly IClock _clock;
        private readonly CbkeCredentials[] _credentials;
        private readonly DotNetAes _aes = new();
        private readonly NodeKeyEstablishment _keyEstablishment;
        private readonly ZclHeader _header = new();
        private byte _zclSequence;
        private byte _zdoSequence;
        private byte _pendingSequence;
        private bool _pendingZdo;
        private string _pendingWhat;
        private Action _pendingSend;
        private int _attempt;
        private int _keyEstablishmentAttempts;
        private ClockTimer _timer;
        private bool _keyHeld;
        private CbkeCredentials _chosen;

        public SmartEnergyClient(ZigbeeNode node, IClock clock, CbkeCredentials[] credentials)
            : this(node, clock, credentials, null)
        {
        }

        /// <param name="seed">seeds the device's ephemeral keys (default: from its EUI-64, so a run replays)</param>
        public SmartEnergyClient(ZigbeeNode node, IClock clock, CbkeCredentials[] credentials, int? seed)
        {
            if (credentials == null || credentials.Length == 0)
            {
                throw new ArgumentException("credentials: a Smart Energy device holds CBKE credentials for suite 1, suite 2 or both");
            }

            foreach (var c in credentials)
            {
                if (c == null || (c.Suite != KeyEstablishmentSuite.Suite1 && c.Suite != KeyEstablishmentSuite.Suite2))
                {
                    throw new ArgumentException("credentials: each names suite 1 or suite 2");
                }

                if (c.Certificate == null || c.Certificate.Length != KeyEstablishmentSuite.CertificateLength(c.Suite)
                    || c.PrivateKey == null || c.PrivateKey.Length != KeyEstablishmentSuite.PrivateKeyLength(c.Suite)
                    || c.CaPublicKey == null || c.CaPublicKey.Length != KeyEstablishmentSuite.PointLength(c.Suite))
                {
                    throw new ArgumentException("credentials for suite " + c.Suite + ": certificate, private key or CA public key of the wrong length");
                }
            }

            Node = node;
            _clock = clock;
            _credentials = (CbkeCredentials[])credentials.Clone();
            ulong eui = node.Eui;
            var random = new Random(seed ?? (int)(eui ^ (eui >> 32)));
            _keyEstablishment = new NodeKeyEstablishment(clock, _aes, eui, () => _zclSequence++, SendKeyEstablishment, random, () => ExtraWait);
            _keyEstablishment.Established += OnKeyEstablished;
            _keyEstablishment.Failed += OnKeyEstablishmentFailed;
            _keyEstablishment.Step += (_, what) => Note("CBKE: " + what);
            node.Joined += OnJoined;
            node.ZclReceived += OnZcl;
            node.ZdoReceived += OnZdo;
            if (node.State == NodeState.Joined)
            {
                OnJoined(node);
            }
        }

        public ZigbeeNode Node { get; }

        public RegistrationState State { get; private set; }

        /// <summary>The agreed suite, 0 before.</summary>
        public ushort Suite { get; private set; }

        /// <summary>The CBKE link key once established (for key files and tshark).</summary>
        public byte[] LinkKey { get; private set; }

        /// <summary>The hub's time from its Time server.</summary>
        public DateTime? HubTime { get; private set; }

        /// <summary>The TimeStatus the hub gave with it.</summary>
        public byte HubTimeStatus { get; private set; }

        /// <summary>The suites the hub's KeyEstablishmentSuite attribute named (a bitmap: 1 suite 1, 2 suite 2).</summary>
        public ushort HubSuites { get; private set; }

        /// <summary>The hub's Smart Energy endpoint from its Match_Desc_rsp.</summary>
        public byte HubEndpoint { get; private set; } = Endpoint;

        /// <summary>Times the sequence reached Registered.</summary>
        public int Registrations { get; private set; }

        /// <summary>OTA, Time or Keep-Alive frames from the hub dropped for coming without APS security once the key was held.</summary>
        public int UnsecuredDropped { get; private set; }

        public NodeKeyEstablishment KeyEstablishment => _keyEstablishment;

        public event Action<SmartEnergyClient> Registered;

        /// <summary>A step gave up or the hub terminated: why (the client retries by itself).</summary>
        public event Action<SmartEnergyClient, string> Failed;

        /// <summary>One line per registration step, for a bench log.</summary>
        public event Action<SmartEnergyClient, string> Step;

        /// <summary>Smart Energy endpoint frames other than Key Establishment and the registration's own answers.</summary>
        public event Action<SmartEnergyClient, ushort, byte[]> ZclReceived;

        private long ExtraWait => Node.Sleepy ? SmartEnergyClientPolicy.SleepyPollsPerWait * Node.PollMilliseconds : 0;

        private ulong Hub => Node.Aps.TrustCentre;

        /// <summary>
        /// Whether APS-secured frames ask for an APS ack (default true, as Smart Energy devices send unicast data): the
        /// hub answers with an ack secured under the same key.
        /// </summary>
        public bool AckSecuredFrames { get; set; } = true;

        /// <summary>Sends a ZCL frame to the hub's Smart Energy endpoint: APS-secured under the CBKE key once the node holds it.</summary>
        public void SendZcl(ushort cluster, byte[] zcl)
        {
            bool secured = _keyHeld && cluster != KeyEstablishmentCluster.ClusterId;
            Node.SendZcl(HubEndpoint, cluster, Profile, Endpoint, zcl, ackRequest: secured && AckSecuredFrames, apsSecurity: secured);
        }

        /// <summary>Starts the registration again from its first step (what a join does).</summary>
        public void Restart()
        {
            Cancel();
            Note("registration starts");
            _keyEstablishmentAttempts = 0;
            FindKeyEstablishment();
        }

        private void OnJoined(ZigbeeNode node)
        {
            Cancel();
            State = RegistrationState.Idle;
            _timer = _clock.StartTimer(SmartEnergyClientPolicy.StartMilliseconds, _ => Restart(), null);
        }

        private void Cancel()
        {
            _timer?.Cancel();
            _timer = null;
            _pendingSend = null;
            _keyEstablishment.Cancel();
        }

        // 1. Match_Desc_req for a Key Establishment server.
        private void FindKeyEstablishment()
        {
            Request(RegistrationState.FindingKeyEstablishment, "Match_Desc_rsp for Key Establishment", true,
                () => SendMatchDesc(0x0000, KeyEstablishmentCluster.ClusterId));
        }

        // 2. Read the KeyEstablishmentSuite attribute.
        private void ReadSuite()
        {
            Request(RegistrationState.ReadingSuite, "Read Attributes Response of KeyEstablishmentSuite", false,
                () => SendZcl(KeyEstablishmentCluster.ClusterId, NodeZcl.ReadAttributesRequest(_pendingSequence = _zclSequence++, KeyEstablishmentCluster.SuiteAttributeId)));
        }

        // 3. CBKE as initiator with the best suite both hold.
        private void EstablishKey()
        {
            _timer?.Cancel();
            _pendingSend = null;
            State = RegistrationState.KeyEstablishment;
            _keyEstablishmentAttempts++;
            Note("CBKE suite " + _chosen.Suite + ", attempt " + _keyEstablishmentAttempts);
            _keyEstablishment.Start(_chosen, Hub);
        }

        // 4. Match_Desc_req for the OTA server (broadcast, as devices find it), then for the Time server.
        private void FindOtaServer()
        {
            Request(RegistrationState.FindingServers, "Match_Desc_rsp for OTA Upgrade", true,
                () => SendMatchDesc(0xFFFD, OtaCluster));
        }

        private void FindTimeServer()
        {
            Request(RegistrationState.FindingServers, "Match_Desc_rsp for Time", true,
                () => SendMatchDesc(0x0000, TimeCluster));
        }

        // 5. IEEE_addr_req to the hub.
        private void AskHubAddress()
        {
            Request(RegistrationState.FindingServers, "IEEE_addr_rsp", true, () =>
            {
                _pendingSequence = _zdoSequence++;
                // NWKAddrOfInterest 0x0000, single device response, start index 0.
                Node.SendZdo(IeeeAddrReq, new byte[] { _pendingSequence, 0x00, 0x00, 0x00, 0x00 });
            });
        }

        // 6. Time and TimeStatus, APS-secured.
        private void ReadTime()
        {
            Request(RegistrationState.ReadingTime, "Read Attributes Response of Time", false,
                () => SendZcl(TimeCluster, NodeZcl.ReadAttributesRequest(_pendingSequence = _zclSequence++, 0x0000, 0x0001)));
        }

        private void SendMatchDesc(ushort destination, ushort cluster)
        {
            _pendingSequence = _zdoSequence++;
            byte[] zdo =
            {
                _pendingSequence,
                0x00, 0x00, // NWKAddrOfInterest: the hub
                unchecked((byte)Profile), (byte)(Profile >> 8),
                0x01, (byte)cluster, (byte)(cluster >> 8), // one input (server) cluster
                0x00, // no output clusters
            };
            Node.SendZdo(MatchDescReq, zdo, destination);
        }

        private void SendKeyEstablishment(byte[] zcl) => SendZcl(KeyEstablishmentCluster.ClusterId, zcl);

        private void Request(RegistrationState state, string what, bool zdo, Action send)
        {
            _timer?.Cancel();
            State = state;
            _pendingWhat = what;
            _pendingZdo = zdo;
            _pendingSend = send;
            _attempt = 0;
            Attempt();
        }

        private void Attempt()
        {
            _attempt++;
            _pendingSend();
            _timer = _clock.StartTimer(SmartEnergyClientPolicy.ResponseMilliseconds + ExtraWait, _ => OnTimeout(), null);
        }

        private void OnTimeout()
        {
            if (_pendingSend == null)
            {
                return;
            }

            if (_attempt < SmartEnergyClientPolicy.StepAttempts)
            {
                Note("no " + _pendingWhat + ", asking again (" + (_attempt + 1) + " of " + SmartEnergyClientPolicy.StepAttempts + ")");
                Attempt();
                return;
            }

            GiveUp("no " + _pendingWhat + " after " + SmartEnergyClientPolicy.StepAttempts + " requests");
        }

        /// <summary>The answer the current step waited for came: stop its timer.</summary>
        private void Answered()
        {
            _timer?.Cancel();
            _timer = null;
            _pendingSend = null;
        }

        private void GiveUp(string why)
        {
            Cancel();
            State = RegistrationState.Failed;
            Note(why + "; starting again in " + (SmartEnergyClientPolicy.RestartMilliseconds / 1000) + " s");
            Failed?.Invoke(this, why);
            _timer = _clock.StartTimer(SmartEnergyClientPolicy.RestartMilliseconds, _ => Restart(), null);
        }

        private void OnZdo(ZigbeeNode node, ushort cluster, byte[] zdo)
        {
            if (_pendingSend == null || !_pendingZdo || zdo.Length < 2 || zdo[0] != _pendingSequence)
            {
                return;
            }

            if (cluster == MatchDescRsp && _pendingWhat.StartsWith("Match_Desc_rsp"))
            {
                // Sequence, status, NWKAddrOfInterest, MatchLength, MatchList.
                if (zdo.Length < 5 || zdo[1] != 0 || zdo[4] == 0 || zdo.Length < 5 + zdo[4])
                {
                    Note("Match_Desc_rsp without a match (" + Convert.ToHexString(zdo) + ")");
                    return;
                }

                byte endpoint = zdo[5];
                Answered();
                if (State == RegistrationState.FindingKeyEstablishment)
                {
                    HubEndpoint = endpoint;
                    Note("Key Establishment server on endpoint " + endpoint);
                    ReadSuite();
                }
                else if (_pendingWhat.Contains("OTA"))
                {
                    Note("OTA Upgrade server on endpoint " + endpoint);
                    FindTimeServer();
                }
                else
                {
                    Note("Time server on endpoint " + endpoint);
                    AskHubAddress();
                }
            }
            else if (cluster == IeeeAddrRsp && _pendingWhat == "IEEE_addr_rsp")
            {
                // Sequence, status, IEEEAddrRemoteDev, NWKAddrRemoteDev.
                if (zdo.Length < 12 || zdo[1] != 0)
                {
                    Note("IEEE_addr_rsp refused (" + Convert.ToHexString(zdo) + ")");
                    return;
                }

                ulong ieee = BitConverter.ToUInt64(zdo, 2);
                if (ieee != Hub)
                {
                    Note("IEEE_addr_rsp names " + ieee.ToString("X16") + ", not the trust centre " + Hub.ToString("X16"));
                    return;
                }

                Answered();
                Note("IEEE_addr_rsp: the hub is " + ieee.ToString("X16"));
                ReadTime();
            }
        }

        private void OnZcl(ZigbeeNode node, byte sourceEndpoint, ushort cluster, ushort profile, byte[] zcl)
        {
            if (profile != Profile)
            {
                return;
            }

            if (cluster == KeyEstablishmentCluster.ClusterId)
            {
                if (!TakeSuite(zcl))
                {
                    _keyEstablishment.Receive(zcl);
                }

                return;
            }

            bool secured = Node.Aps.LastDataSecured;
            if (_keyHeld && !secured && (cluster == OtaCluster || cluster == TimeCluster || cluster == KeepAliveCluster))
            {
                // Smart Energy: once the device holds its CBKE key, these clusters come from the hub under it or not at all.
                UnsecuredDropped++;
                Note("dropped an unsecured frame of cluster 0x" + cluster.ToString("X4"));
                return;
            }

            if (cluster == TimeCluster && State == RegistrationState.ReadingTime && _pendingSend != null && TakeTime(zcl))
            {
                return;
            }

            ZclReceived?.Invoke(this, cluster, zcl);
        }

        /// <summary>The answer to the suite read, when that is what <paramref name="zcl"/> is.</summary>
        private bool TakeSuite(byte[] zcl)
        {
            int at = NodeZcl.Open(zcl, _header, out _);
            if (at < 0 || _header.FrameType != ZclHeader.FrameTypeGlobal || _header.CommandId != NodeZcl.ReadAttributesResponse)
            {
                return false;
            }

            if (State != RegistrationState.ReadingSuite || _pendingSend == null || _header.Sequence != _pendingSequence)
            {
                return true;
            }

            if (NodeZcl.ReadRecord(zcl, at, out ushort attribute, out byte status, out _, out ulong value) < 0
                || attribute != KeyEstablishmentCluster.SuiteAttributeId || status != 0)
            {
                Note("KeyEstablishmentSuite not read (" + Convert.ToHexString(zcl) + ")");
                return true;
            }

            Answered();
            HubSuites = (ushort)value;
            _chosen = null;
            foreach (var c in _credentials)
            {
                // Suite 2 is the stronger: taken whenever both hold it.
                if ((HubSuites & c.Suite) != 0 && (_chosen == null || c.Suite > _chosen.Suite))
                {
                    _chosen = c;
                }
            }

            Note("the hub holds suites 0x" + HubSuites.ToString("X4"));
            if (_chosen == null)
            {
                GiveUp("no CBKE suite in common with the hub (hub 0x" + HubSuites.ToString("X4") + ")");
                return true;
            }

            _keyEstablishmentAttempts = 0;
            EstablishKey();
            return true;
        }

        private bool TakeTime(byte[] zcl)
        {
            int at = NodeZcl.Open(zcl, _header, out _);
            if (at < 0 || _header.FrameType != ZclHeader.FrameTypeGlobal || _header.CommandId != NodeZcl.ReadAttributesResponse || _header.Sequence != _pendingSequence)
            {
                return false;
            }

            DateTime? time = null;
            byte timeStatus = 0;
            while (at >= 0 && at < zcl.Length)
            {
                at = NodeZcl.ReadRecord(zcl, at, out ushort attribute, out byte status, out _, out ulong value);
                if (at >= 0 && status == 0 && attribute == 0x0000)
                {
                    time = ZigbeeEpoch.AddSeconds(value);
                }
                else if (at >= 0 && status == 0 && attribute == 0x0001)
                {
                    timeStatus = (byte)value;
                }
            }

            if (time == null)
            {
                Note("Time not read (" + Convert.ToHexString(zcl) + ")");
                return true;
            }

            Answered();
            HubTime = time;
            HubTimeStatus = timeStatus;
            Note("the hub's time " + time.Value.ToString("yyyy-MM-dd HH:mm:ss") + "Z, TimeStatus 0x" + timeStatus.ToString("X2"));
            State = RegistrationState.Registered;
            Registrations++;
            Note("registered");
            Registered?.Invoke(this);
            return true;
        }

        private void OnKeyEstablished(NodeKeyEstablishment exchange, byte[] key)
        {
            Node.Aps.SetLinkKey(key);
            LinkKey = (byte[])key.Clone();
            Suite = _chosen.Suite;
            _keyHeld = true;
            FindOtaServer();
        }

        private void OnKeyEstablishmentFailed(NodeKeyEstablishment exchange, string why, int waitSeconds)
        {
            Failed?.Invoke(this, "CBKE: " + why);
            if (_keyEstablishmentAttempts >= SmartEnergyClientPolicy.KeyEstablishmentAttempts)
            {
                GiveUp("CBKE failed " + _keyEstablishmentAttempts + " times");
                return;
            }

            State = RegistrationState.Failed;
            long wait = Math.Max(1, waitSeconds) * 1000L;
            _timer?.Cancel();
            _timer = _clock.StartTimer(wait, _ => EstablishKey(), null);
        }

        private void Note(string what) => Step?.Invoke(this, what);
    }
}
