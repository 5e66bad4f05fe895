using CommsHub.Mac;
using CommsHub.Mac.Coordinator;
using CommsHub.Platform;
using CommsHub.Security;

namespace CommsHub.Nwk
{
    /// <summary>
    /// The hub's NWK layer over the coordinator MAC. Up: decodes each MAC data frame, checks it is secured with the
    /// active network key by a known device (a neighbour, or a device known by EUI-64 beyond one) with a fresh frame
    /// counter, decrypts it in place and hands the payload up, answers the NWK commands that keep the network (this
    /// file's partners: membership and routing), and relays a unicast for another device; anything else is dropped
    /// and counted by reason. Down: writes the NWK header in front of a payload the layer above placed with
    /// <see cref="HeaderRoom"/> bytes free before it and <see cref="MicRoom"/> after, adds the source route a
    /// destination beyond the neighbours needs, secures it with the next outgoing frame counter and gives it to the
    /// MAC, which holds it for a sleepy child's poll. No allocation per frame.
    /// </summary>
    public sealed partial class NwkLayer
    {
        /// <summary>NWK header without options: frame control, addresses, radius, sequence.</summary>
        private const int FixedHeader = 8;

        /// <summary>Auxiliary header with extended nonce source and key sequence.</summary>
        private const int AuxiliaryRoom = 14;

        /// <summary>Largest source route subframe the hub writes: relay count, relay index and the relays.</summary>
        public const int SourceRouteRoom = 2 + 2 * SourceRouteTable.MaxRelays;

        /// <summary>Largest NWK header the hub writes in front of a data payload: source route and auxiliary header included.</summary>
        public const int HeaderRoom = FixedHeader + SourceRouteRoom + AuxiliaryRoom;

        /// <summary>MIC bytes at nwkSecurityLevel 5.</summary>
        public const int MicRoom = 4;

        /// <summary>MAC payload with short addresses on both sides (127 - 9 header - 2 FCS).</summary>
        public const int MacPayloadMax = 116;

        /// <summary>Largest payload a secured NWK frame from the hub carries to a neighbour (no source route).</summary>
        public const int MaxSecuredPayload = MacPayloadMax - FixedHeader - AuxiliaryRoom - MicRoom;

        /// <summary>[decision] nwkMaxDepth 15 doubled, the Zigbee PRO default radius.</summary>
        public const byte DefaultRadius = 30;

        /// <summary>[decision] Devices known by EUI-64 beyond the neighbours (children of routers): a GB HAN holds a handful.</summary>
        public const int KnownDeviceCapacity = 16;

        public const int RouterCapacity = 16;

        public const int SourceRouteCapacity = 16;

        public const int BroadcastTransactionCapacity = 16;

        /// <summary>No neighbour, router or source route reaches the destination (a many-to-one route request follows).</summary>
        public const int SendUnknownDestination = -1;
        public const int SendNoFrameCounter = -2;
        public const int SendTooLong = -3;

        private const ushort Hub = CoordinatorMac.CoordinatorShortAddress;
        private const int ResolveHop = -1;

        /// <summary>Where a command payload starts in <see cref="_commandFrame"/>: room for both IEEE addresses too.</summary>
        private const int CommandOffset = HeaderRoom + 16;

        private readonly CoordinatorMac _mac;
        private readonly IClock _clock;
        private readonly INwkFrameCounter _counter;
        private readonly NetworkParameters _network;
        private readonly ulong _hub;
        private readonly FrameSecurity _security;
        private readonly NeighbourTable _neighbours;
        private readonly NeighbourTable _known;
        private readonly NwkHeader _rx = new NwkHeader();
        private readonly NwkHeader _tx = new NwkHeader();
        private readonly int[] _drops = new int[NwkDrop.Count];
        private byte _sequence;

        public event NwkDataIndicationHandler DataIndication;

        public event NwkCommandIndicationHandler CommandIndication;

        public NwkLayer(CoordinatorMac mac, IAesBlock aes, INwkFrameCounter counter, NetworkParameters network, ulong hubEui64, int neighbourCapacity)
            : this(mac, aes, counter, network, hubEui64, neighbourCapacity, null)
        {
        }

