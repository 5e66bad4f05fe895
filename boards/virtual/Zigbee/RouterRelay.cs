using System;
using System.Collections.Generic;
using CommsHub.Aps;
using CommsHub.Nwk;
using CommsHub.Platform;

namespace CommsHub.VirtualBoard.Zigbee
{
    /// <summary>
    /// What a Zigbee PRO router does with frames that are not for itself, over a two-level tree (the hub, this router,
    /// its children):
    /// - NWK security is hop by hop: a relayed frame is opened with the network key (the previous hop's frame
    ///   counter checked) and sealed again under this router's own address and outgoing counter; the NWK header's
    ///   source, destination and sequence stay the originator's, the radius goes down by one.
    /// - Toward a concentrator (a many-to-one route request), the router sends a Route Record on an end-device child's
    ///   behalf (source = the child, relay list = this router) ahead of the child's relayed frames, and one of its own
    ///   ahead of its own frames: once after each request when the concentrator keeps a route record table (many-to-one
    ///   1), before every frame when it does not (many-to-one 2, no route cache: it may have dropped the route).
    /// - A source-routed frame goes to relay[index - 1] after the index is decremented, or to the destination when
    ///   the index is already 0 (relay 0 is the relay nearest the destination).
    /// - A Tunnel command from the trust centre carries an APS-secured Transport-Key for a child that has no network
    ///   key yet: it goes to that child in a NWK frame without NWK security.
    /// - A child's join is reported to the trust centre in an Update-Device (APS command under the router's link key).
    /// </summary>
    public sealed class RouterRelay
    {
        public const byte ManyToOneWithRouteRecord = 1;

        /// <summary>Many-to-one 2: the concentrator keeps no route record table, so every frame to it needs a Route Record.</summary>
        public const byte ManyToOneNoRouteCache = 2;

        private readonly ZigbeeNode _node;
        private readonly NwkHeader _header = new();
        private readonly HashSet<ushort> _recorded = new();

        public RouterRelay(ZigbeeNode node)
        {
            _node = node;
            node.NwkCommandReceived += OnNwkCommand;
            node.Mac.ChildAssociated += OnChildAssociated;
        }

        /// <summary>The concentrator's address, once a many-to-one route request was heard from it.</summary>
        public ushort? Concentrator { get; private set; }

        public bool RouteRecordRequired { get; private set; }

        /// <summary>The concentrator keeps no route record table: a Route Record goes ahead of every frame to it.</summary>
        public bool NoRouteCache { get; private set; }

        public int Relayed { get; private set; }

        public int RouteRecordsSent { get; private set; }

        public int TunnelsRelayed { get; private set; }

        public int Dropped { get; private set; }

        public string LastDrop { get; private set; }

        /// <summary>Children that joined through this router: EUI-64 and short address.</summary>
        public event Action<ulong, ushort> ChildJoined;

        /// <summary>The next hop toward <paramref name="destination"/>: a child directly, everything else up the tree.</summary>
        public ushort NextHop(ushort destination)
        {
            return _node.Mac.IsChild(destination) ? destination : _node.Mac.ParentShortAddress;
        }

        /// <summary>Takes a frame that is not for this router; false for frames it reads itself.</summary>
        public bool Intercept(ushort macSource, byte[] msdu)
        {
            if (NwkFrameCodec.Decode(msdu, 0, msdu.Length, _header, CommsHub.Security.SecurityLevel.Zigbee) != null)
            {
                return false;
            }

            ushort destination = _header.Destination;
            if (destination >= 0xFFF8 && _node.Mac.IsChild(macSource) && macSource == _header.Source)
            {
                // An end device hands its broadcasts (a Match_Desc_req, say) to its parent, which sends them on.
                return RebroadcastForChild(msdu);
            }

            if (destination == _node.ShortAddress || destination >= 0xFFF8)
            {
                return false;
            }

            byte[] payload = _node.Nwk.Open(msdu, _header);
            if (payload == null)
            {
                return Drop("relayed frame dropped by NWK: " + _node.Nwk.LastDrop);
            }

            if (_header.Radius <= 1)
            {
                return Drop("radius exhausted");
            }

            _header.Radius--;
            ushort nextHop;
            if (_header.SourceRoute)
            {
                if (_header.RelayIndex == 0)
                {
                    nextHop = destination;
                }
                else
                {
                    _header.RelayIndex--;
                    nextHop = _header.Relays[_header.RelayIndex];
                }
            }
            else
            {
                nextHop = NextHop(destination);
            }

            if (Concentrator.HasValue && destination == Concentrator.Value && RouteRecordRequired && _node.Mac.IsChild(_header.Source)
                && (_recorded.Add(_header.Source) || NoRouteCache))
            {
                SendRouteRecord(_header.Source, new[] { _node.ShortAddress });
            }

            Relayed++;
            _node.Mac.SendData(nextHop, _node.Nwk.Seal(_header, payload));
            return true;
        }

