using CommsHub.Nwk;
using CommsHub.Platform;
using CommsHub.Security;
using CommsHub.TrustCenter;

namespace CommsHub.Aps
{
    /// <summary>
    /// The hub's APS layer over the NWK layer. Up: decodes each NWK data payload, checks APS security (a link key
    /// from the trust centre's table, key id data, a fresh APS frame counter), drops duplicates, sends an APS ack
    /// when the frame asks for one (secured as the frame was) and hands data frames to the endpoints. Down: writes
    /// the APS data header in front of a payload placed with <see cref="HeaderRoom"/> bytes before it and
    /// <see cref="MicRoom"/> after it, secures it with the destination's link key when asked, and sends it under
    /// NWK security. No allocation per frame.
    /// Not yet: retries of our own acked sends, fragmentation.
    /// </summary>
    public sealed class ApsLayer
    {
        /// <summary>APS data header: control, endpoints, cluster, profile, counter.</summary>
        public const int DataHeader = 8;

        /// <summary>Extended header of a fragment: extended control and block number.</summary>
        public const int ExtendedHeaderRoom = 2;

        /// <summary>APS auxiliary header under a link key, without extended nonce: control and frame counter.</summary>
        public const int AuxiliaryRoom = 5;

        /// <summary>The APS MIC at security level 5.</summary>
        public const int ApsMic = 4;

        /// <summary>Every header the hub may write in front of a payload: APS (with extended and auxiliary headers) and NWK.</summary>
        public const int HeaderRoom = NwkLayer.HeaderRoom + DataHeader + ExtendedHeaderRoom + AuxiliaryRoom;

        /// <summary>The APS and NWK MICs after a payload.</summary>
        public const int MicRoom = NwkLayer.MicRoom + ApsMic;

        /// <summary>Largest APS payload the hub sends in one unfragmented, NWK-secured, single-hop frame without APS security.</summary>
        public const int MaxPayload = NwkLayer.MaxSecuredPayload - DataHeader;

        /// <summary>The same with APS security on top.</summary>
        public const int MaxSecuredPayload = MaxPayload - AuxiliaryRoom - ApsMic;

        /// <summary>APS security asked for a broadcast: a link key belongs to one device.</summary>
        public const int SendSecuredBroadcast = -10;

        /// <summary>APS security asked for a device the trust centre holds no link key for.</summary>
        public const int SendNoLinkKey = -11;

        /// <summary>Devices whose incoming APS frame counters are kept: one per link key the trust centre holds.</summary>
        public const int IncomingCounterCapacity = TrustCentre.LinkKeyCapacity;

        private readonly NwkLayer _nwk;
        private readonly LinkKeyTable _linkKeys;
        private readonly INwkFrameCounter _frameCounter;
        private readonly IClock _clock;
        private readonly FrameSecurity _security;
        private readonly ApsHeader _rx = new ApsHeader();
        private readonly ApsHeader _tx = new ApsHeader();
        private readonly DuplicateTable _duplicates = new DuplicateTable(16);
        private readonly ApsIncomingCounters _incoming = new ApsIncomingCounters(IncomingCounterCapacity);
        private readonly byte[] _ack = new byte[HeaderRoom + MicRoom];
        private readonly int[] _drops = new int[ApsDrop.Count];
        private byte _counter;

        public event ApsDataIndicationHandler DataIndication;

        /// <summary>APS commands that passed their security check (for the trust centre).</summary>
        public event ApsDataIndicationHandler CommandIndication;

        /// <param name="frameCounter">The hub's outgoing frame counter, shared with the NWK layer: never repeats.</param>
        /// <param name="clock">Times the acks the hub waits for.</param>
        public ApsLayer(NwkLayer nwk, IAesBlock aes, LinkKeyTable linkKeys, INwkFrameCounter frameCounter, IClock clock)
        {
            _nwk = nwk;
            _linkKeys = linkKeys;
            _frameCounter = frameCounter;
            _clock = clock;
            _security = new FrameSecurity(aes);
            _nwk.DataIndication += OnNwkData;
        }

        public int Dropped(int reason)
        {
            return _drops[reason];
        }

        public string LastDrop { get; private set; }

        public int AcksSent { get; private set; }

        public int AcksReceived { get; private set; }

        /// <summary>
        /// Sends an APS data frame under NWK security; the payload is at <paramref name="payloadOffset"/> in
        /// <paramref name="buffer"/> with <see cref="HeaderRoom"/> bytes before it and <see cref="MicRoom"/> after.
        /// Returns the MAC handle, or a negative NwkLayer.Send... value.
        /// </summary>
        public int SendData(ushort destination, byte destinationEndpoint, ushort cluster, ushort profile, byte sourceEndpoint,
            byte[] buffer, int payloadOffset, int payloadLength, bool ackRequest)
        {
            return SendData(destination, destinationEndpoint, cluster, profile, sourceEndpoint, buffer, payloadOffset, payloadLength, ackRequest, false);
        }