        /// <summary>
        /// With a <paramref name="clock"/>, <see cref="Process"/> does the periodic work (link status, many-to-one route
        /// requests, end device timeouts) and broadcasts age out of the transaction table; without one, none of that runs.
        /// </summary>
        public NwkLayer(CoordinatorMac mac, IAesBlock aes, INwkFrameCounter counter, NetworkParameters network, ulong hubEui64, int neighbourCapacity, IClock clock)
        {
            _mac = mac;
            _clock = clock;
            _counter = counter;
            _network = network;
            _hub = hubEui64;
            _security = new FrameSecurity(aes);
            _neighbours = new NeighbourTable(neighbourCapacity);
            _known = new NeighbourTable(KnownDeviceCapacity);
            _mac.DataIndication += OnMacData;
            _mac.DataConfirm += OnMacConfirm;
            _mac.ChildAssociated += OnChildAssociated;
            _mac.ChildLeft += OnChildLeft;
            _mac.ChildPolled += OnChildPolled;
            long now = Now();
            _nextLinkStatus = now + RoutingPolicy.LinkStatusPeriodMilliseconds;
            _nextRouteRequest = now + RoutingPolicy.ConcentratorFirstMilliseconds;
        }

        public NeighbourTable Neighbours
        {
            get { return _neighbours; }
        }

        /// <summary>Devices the hub accepts frames from and sends to by EUI-64 and short address that are not its children.</summary>
        public NeighbourTable KnownDevices
        {
            get { return _known; }
        }

        public NetworkParameters Network
        {
            get { return _network; }
        }

        public ulong HubEui64
        {
            get { return _hub; }
        }

        /// <summary>Frames dropped for <paramref name="reason"/> (an <see cref="NwkDrop"/> value) since start.</summary>
        public int Dropped(int reason)
        {
            return _drops[reason];
        }

        /// <summary>Why the latest dropped frame was dropped, naming the field or check that failed.</summary>
        public string LastDrop { get; private set; }

        /// <summary>Frames handed up (data and commands).</summary>
        public int Delivered { get; private set; }

        /// <summary>
        /// Sends a secured NWK data frame to a device or broadcast address: a neighbour directly, a device beyond by its
        /// source route. The payload is at <paramref name="payloadOffset"/> with <see cref="HeaderRoom"/> bytes before
        /// it and <see cref="MicRoom"/> after it in <paramref name="buffer"/>. Returns the MAC's handle, or a negative
        /// Send... value.
        /// </summary>
        public int SendData(ushort destination, byte[] buffer, int payloadOffset, int payloadLength)
        {
            return Send(NwkFrameType.Data, destination, buffer, payloadOffset, payloadLength, true);
        }

        /// <summary>
        /// Sends a NWK data frame without NWK security: only for the trust centre's Transport-Key to a device that has
        /// no network key yet (its APS frame is secured with the key-transport key).
        /// </summary>
        public int SendUnsecured(ushort destination, byte[] buffer, int payloadOffset, int payloadLength)
        {
            return Send(NwkFrameType.Data, destination, buffer, payloadOffset, payloadLength, false);
        }

        /// <summary>Sends a secured NWK command frame (payload starts with the command id).</summary>
        public int SendCommand(ushort destination, byte[] buffer, int payloadOffset, int payloadLength)
        {
            return Send(NwkFrameType.Command, destination, buffer, payloadOffset, payloadLength, true);
        }

        /// <summary>
        /// The largest payload a secured frame to <paramref name="destination"/> carries now: less than
        /// <see cref="MaxSecuredPayload"/> by the source route subframe when the destination is beyond the neighbours.
        /// </summary>
        public int MaxSecuredPayloadTo(ushort destination)
        {
            if (destination >= 0xFFF8 || _neighbours.IndexOfShort(destination) >= 0 || _routers.IndexOfShort(destination) >= 0)
            {
                return MaxSecuredPayload;
            }

            int route = _routes.IndexOf(destination);
            int relays = route < 0 ? 0 : _routes.RelayCountAt(route);
            return relays <= RoutingPolicy.RelaysReachedWithoutSourceRoute ? MaxSecuredPayload : MaxSecuredPayload - 2 - 2 * relays;
        }

        private int Send(int frameType, ushort destination, byte[] buffer, int payloadOffset, int payloadLength, bool secure)
        {
            _tx.Reset();
            _tx.FrameType = frameType;
            _tx.Destination = destination;
            _tx.Source = Hub;
            _tx.Radius = DefaultRadius;
            _tx.Security = secure;
            _tx.Sequence = _sequence;
            return Transmit(buffer, payloadOffset, payloadLength, ResolveHop, 0);
        }

