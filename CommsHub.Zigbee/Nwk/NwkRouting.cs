using CommsHub.Mac;

namespace CommsHub.Nwk
{
    /// <summary>
    /// The hub as the HAN's concentrator: periodic link status and many-to-one route requests, the source route table
    /// filled by route records, route replies for routes to the hub, network status both ways, and relaying a unicast
    /// one hop further.
    /// </summary>
    public sealed partial class NwkLayer
    {
        /// <summary>Network Status codes (Zigbee specification Table 3-50) the hub sends or acts on.</summary>
        public const byte StatusNoRouteAvailable = 0x00;
        public const byte StatusTreeLinkFailure = 0x01;
        public const byte StatusNonTreeLinkFailure = 0x02;
        public const byte StatusSourceRouteFailure = 0x0B;
        public const byte StatusManyToOneRouteFailure = 0x0C;
        public const byte StatusAddressConflict = 0x0D;

        private const byte LinkStatusFirstAndLast = 0x60;
        private const int RouteRequestManyToOneShift = 3;
        private const int RouteRequestManyToOneMask = 0x18;

        private readonly SourceRouteTable _routes = new SourceRouteTable(SourceRouteCapacity);
        private readonly RouterNeighbourTable _routers = new RouterNeighbourTable(RouterCapacity);
        private readonly BroadcastTransactionTable _broadcasts = new BroadcastTransactionTable(BroadcastTransactionCapacity);
        private readonly byte[] _relayFrame = new byte[HeaderRoom + MacPayloadMax];
        private long _nextLinkStatus;
        private long _nextRouteRequest;
        private byte _routeRequestId;

        public SourceRouteTable SourceRoutes
        {
            get { return _routes; }
        }

        public RouterNeighbourTable Routers
        {
            get { return _routers; }
        }

        /// <summary>Unicasts relayed for other devices.</summary>
        public int Relayed { get; private set; }

        /// <summary>Many-to-one route requests sent.</summary>
        public int RouteRequestsSent { get; private set; }

        /// <summary>Link status commands sent.</summary>
        public int LinkStatusSent { get; private set; }

        /// <summary>
        /// Periodic work, from the main loop: forgets a child silent past its end device timeout, sends the link status
        /// and the many-to-one route request when due. Each call sends at most one frame of each.
        /// </summary>
        public void Process()
        {
            if (_clock == null)
            {
                return;
            }

            long now = _clock.MonotonicMilliseconds;
            AgeChildren(now);
            if (now >= _nextLinkStatus)
            {
                _nextLinkStatus = now + RoutingPolicy.LinkStatusPeriodMilliseconds;
                _routers.Age(RoutingPolicy.RouterAgeLimit);
                SendLinkStatus();
            }

            if (now >= _nextRouteRequest)
            {
                _nextRouteRequest = now + RoutingPolicy.ConcentratorPeriodMilliseconds;
                SendManyToOneRouteRequest();
            }
        }

        /// <summary>A send found no route: bring the next many-to-one route request forward, not sooner than the policy allows.</summary>
        private void RequestRoutesSoon()
        {
            long soonest = _lastRouteRequest + RoutingPolicy.ConcentratorSoonestMilliseconds;
            if (_clock != null && _nextRouteRequest > soonest)
            {
                long now = _clock.MonotonicMilliseconds;
                _nextRouteRequest = soonest > now ? soonest : now;
            }
        }

        private long _lastRouteRequest;

        private int SendManyToOneRouteRequest()
        {
            _lastRouteRequest = Now();
            _txCommand.CommandId = NwkCommandId.RouteRequest;
            _txCommand.Options = (byte)(RoutingPolicy.ManyToOneNoRouteCache << RouteRequestManyToOneShift);
            _txCommand.RequestId = ++_routeRequestId;
            _txCommand.Address = 0xFFFC;
            _txCommand.PathCost = 0;
            int handle = SendCommandPayload(0xFFFC, RoutingPolicy.ConcentratorRadius, true, 0, ResolveHop, 0);
            if (handle > 0)
            {
                RouteRequestsSent++;
            }

            return handle;
        }