        private bool RebroadcastForChild(byte[] msdu)
        {
            byte[] payload = _node.Nwk.Open(msdu, _header);
            if (payload == null)
            {
                return Drop("child's broadcast dropped by NWK: " + _node.Nwk.LastDrop);
            }

            if (_header.Radius <= 1)
            {
                return Drop("radius exhausted");
            }

            _header.Radius--;
            if (Concentrator.HasValue && RouteRecordRequired && (_recorded.Add(_header.Source) || NoRouteCache))
            {
                // The concentrator will answer the child: it needs the route first, as for the child's unicasts.
                SendRouteRecord(_header.Source, new[] { _node.ShortAddress });
            }

            Relayed++;
            _node.Mac.SendData(0xFFFF, _node.Nwk.Seal(_header, payload));
            return true;
        }

        /// <summary>Before this router's own frames to the concentrator: its route record, once per many-to-one request.</summary>
        internal void BeforeOwnFrame(ushort destination)
        {
            if (Concentrator.HasValue && destination == Concentrator.Value && RouteRecordRequired && (_recorded.Add(_node.ShortAddress) || NoRouteCache))
            {
                SendRouteRecord(_node.ShortAddress, Array.Empty<ushort>());
            }
        }

        /// <summary>An APS command this router received: a Tunnel goes on to the child it names.</summary>
        internal bool OnApsCommand(byte[] command)
        {
            if (command.Length < 9 || command[0] != ApsCommandId.Tunnel)
            {
                return false;
            }

            ulong child = LittleEndian.U64(command, 1);
            foreach (var c in _node.Mac.Children)
            {
                if (c.Eui == child)
                {
                    byte[] tunnelled = new byte[command.Length - 9];
                    Array.Copy(command, 9, tunnelled, 0, tunnelled.Length);
                    var h = new NwkHeader();
                    h.Reset();
                    h.Destination = c.Short;
                    h.Source = _node.ShortAddress;
                    h.Radius = 1;
                    h.Sequence = (byte)TunnelsRelayed;
                    h.Security = false;
                    int headerLength = NwkFrameCodec.HeaderLength(h);
                    byte[] frame = new byte[headerLength + tunnelled.Length];
                    NwkFrameCodec.EncodeHeader(h, frame, 0);
                    tunnelled.CopyTo(frame, headerLength);
                    TunnelsRelayed++;
                    _node.Mac.SendData(c.Short, frame);
                    return true;
                }
            }

            Drop("Tunnel for a device that is not a child");
            return true;
        }

        private void SendRouteRecord(ushort source, ushort[] relays)
        {
            var command = new NwkCommand { CommandId = NwkCommandId.RouteRecord, Count = relays.Length };
            relays.CopyTo(command.Addresses, 0);
            byte[] payload = new byte[2 + (2 * relays.Length)];
            NwkCommandCodec.Encode(command, payload, 0);
            var h = new NwkHeader();
            h.Reset();
            h.FrameType = NwkFrameType.Command;
            h.Destination = Concentrator.Value;
            h.Source = source;
            h.Radius = NodeNwk.DefaultRadius;
            h.Sequence = (byte)(0x80 | RouteRecordsSent);
            RouteRecordsSent++;
            _node.Mac.SendData(_node.Mac.ParentShortAddress, _node.Nwk.Seal(h, payload));
        }

        private void OnNwkCommand(ZigbeeNode node, NwkHeader header, byte[] payload)
        {
            var command = new NwkCommand();
            if (NwkCommandCodec.Decode(payload, 0, payload.Length, command) != null || command.CommandId != NwkCommandId.RouteRequest)
            {
                return;
            }

            int manyToOne = (command.Options >> 3) & 3;
            if (manyToOne != 0)
            {
                Concentrator = header.Source;
                // Both many-to-one kinds want route records (Zigbee PRO 3.4.1.3.1.1): 1 once, 2 before every frame.
                RouteRecordRequired = manyToOne == ManyToOneWithRouteRecord || manyToOne == ManyToOneNoRouteCache;
                NoRouteCache = manyToOne == ManyToOneNoRouteCache;
                _recorded.Clear();
                node.Note("many-to-one route request from 0x" + header.Source.ToString("X4") + (RouteRecordRequired ? ", route records required" : string.Empty));
            }
        }

        private void OnChildAssociated(ulong eui, ushort shortAddress, bool rxOn)
        {
            _node.SendUpdateDevice(eui, shortAddress);
            ChildJoined?.Invoke(eui, shortAddress);
        }

        private bool Drop(string why)
        {
            Dropped++;
            LastDrop = why;
            return true;
        }
    }
}