        /// <summary>
        /// Completes <see cref="_tx"/> (source route, auxiliary header), writes it in front of the payload, secures the
        /// frame and hands it to the MAC: to <paramref name="macExtended"/> when not 0, else to
        /// <paramref name="hop"/> when not <see cref="ResolveHop"/>, else to the next hop towards the destination.
        /// </summary>
        private int Transmit(byte[] buffer, int payloadOffset, int payloadLength, int hop, ulong macExtended)
        {
            ushort destination = _tx.Destination;
            bool broadcast = destination >= 0xFFF8;
            if (!broadcast && macExtended == 0 && hop == ResolveHop)
            {
                hop = NextHop(destination);
                if (hop == ResolveHop)
                {
                    RequestRoutesSoon();
                    return SendUnknownDestination;
                }
            }

            int headerLength = NwkFrameCodec.HeaderLength(_tx);
            int micLength = _tx.Security ? MicRoom : 0;
            if (_tx.SourceRoute && _tx.RelayCount <= RoutingPolicy.RelaysReachedWithoutSourceRoute && headerLength + payloadLength + micLength > MacPayloadMax)
            {
                // Only the relay is between: it reaches the destination itself, so the frame fits without the subframe.
                _tx.SourceRoute = false;
                _tx.RelayCount = 0;
                _tx.RelayIndex = 0;
                headerLength = NwkFrameCodec.HeaderLength(_tx);
            }

            int start = payloadOffset - headerLength;
            if (start < 0 || headerLength + payloadLength + micLength > MacPayloadMax
                || payloadOffset + payloadLength + micLength > buffer.Length
                || (macExtended != 0 && headerLength + payloadLength + micLength > MacPayloadMax - 6))
            {
                return SendTooLong;
            }

            if (_tx.Security)
            {
                uint counter;
                if (!_counter.TryNext(out counter))
                {
                    return SendNoFrameCounter;
                }

                _tx.Auxiliary.KeyId = AuxiliaryHeader.KeyIdNetwork;
                _tx.Auxiliary.ExtendedNonce = true;
                _tx.Auxiliary.Source = _hub;
                _tx.Auxiliary.FrameCounter = counter;
                _tx.Auxiliary.KeySequence = _network.KeySequence;
            }

            if (_tx.Source == Hub)
            {
                _sequence = (byte)(_tx.Sequence + 1);
            }

            NwkFrameCodec.EncodeHeader(_tx, buffer, start);
            int length = headerLength + payloadLength;
            if (_tx.Security)
            {
                // The AES seam is shared with the APS layer, so the key is loaded for every frame.
                _security.SetKey(_network.NetworkKey, 0);
                length = _security.Secure(buffer, start, headerLength, payloadLength, _tx.Auxiliary, _hub);
                if (length < 0)
                {
                    return SendTooLong;
                }
            }

            if (broadcast)
            {
                // Routers relay it back to us: the hub's own broadcast is not news.
                _broadcasts.Record(_tx.Source, _tx.Sequence, Now());
                return _mac.SendData(MacAddress.BroadcastShort, buffer, start, length);
            }

            return macExtended != 0
                ? _mac.SendDataExtended(macExtended, _rejoinRxOn, buffer, start, length)
                : _mac.SendDataDirect((ushort)hop, buffer, start, length);
        }

        /// <summary>The MAC destination towards <paramref name="destination"/>, filling in the source route; or <see cref="ResolveHop"/>.</summary>
        private int NextHop(ushort destination)
        {
            if (_neighbours.IndexOfShort(destination) >= 0 || _routers.IndexOfShort(destination) >= 0)
            {
                return destination;
            }

            int route = _routes.IndexOf(destination);
            if (route < 0)
            {
                return ResolveHop;
            }

            int relays = _routes.RelayCountAt(route);
            if (relays == 0)
            {
                return destination;
            }

            _tx.SourceRoute = true;
            _tx.RelayCount = relays;
            _tx.RelayIndex = relays - 1;
            for (int i = 0; i < relays; i++)
            {
                _tx.Relays[i] = _routes.RelayAt(route, i);
            }

            return _tx.Relays[relays - 1];
        }