        /// <summary>
        /// As the 9-argument SendData; with <paramref name="apsSecurity"/> the APS frame is first secured with the
        /// destination's link key (key id data, the hub's next outgoing frame counter, no extended nonce: the NWK
        /// auxiliary header names the hub). The payload is encrypted in place. Returns the MAC handle or a negative
        /// NwkLayer.Send... or ApsLayer.Send... value.
        /// </summary>
        public int SendData(ushort destination, byte destinationEndpoint, ushort cluster, ushort profile, byte sourceEndpoint,
            byte[] buffer, int payloadOffset, int payloadLength, bool ackRequest, bool apsSecurity)
        {
            bool broadcast = destination >= 0xFFFC;
            ulong peer = 0;
            if (apsSecurity)
            {
                if (broadcast)
                {
                    return SendSecuredBroadcast;
                }

                int neighbour = _nwk.Neighbours.IndexOfShort(destination);
                if (neighbour < 0)
                {
                    return NwkLayer.SendUnknownDestination;
                }

                peer = _nwk.Neighbours.ExtendedAt(neighbour);
            }

            _tx.FrameType = ApsFrameType.Data;
            _tx.DeliveryMode = broadcast ? ApsFrameType.Broadcast : ApsFrameType.Unicast;
            _tx.AckFormat = false;
            _tx.AckRequest = ackRequest && !broadcast;
            _tx.ExtendedHeader = false;
            _tx.Fragmentation = ApsFrameType.NotFragmented;
            _tx.DestinationEndpoint = destinationEndpoint;
            _tx.Cluster = cluster;
            _tx.Profile = profile;
            _tx.SourceEndpoint = sourceEndpoint;
            _tx.Counter = _counter;
            int result = Transmit(destination, peer, apsSecurity, buffer, payloadOffset, payloadLength);
            if (result >= 0)
            {
                _counter++;
            }

            return result;
        }

        /// <summary>Encodes <see cref="_tx"/> in front of the payload, secures it with <paramref name="peer"/>'s link key when asked, and sends it.</summary>
        private int Transmit(ushort destination, ulong peer, bool apsSecurity, byte[] buffer, int payloadOffset, int payloadLength)
        {
            int slot = -1;
            _tx.Security = apsSecurity;
            if (apsSecurity)
            {
                slot = _linkKeys == null ? -1 : _linkKeys.IndexOf(peer);
                if (slot < 0)
                {
                    return SendNoLinkKey;
                }

                _tx.Auxiliary.Level = 0;
                _tx.Auxiliary.KeyId = AuxiliaryHeader.KeyIdData;
                _tx.Auxiliary.ExtendedNonce = false;
            }

            int headerLength = ApsFrameCodec.HeaderLength(_tx);
            int mic = apsSecurity ? ApsMic : 0;
            int start = payloadOffset - headerLength;
            if (start < 0 || payloadLength < 0 || payloadOffset + payloadLength + mic + NwkLayer.MicRoom > buffer.Length
                || headerLength + payloadLength + mic > NwkLayer.MaxSecuredPayload)
            {
                return NwkLayer.SendTooLong;
            }

            if (apsSecurity)
            {
                uint frameCounter;
                if (!_frameCounter.TryNext(out frameCounter))
                {
                    return NwkLayer.SendNoFrameCounter;
                }

                _tx.Auxiliary.FrameCounter = frameCounter;
            }

            ApsFrameCodec.EncodeHeader(_tx, buffer, start);
            int length = headerLength + payloadLength;
            if (apsSecurity)
            {
                // The AES seam is shared with the NWK layer, which loads its own key for every frame.
                _security.SetKey(_linkKeys.Keys, _linkKeys.KeyOffset(slot));
                length = _security.Secure(buffer, start, headerLength, payloadLength, _tx.Auxiliary, _nwk.HubEui64);
                if (length < 0)
                {
                    return NwkLayer.SendTooLong;
                }
            }

            return _nwk.SendData(destination, buffer, start, length);
        }