        /// <summary>One Link Status frame: the routers heard, in ascending short address order, with both link costs.</summary>
        private int SendLinkStatus()
        {
            int count = 0;
            int last = -1;
            while (count < _routers.Capacity && count < NwkCommandCodec.ListCountMask)
            {
                int next = -1;
                for (int i = 0; i < _routers.Capacity; i++)
                {
                    if (_routers.IsUsedAt(i) && _routers.ShortAt(i) > last
                        && (next < 0 || _routers.ShortAt(i) < _routers.ShortAt(next)))
                    {
                        next = i;
                    }
                }

                if (next < 0)
                {
                    break;
                }

                last = _routers.ShortAt(next);
                _txCommand.Addresses[count] = _routers.ShortAt(next);
                _txCommand.Costs[count] = (byte)((_routers.IncomingCostAt(next) & 7) | ((_routers.OutgoingCostAt(next) & 7) << 4));
                count++;
            }

            _txCommand.CommandId = NwkCommandId.LinkStatus;
            _txCommand.Options = LinkStatusFirstAndLast;
            _txCommand.Count = count;
            int handle = SendCommandPayload(0xFFFC, 1, true, 0, ResolveHop, 0);
            if (handle > 0)
            {
                LinkStatusSent++;
            }

            return handle;
        }

        /// <summary>Acts on a NWK command for the hub; false when it was dropped (and counted).</summary>
        private bool OnCommand(MacFrame frame, byte linkQuality)
        {
            string problem = NwkCommandCodec.Decode(frame.Payload, _rx.PayloadOffset, _rx.PayloadLength, _rxCommand);
            if (problem != null)
            {
                Drop(NwkDrop.MalformedCommand, problem);
                return false;
            }

            int before = TotalDrops();
            switch (_rxCommand.CommandId)
            {
                case NwkCommandId.Leave:
                    OnLeave();
                    break;
                case NwkCommandId.RejoinRequest:
                    OnSecuredRejoin(frame);
                    break;
                case NwkCommandId.EndDeviceTimeoutRequest:
                    OnEndDeviceTimeoutRequest();
                    break;
                case NwkCommandId.LinkStatus:
                    OnLinkStatus(frame, linkQuality);
                    break;
                case NwkCommandId.RouteRecord:
                    OnRouteRecord();
                    break;
                case NwkCommandId.RouteRequest:
                    OnRouteRequest(frame, linkQuality);
                    break;
                case NwkCommandId.NetworkStatus:
                    OnNetworkStatus();
                    break;
                default:
                    // Route replies, rejoin and timeout responses, network report/update: nothing the coordinator acts on.
                    break;
            }

            return TotalDrops() == before;
        }

        private int TotalDrops()
        {
            int n = 0;
            for (int i = 0; i < NwkDrop.Count; i++)
            {
                n += _drops[i];
            }

            return n;
        }

        private void OnLinkStatus(MacFrame frame, byte linkQuality)
        {
            if (frame.Source.Mode != MacAddressMode.Short || frame.Source.Short != _rx.Source || _rx.Source == Hub)
            {
                Drop(NwkDrop.MalformedCommand, "link status not sent by the neighbour it names as NWK source");
                return;
            }

            byte outgoing = 0;
            for (int i = 0; i < _rxCommand.Count; i++)
            {
                if (_rxCommand.Addresses[i] == Hub)
                {
                    outgoing = (byte)(_rxCommand.Costs[i] & 7);
                }
            }

            _routers.Heard(_rx.Source, _rx.Auxiliary.Source, RoutingPolicy.CostFromLinkQuality(linkQuality), outgoing);
        }

        private void OnRouteRecord()
        {
            if (_rxCommand.Count > SourceRouteTable.MaxRelays)
            {
                Drop(NwkDrop.RouteTooLong, "route record names more relays than the source route table keeps");
                return;
            }

            if (_rx.Source == Hub || _rx.Source >= 0xFFF8)
            {
                Drop(NwkDrop.MalformedCommand, "route record from a NWK source that is not a device address");
                return;
            }

            _routes.Put(_rx.Source, _rxCommand.Addresses, _rxCommand.Count);
        }

