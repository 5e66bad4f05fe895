using CommsHub.Aps;
using CommsHub.Clusters.Basic;
using CommsHub.Clusters.KeepAlive;
using CommsHub.Clusters.Time;
using CommsHub.Nwk;
using CommsHub.Platform;
using CommsHub.TrustCenter;
using CommsHub.Zcl;

namespace CommsHub.Endpoints
{
    /// <summary>
    /// The hub's Smart Energy endpoint (<see cref="SmartEnergyEndpoint"/>): the one subscriber to the APS layer's data
    /// for endpoint 1 on profile 0x0109. It sends each frame by cluster to Basic, Time, Keep-Alive, Key Establishment
    /// or OTA, refuses an unknown cluster with a ZCL Default Response UNSUPPORTED_CLUSTER, and keeps the clusters that
    /// need APS security closed to frames without it from a device whose link key is authorised
    /// (<see cref="SmartEnergySecurityPolicy"/>). Every answer goes back through <see cref="Send"/>, which secures
    /// those clusters' answers when the device's key is authorised or its own last frame came APS-secured. One frame buffer, reused; nothing is allocated per frame.
    /// </summary>
    public sealed class SmartEnergyEndpointServer
    {
        private const int Devices = 16;

        private readonly ApsLayer _aps;
        private readonly NwkLayer _nwk;
        private readonly LinkKeyTable _linkKeys;
        private readonly byte[] _frame = new byte[ApsLayer.HeaderRoom + ApsLayer.MaxPayload + ApsLayer.MicRoom];
        private readonly ZclReader _reader = new ZclReader();
        private readonly ZclHeader _header = new ZclHeader();
        private readonly ZclWriter _writer = new ZclWriter();
        private readonly ulong[] _device = new ulong[Devices];
        private readonly byte[] _endpoint = new byte[Devices];
        private readonly bool[] _secured = new bool[Devices];
        private int _nextSlot;

        public SmartEnergyEndpointServer(ApsLayer aps, NwkLayer nwk, LinkKeyTable linkKeys, IClock clock, KeyEstablishmentPort keyEstablishment)
        {
            _aps = aps;
            _nwk = nwk;
            _linkKeys = linkKeys;
            Basic = new BasicServer();
            Time = new TimeServer(clock);
            KeepAlive = new KeepAliveServer();
            KeyEstablishment = keyEstablishment;
            KeyEstablishment.Attach(this);
            Ota = new ApsOtaPort(this);
            _aps.DataIndication += Receive;
        }

        public BasicServer Basic { get; private set; }

        public TimeServer Time { get; private set; }

        public KeepAliveServer KeepAlive { get; private set; }

        public KeyEstablishmentPort KeyEstablishment { get; private set; }

        public ApsOtaPort Ota { get; private set; }

        /// <summary>Frames refused because the cluster needs APS security and the device's key is authorised.</summary>
        public int RefusedUnsecured { get; private set; }

        /// <summary>Frames from a short address that is not a neighbour (no EUI-64 to serve it by).</summary>
        public int UnknownSenders { get; private set; }

        /// <summary>Frames answered with Default Response UNSUPPORTED_CLUSTER.</summary>
        public int UnsupportedClusters { get; private set; }

        /// <summary>Answers that could not be sent (unknown device, frame too long, queues full).</summary>
        public int SendFailures { get; private set; }

        /// <summary>Why the last frame was refused or dropped; null after a frame that was served.</summary>
        public string LastRejection
        {
            get
            {
                // Worded only when asked: a device may send refused frames at air speed, and the hub must not allocate for them.
                switch (_rejection)
                {
                    case RejectedSender:
                        return "sender 0x" + Hex.Format(_rejected, 4) + ": not a device the network layer knows";
                    case RejectedUnsecured:
                        return "cluster 0x" + Hex.Format(_rejected, 4) + ": needs APS security under the device's authorised link key";
                    case RejectedCluster:
                        return "cluster 0x" + Hex.Format(_rejected, 4) + ": not on the Smart Energy endpoint";
                    default:
                        return _rejectionText;
                }
            }
        }

        private const int RejectedNone = 0;
        private const int RejectedSender = 1;
        private const int RejectedUnsecured = 2;
        private const int RejectedCluster = 3;
        private int _rejection;
        private ushort _rejected;
        private string _rejectionText;

        private void Reject(int kind, ushort value)
        {
            _rejection = kind;
            _rejected = value;
            _rejectionText = null;
        }

        /// <summary>True when the device's link key was established by CBKE.</summary>
        public bool IsAuthorised(ulong device)
        {
            return _linkKeys != null && _linkKeys.IsAuthorised(_linkKeys.IndexOf(device));
        }

        /// <summary>The largest ZCL frame an answer on <paramref name="cluster"/> to <paramref name="device"/> may be.</summary>
        public int Capacity(ulong device, ushort cluster)
        {
            int shortAddress = ShortOf(device);
            if (shortAddress < 0)
            {
                return 0;
            }

            // The real budget: NWK security, the source route the NWK layer holds for the device, APS security if used.
            int budget = _aps.MaxPayloadTo((ushort)shortAddress, Secures(device, cluster));
            return budget < ApsLayer.MaxPayload ? budget : ApsLayer.MaxPayload;
        }

        /// <summary>
        /// Sends a ZCL frame from the Smart Energy endpoint to <paramref name="device"/> on <paramref name="cluster"/>,
        /// to the endpoint the device last used, APS-secured when the policy asks. The frame is copied; false when it
        /// could not go.
        /// </summary>
        public bool Send(ulong device, ushort cluster, byte[] frame, int offset, int length)
        {
            if (length < 0 || length > ApsLayer.MaxPayload)
            {
                SendFailures++;
                return false;
            }

            System.Array.Copy(frame, offset, _frame, ApsLayer.HeaderRoom, length);
            return SendFrame(device, cluster, length);
        }