        private void OnNwkData(NwkHeader nwk, byte[] buffer, int offset, int length)
        {
            string problem = ApsFrameCodec.Decode(buffer, offset, length, _rx, _security.Level);
            if (problem != null)
            {
                Drop(problem.IndexOf("auxiliary header:") == 0 ? ApsDrop.TruncatedAuxiliaryHeader : ApsDrop.Malformed, problem);
                return;
            }

            if (_rx.ExtendedHeader && _rx.Fragmentation != ApsFrameType.NotFragmented)
            {
                Drop(ApsDrop.Fragmented, "APS fragmented frames are not reassembled");
                return;
            }

            ulong sender = SenderOf(nwk);
            bool repeat = false;
            if (_rx.Security)
            {
                if (_rx.Auxiliary.KeyId != AuxiliaryHeader.KeyIdData)
                {
                    // A device sends the trust centre nothing under the key-transport, key-load or network key ids.
                    Drop(ApsDrop.WrongKeyId, "APS security key identifier is not the data (link) key");
                    return;
                }

                int slot = _linkKeys == null ? -1 : _linkKeys.IndexOf(sender);
                if (slot < 0)
                {
                    Drop(ApsDrop.NoLinkKey, "no link key for the APS sender");
                    return;
                }

                byte[] keys = _linkKeys.Keys;
                int keyOffset = _linkKeys.KeyOffset(slot);
                uint frameCounter = _rx.Auxiliary.FrameCounter;
                if (!_incoming.IsFresh(sender, keys, keyOffset, frameCounter))
                {
                    // Only a verbatim copy of the latest frame, whose ack was lost, is still worth an ack (never a delivery).
                    repeat = _incoming.IsLatest(sender, keys, keyOffset, frameCounter) && _duplicates.Contains(nwk.Source, _rx.Counter);
                    if (!repeat)
                    {
                        Drop(ApsDrop.Replayed, "APS frame counter is not greater than the last one accepted from that device under its link key");
                        return;
                    }
                }

                _security.SetKey(keys, keyOffset);
                problem = _security.Unsecure(buffer, offset, _rx.HeaderLength, _rx.PayloadLength, _rx.Auxiliary, sender);
                if (problem != null)
                {
                    Drop(ApsDrop.BadMic, problem);
                    return;
                }

                _incoming.Accept(sender, keys, keyOffset, frameCounter);
            }
            else if (_rx.FrameType == ApsFrameType.Command)
            {
                Drop(ApsDrop.UnsecuredCommand, "APS command without APS security");
                return;
            }

            if (_rx.FrameType == ApsFrameType.Ack)
            {
                AcksReceived++;
                return;
            }

            if (repeat || _duplicates.Seen(nwk.Source, _rx.Counter))
            {
                // The sender missed our ack: acknowledge again, deliver once.
                Drop(ApsDrop.Duplicate, "APS counter already seen from that source");
                SendAckIfAsked(nwk.Source, sender);
                return;
            }

            SendAckIfAsked(nwk.Source, sender);
            ApsDataIndicationHandler handler = _rx.FrameType == ApsFrameType.Command ? CommandIndication : DataIndication;
            if (handler != null)
            {
                handler(_rx, nwk.Source, buffer, _rx.PayloadOffset, _rx.PayloadLength);
            }
        }

        /// <summary>
        /// The EUI-64 of the APS frame's originator, whose link key and nonce apply: the APS extended nonce, else the
        /// NWK header's source IEEE address, else the NWK auxiliary header's source (the last hop, which for the
        /// hub's children is the originator).
        /// </summary>
        private ulong SenderOf(NwkHeader nwk)
        {
            if (_rx.Security && _rx.Auxiliary.ExtendedNonce)
            {
                return _rx.Auxiliary.Source;
            }

            return nwk.HasSourceIeee ? nwk.SourceIeee : nwk.Auxiliary.Source;
        }

        /// <summary>Acks a data frame that asked for it, under APS security when the frame came under it (same link key).</summary>
        private void SendAckIfAsked(ushort destination, ulong sender)
        {
            if (!_rx.AckRequest || _rx.FrameType != ApsFrameType.Data)
            {
                return;
            }

            _tx.FrameType = ApsFrameType.Ack;
            _tx.DeliveryMode = ApsFrameType.Unicast;
            _tx.AckFormat = false;
            _tx.AckRequest = false;
            _tx.ExtendedHeader = false;
            _tx.Fragmentation = ApsFrameType.NotFragmented;
            _tx.DestinationEndpoint = _rx.SourceEndpoint;
            _tx.Cluster = _rx.Cluster;
            _tx.Profile = _rx.Profile;
            _tx.SourceEndpoint = _rx.DestinationEndpoint;
            _tx.Counter = _rx.Counter;
            if (Transmit(destination, sender, _rx.Security, _ack, HeaderRoom, 0) > 0)
            {
                AcksSent++;
            }
        }

        private void Drop(int reason, string why)
        {
            _drops[reason]++;
            LastDrop = why;
        }
    }
}