        /// <summary>Answers a route discovery for the hub with a Route Reply to the neighbour the request came through.</summary>
        private void OnRouteRequest(MacFrame frame, byte linkQuality)
        {
            bool manyToOne = (_rxCommand.Options & RouteRequestManyToOneMask) != 0;
            bool forHub = _rxCommand.Address == Hub
                || ((_rxCommand.Options & NwkCommandCodec.RouteRequestDestinationIeee) != 0 && _rxCommand.Ieee == _hub);
            if (manyToOne || !forHub)
            {
                // The hub takes no part in other devices' route discovery.
                return;
            }

            if (frame.Source.Mode != MacAddressMode.Short)
            {
                Drop(NwkDrop.MalformedCommand, "route request relayed from a neighbour without a short address");
                return;
            }

            ushort previous = frame.Source.Short;
            ushort originator = _rx.Source;
            bool originatorIeee = _rx.HasSourceIeee;
            ulong originatorEui = _rx.SourceIeee;
            int cost = _rxCommand.PathCost + RoutingPolicy.CostFromLinkQuality(linkQuality);
            _txCommand.CommandId = NwkCommandId.RouteReply;
            _txCommand.Options = (byte)(NwkCommandCodec.RouteReplyResponderIeee | (originatorIeee ? NwkCommandCodec.RouteReplyOriginatorIeee : 0));
            _txCommand.RequestId = _rxCommand.RequestId;
            _txCommand.Originator = originator;
            _txCommand.Responder = Hub;
            _txCommand.PathCost = (byte)(cost > 255 ? 255 : cost);
            _txCommand.Ieee = originatorEui;
            _txCommand.SecondIeee = _hub;
            SendCommandPayload(previous, DefaultRadius, true, 0, previous, 0);
        }

        private void OnNetworkStatus()
        {
            byte status = _rxCommand.Status;
            if (status == StatusNoRouteAvailable || status == StatusTreeLinkFailure || status == StatusNonTreeLinkFailure
                || status == StatusSourceRouteFailure)
            {
                // The route the hub used is broken: forget it and ask for fresh route records.
                _routes.Remove(_rxCommand.Address);
                RequestRoutesSoon();
            }
        }

        /// <summary>
        /// Relays a verified unicast for another device one hop on, re-secured with the hub's own counter (NWK security
        /// is hop by hop); with no route, tells the originator with a Network Status.
        /// </summary>
        private void Relay(MacFrame frame)
        {
            ushort destination = _rx.Destination;
            ushort originator = _rx.Source;
            bool sourceRouted = _rx.SourceRoute;
            int length = _rx.PayloadLength;
            if (sourceRouted || length > MacPayloadMax)
            {
                // The hub is the concentrator: no source route ever runs through it.
                RelayFailed(originator, destination, StatusSourceRouteFailure);
                return;
            }

            System.Array.Copy(frame.Payload, _rx.PayloadOffset, _relayFrame, HeaderRoom, length);
            int frameType = _rx.FrameType;
            byte radius = (byte)(_rx.Radius - 1);
            byte sequence = _rx.Sequence;
            int discover = _rx.DiscoverRoute;
            _tx.Reset();
            _tx.FrameType = frameType;
            _tx.DiscoverRoute = discover;
            _tx.Destination = destination;
            _tx.Source = originator;
            _tx.Radius = radius;
            _tx.Sequence = sequence;
            _tx.Security = true;
            int handle = Transmit(_relayFrame, HeaderRoom, length, ResolveHop, 0);
            if (handle > 0)
            {
                Relayed++;
                return;
            }

            RelayFailed(originator, destination, StatusNoRouteAvailable);
        }

        /// <summary>True when <paramref name="shortAddress"/> belongs to a device other than <paramref name="eui"/>.</summary>
        private bool IsAddressConflict(ushort shortAddress, ulong eui)
        {
            int index = _neighbours.IndexOfShort(shortAddress);
            if (index >= 0)
            {
                return _neighbours.ExtendedAt(index) != eui;
            }

            index = _known.IndexOfShort(shortAddress);
            return index >= 0 && _known.ExtendedAt(index) != eui;
        }

        /// <summary>
        /// Two devices use one short address: the frame cannot be attributed, so it is dropped, and every device whose
        /// receiver is on hears a Network Status (address conflict) naming the address, so its owner picks another.
        /// </summary>
        private void OnAddressConflict(ushort shortAddress)
        {
            Drop(NwkDrop.AddressConflict, "NWK source IEEE address is not the device the hub knows that short address by");
            AddressConflicts++;
            _txCommand.CommandId = NwkCommandId.NetworkStatus;
            _txCommand.Status = StatusAddressConflict;
            _txCommand.Address = shortAddress;
            SendCommandPayload(0xFFFD, DefaultRadius, true, 0, ResolveHop, 0);
        }

        /// <summary>Short addresses seen used by two EUI-64s.</summary>
        public int AddressConflicts { get; private set; }

        private void RelayFailed(ushort originator, ushort destination, byte status)
        {
            Drop(NwkDrop.NoRoute, "no route to relay a frame to its NWK destination; the originator is told");
            _txCommand.CommandId = NwkCommandId.NetworkStatus;
            _txCommand.Status = status;
            _txCommand.Address = destination;
            SendCommandPayload(originator, DefaultRadius, true, 0, ResolveHop, 0);
        }
    }
}
