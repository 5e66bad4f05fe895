using CommsHub.Mac;
using CommsHub.Mac.Coordinator;
using CommsHub.Security;

namespace CommsHub.Nwk
{
    /// <summary>
    /// The hub's NWK layer over the coordinator MAC. Up: decodes each MAC data frame, checks it is for the hub,
    /// secured with the active network key by a known neighbour with a fresh frame counter, decrypts it in place
    /// and hands the payload up; anything else is dropped and counted by reason. Down: writes the NWK header in
    /// front of a payload the layer above placed with <see cref="HeaderRoom"/> bytes free before it and
    /// <see cref="MicRoom"/> after, secures it with the next outgoing frame counter and gives it to the MAC, which
    /// holds it for a sleepy child's poll. No allocation per frame.
    /// </summary>
    public sealed class NwkLayer
    {
        /// <summary>Largest NWK header the hub writes: 8 fixed bytes and the auxiliary header with source and key sequence.</summary>
        public const int HeaderRoom = 8 + 14;

        /// <summary>MIC bytes at nwkSecurityLevel 5.</summary>
        public const int MicRoom = 4;

        /// <summary>MAC payload with short addresses on both sides (127 - 9 header - 2 FCS).</summary>
        public const int MacPayloadMax = 116;

        /// <summary>Largest payload a secured NWK frame from the hub carries in one hop.</summary>
        public const int MaxSecuredPayload = MacPayloadMax - HeaderRoom - MicRoom;

        /// <summary>[decision] nwkMaxDepth 15 doubled, the Zigbee PRO default radius.</summary>
        public const byte DefaultRadius = 30;

        public const int SendUnknownDestination = -1;
        public const int SendNoFrameCounter = -2;
        public const int SendTooLong = -3;

        private readonly CoordinatorMac _mac;
        private readonly INwkFrameCounter _counter;
        private readonly NetworkParameters _network;
        private readonly ulong _hub;
        private readonly FrameSecurity _security;
        private readonly NeighbourTable _neighbours;
        private readonly NwkHeader _rx = new NwkHeader();
        private readonly NwkHeader _tx = new NwkHeader();
        private readonly int[] _drops = new int[NwkDrop.Count];
        private byte _sequence;

        public event NwkDataIndicationHandler DataIndication;

        public event NwkCommandIndicationHandler CommandIndication;

        public NwkLayer(CoordinatorMac mac, IAesBlock aes, INwkFrameCounter counter, NetworkParameters network, ulong hubEui64, int neighbourCapacity)
        {
            _mac = mac;
            _counter = counter;
            _network = network;
            _hub = hubEui64;
            _security = new FrameSecurity(aes);
            _neighbours = new NeighbourTable(neighbourCapacity);
            _mac.DataIndication += OnMacData;
            _mac.ChildAssociated += OnChildAssociated;
            _mac.ChildLeft += OnChildLeft;
        }