        /// <summary>The APS layer's data indication: everything for endpoint 1 on profile 0x0109 is served here.</summary>
        public void Receive(ApsHeader header, ushort source, byte[] buffer, int offset, int length)
        {
            if (header.DestinationEndpoint != SmartEnergyEndpoint.Endpoint || header.Profile != SmartEnergyEndpoint.Profile)
            {
                return;
            }

            Reject(RejectedNone, 0);
            ulong device;
            bool rxOnWhenIdle;
            if (!_aps.Resolve(source, out device, out rxOnWhenIdle))
            {
                UnknownSenders++;
                Reject(RejectedSender, source);
                return;
            }

            ushort cluster = header.Cluster;
            if (!header.Security && SmartEnergySecurityPolicy.RequiresApsSecurity(cluster) && IsAuthorised(device))
            {
                RefusedUnsecured++;
                Reject(RejectedUnsecured, cluster);
                return;
            }

            Remember(device, header.SourceEndpoint, header.Security);
            switch (cluster)
            {
                case SmartEnergyEndpoint.OtaCluster:
                    Ota.Receive(device, buffer, offset, length, Capacity(device, cluster));
                    return;
                case SmartEnergyEndpoint.KeyEstablishmentCluster:
                    KeyEstablishment.Receive(device, buffer, offset, length);
                    return;
                case SmartEnergyEndpoint.BasicCluster:
                    Answer(device, cluster, Basic.Server, buffer, offset, length);
                    return;
                case SmartEnergyEndpoint.TimeCluster:
                    Answer(device, cluster, Time.Server, buffer, offset, length);
                    return;
                case SmartEnergyEndpoint.KeepAliveCluster:
                    Answer(device, cluster, KeepAlive.Server, buffer, offset, length);
                    return;
                default:
                    RefuseCluster(device, cluster, header.DeliveryMode == ApsFrameType.Unicast, buffer, offset, length);
                    return;
            }
        }

        private void Answer(ulong device, ushort cluster, ZclAttributeServer server, byte[] buffer, int offset, int length)
        {
            int answer = server.Handle(buffer, offset, length, _frame, ApsLayer.HeaderRoom, Capacity(device, cluster));
            Reject(RejectedNone, 0);
            _rejectionText = server.LastRejection;
            if (answer > 0)
            {
                SendFrame(device, cluster, answer);
            }
        }

        /// <summary>ZCL: a frame for a cluster the endpoint lacks gets Default Response UNSUPPORTED_CLUSTER, unless it was broadcast or is itself a Default Response.</summary>
        private void RefuseCluster(ulong device, ushort cluster, bool unicast, byte[] buffer, int offset, int length)
        {
            UnsupportedClusters++;
            Reject(RejectedCluster, cluster);
            _reader.Reset(buffer, offset, length);
            if (!unicast || !_header.Decode(_reader)
                || (_header.FrameType == ZclHeader.FrameTypeGlobal && _header.CommandId == ZclGlobalCommand.DefaultResponse))
            {
                return;
            }

            _writer.Reset(_frame, ApsLayer.HeaderRoom);
            DefaultResponse.Encode(_writer, !_header.ServerToClient, _header.Sequence, _header.CommandId, ZclStatus.UnsupportedCluster);
            SendFrame(device, cluster, _writer.Length);
        }

        private bool Secures(ulong device, ushort cluster)
        {
            return SmartEnergySecurityPolicy.RequiresApsSecurity(cluster) && (IsAuthorised(device) || CameSecured(device));
        }

        private bool SendFrame(ulong device, ushort cluster, int length)
        {
            int shortAddress = ShortOf(device);
            if (shortAddress < 0 || length > Capacity(device, cluster))
            {
                SendFailures++;
                return false;
            }

            int handle = _aps.SendData((ushort)shortAddress, EndpointOf(device), cluster, SmartEnergyEndpoint.Profile,
                SmartEnergyEndpoint.Endpoint, _frame, ApsLayer.HeaderRoom, length, false, Secures(device, cluster));
            if (handle < 0)
            {
                SendFailures++;
                return false;
            }

            return true;
        }

        /// <summary>The device's short address, as a child or a device beyond a router; -1 when the NWK layer knows neither.</summary>
        private int ShortOf(ulong device)
        {
            int i = _nwk.Neighbours.IndexOf(device);
            if (i >= 0)
            {
                return _nwk.Neighbours.ShortAt(i);
            }

            i = _nwk.KnownDevices.IndexOf(device);
            return i >= 0 ? _nwk.KnownDevices.ShortAt(i) : -1;
        }

        private void Remember(ulong device, byte endpoint, bool secured)
        {
            for (int i = 0; i < Devices; i++)
            {
                if (_device[i] == device)
                {
                    _endpoint[i] = endpoint;
                    _secured[i] = secured;
                    return;
                }
            }

            _device[_nextSlot] = device;
            _endpoint[_nextSlot] = endpoint;
            _secured[_nextSlot] = secured;
            _nextSlot = (_nextSlot + 1) % Devices;
        }

        /// <summary>Whether the device's last frame to the endpoint came APS-secured.</summary>
        private bool CameSecured(ulong device)
        {
            for (int i = 0; i < Devices; i++)
            {
                if (_device[i] == device)
                {
                    return _secured[i];
                }
            }

            return false;
        }

        private byte EndpointOf(ulong device)
        {
            for (int i = 0; i < Devices; i++)
            {
                if (_device[i] == device)
                {
                    return _endpoint[i];
                }
            }

            return SmartEnergyEndpoint.Endpoint;
        }
    }
}