        private void OnMacData(MacFrame frame, byte linkQuality)
        {
            byte[] buffer = frame.Payload;
            string problem = NwkFrameCodec.Decode(buffer, frame.PayloadOffset, frame.PayloadLength, _rx, _security.Level);
            if (problem != null)
            {
                Drop(problem.IndexOf("auxiliary header:") == 0 ? NwkDrop.TruncatedAuxiliaryHeader : NwkDrop.Malformed, problem);
                return;
            }

            ushort destination = _rx.Destination;
            bool broadcast = destination >= 0xFFFC;
            bool forUs = destination == Hub || broadcast;
            if (!forUs && (destination >= 0xFFF8 || _rx.Radius <= 1))
            {
                Drop(NwkDrop.NotForUs, "NWK destination is neither the hub nor a broadcast address, and the frame cannot be relayed");
                return;
            }

            if (!_rx.Security)
            {
                if (forUs && IsRejoinRequest(buffer))
                {
                    OnUnsecuredRejoin(frame);
                    return;
                }

                Drop(NwkDrop.Unsecured, "NWK frame without security");
                return;
            }

            if (_rx.Auxiliary.KeySequence != _network.KeySequence)
            {
                Drop(NwkDrop.WrongKeySequence, "NWK key sequence number is not the active network key's");
                return;
            }

            // A relayed frame names its originator as NWK source but the last hop (or the originator) in the auxiliary
            // header: freshness is per auxiliary source, wherever it sits in the network.
            NeighbourTable table = _neighbours;
            int index = _neighbours.IndexOf(_rx.Auxiliary.Source);
            if (index < 0)
            {
                table = _known;
                index = _known.IndexOf(_rx.Auxiliary.Source);
            }

            // A device the hub does not know may still rejoin with the network key, if the trust centre admits it.
            bool stranger = index < 0;
            if (stranger && !(forUs && _rx.FrameType == NwkFrameType.Command && RejoinAdmission != null))
            {
                Drop(NwkDrop.UnknownNeighbour, "NWK auxiliary header source is neither a neighbour nor a known device");
                return;
            }

            long now = Now();
            if (broadcast && _broadcasts.Contains(_rx.Source, _rx.Sequence, now))
            {
                Drop(NwkDrop.DuplicateBroadcast, "NWK broadcast already heard (same source and sequence number)");
                return;
            }

            if (!stranger && !table.IsFresh(index, _rx.Auxiliary.FrameCounter))
            {
                Drop(NwkDrop.Replayed, "NWK frame counter is not greater than the last one accepted from that source");
                return;
            }

            _security.SetKey(_network.NetworkKey, 0);
            problem = _security.Unsecure(buffer, frame.PayloadOffset, _rx.HeaderLength, _rx.PayloadLength, _rx.Auxiliary, _rx.Auxiliary.Source);
            if (problem != null)
            {
                Drop(NwkDrop.BadMic, problem);
                return;
            }

            if (stranger)
            {
                if (!IsRejoinRequest(buffer))
                {
                    Drop(NwkDrop.UnknownNeighbour, "NWK auxiliary header source is neither a neighbour nor a known device");
                    return;
                }

                OnSecuredRejoin(frame);
                return;
            }

            // Only a frame whose MIC verified moves the counter on, so forgeries cannot lock a device out.
            table.Accept(index, _rx.Auxiliary.FrameCounter);
            if (_rx.HasSourceIeee && IsAddressConflict(_rx.Source, _rx.SourceIeee))
            {
                OnAddressConflict(_rx.Source);
                return;
            }

            if (table == _neighbours)
            {
                _neighbours.Heard(index, now);
            }

            if (broadcast)
            {
                _broadcasts.Record(_rx.Source, _rx.Sequence, now);
            }

            if (!forUs)
            {
                Relay(frame);
                return;
            }

            Delivered++;
            if (_rx.FrameType == NwkFrameType.Command)
            {
                if (!OnCommand(frame, linkQuality))
                {
                    return;
                }

                NwkCommandIndicationHandler commands = CommandIndication;
                if (commands != null)
                {
                    commands(_rx, buffer, _rx.PayloadOffset, _rx.PayloadLength);
                }

                return;
            }

            NwkDataIndicationHandler data = DataIndication;
            if (data != null)
            {
                data(_rx, buffer, _rx.PayloadOffset, _rx.PayloadLength);
            }
        }

        private bool IsRejoinRequest(byte[] buffer)
        {
            return _rx.FrameType == NwkFrameType.Command && _rx.PayloadLength >= 1 && buffer[_rx.PayloadOffset] == NwkCommandId.RejoinRequest;
        }

        private void OnChildAssociated(ulong extendedAddress, ushort shortAddress)
        {
            int child = _mac.Children.IndexOf(extendedAddress);
            bool rxOn = child >= 0 && _mac.Children.RxOnWhenIdleAt(child);
            _known.Remove(extendedAddress);
            _neighbours.Put(extendedAddress, shortAddress, rxOn);
            _neighbours.RestartCounter(extendedAddress);
            int index = _neighbours.IndexOf(extendedAddress);
            if (index >= 0)
            {
                _neighbours.Heard(index, Now());
            }
        }

        private void OnChildLeft(ulong extendedAddress, ushort shortAddress)
        {
            _neighbours.Remove(extendedAddress);
        }

        private void OnChildPolled(ulong extendedAddress, ushort shortAddress)
        {
            int index = _neighbours.IndexOf(extendedAddress);
            if (index >= 0)
            {
                _neighbours.Heard(index, Now());
            }
        }

        private long Now()
        {
            return _clock == null ? 0 : _clock.MonotonicMilliseconds;
        }

        private void Drop(int reason, string why)
        {
            _drops[reason]++;
            LastDrop = why;
        }
    }
}