        public NeighbourTable Neighbours
        {
            get { return _neighbours; }
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
        /// Sends a secured NWK data frame to a neighbour or broadcast address. The payload is at
        /// <paramref name="payloadOffset"/> with <see cref="HeaderRoom"/> bytes before it and <see cref="MicRoom"/>
        /// after it in <paramref name="buffer"/>. Returns the MAC's handle, or a negative Send... value.
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

        private int Send(int frameType, ushort destination, byte[] buffer, int payloadOffset, int payloadLength, bool secure)
        {
            bool broadcast = destination >= 0xFFFC;
            if (!broadcast && _neighbours.IndexOfShort(destination) < 0)
            {
                return SendUnknownDestination;
            }

            _tx.Reset();
            _tx.FrameType = frameType;
            _tx.Destination = destination;
            _tx.Source = CoordinatorMac.CoordinatorShortAddress;
            _tx.Radius = DefaultRadius;
            _tx.Security = secure;
            int headerLength = NwkFrameCodec.HeaderLength(_tx);
            int micLength = secure ? MicRoom : 0;
            int start = payloadOffset - headerLength;
            if (start < 0 || headerLength + payloadLength + micLength > MacPayloadMax
                || payloadOffset + payloadLength + micLength > buffer.Length)
            {
                return SendTooLong;
            }

            if (secure)
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

            _tx.Sequence = _sequence++;
            NwkFrameCodec.EncodeHeader(_tx, buffer, start);
            int length = headerLength + payloadLength;
            if (secure)
            {
                // The AES seam is shared with the APS layer, so the key is loaded for every frame.
                _security.SetKey(_network.NetworkKey, 0);
                length = _security.Secure(buffer, start, headerLength, payloadLength, _tx.Auxiliary, _hub);
                if (length < 0)
                {
                    return SendTooLong;
                }
            }

            return _mac.SendData(destination, buffer, start, length);
        }

        private void OnMacData(MacFrame frame, byte linkQuality)
        {
            string problem = NwkFrameCodec.Decode(frame.Payload, frame.PayloadOffset, frame.PayloadLength, _rx, _security.Level);
            if (problem != null)
            {
                Drop(problem.IndexOf("auxiliary header:") == 0 ? NwkDrop.TruncatedAuxiliaryHeader : NwkDrop.Malformed, problem);
                return;
            }

            ushort destination = _rx.Destination;
            if (destination != CoordinatorMac.CoordinatorShortAddress && destination < 0xFFFC)
            {
                Drop(NwkDrop.NotForUs, "NWK destination is neither the hub nor a broadcast address");
                return;
            }

            if (!_rx.Security)
            {
                Drop(NwkDrop.Unsecured, "NWK frame without security");
                return;
            }

            if (_rx.Auxiliary.KeySequence != _network.KeySequence)
            {
                Drop(NwkDrop.WrongKeySequence, "NWK key sequence number is not the active network key's");
                return;
            }

            int neighbour = _neighbours.IndexOf(_rx.Auxiliary.Source);
            if (neighbour < 0)
            {
                Drop(NwkDrop.UnknownNeighbour, "NWK auxiliary header source is not a neighbour");
                return;
            }

            if (!_neighbours.IsFresh(neighbour, _rx.Auxiliary.FrameCounter))
            {
                Drop(NwkDrop.Replayed, "NWK frame counter is not greater than the last one accepted from that source");
                return;
            }

            _security.SetKey(_network.NetworkKey, 0);
            problem = _security.Unsecure(frame.Payload, frame.PayloadOffset, _rx.HeaderLength, _rx.PayloadLength, _rx.Auxiliary, _rx.Auxiliary.Source);
            if (problem != null)
            {
                Drop(NwkDrop.BadMic, problem);
                return;
            }

            // Only a frame whose MIC verified moves the counter on, so forgeries cannot lock a device out.
            _neighbours.Accept(neighbour, _rx.Auxiliary.FrameCounter);
            Delivered++;
            if (_rx.FrameType == NwkFrameType.Command)
            {
                NwkCommandIndicationHandler commands = CommandIndication;
                if (commands != null)
                {
                    commands(_rx, frame.Payload, _rx.PayloadOffset, _rx.PayloadLength);
                }

                return;
            }

            NwkDataIndicationHandler data = DataIndication;
            if (data != null)
            {
                data(_rx, frame.Payload, _rx.PayloadOffset, _rx.PayloadLength);
            }
        }

        private void OnChildAssociated(ulong extendedAddress, ushort shortAddress)
        {
            int child = _mac.Children.IndexOf(extendedAddress);
            bool rxOn = child >= 0 && _mac.Children.RxOnWhenIdleAt(child);
            _neighbours.Put(extendedAddress, shortAddress, rxOn);
        }

        private void OnChildLeft(ulong extendedAddress, ushort shortAddress)
        {
            _neighbours.Remove(extendedAddress);
        }

        private void Drop(int reason, string why)
        {
            _drops[reason]++;
            LastDrop = why;
        }
    }
}
