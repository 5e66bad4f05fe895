using CommsHub.Nwk;
using CommsHub.Security;
using CommsHub.TrustCenter;

namespace CommsHub.Aps
{
    /// <summary>
    /// The hub's APS layer over the NWK layer. Up: decodes each NWK data payload, checks APS security (a link key
    /// from the trust centre's table, key id data), drops duplicates, sends an APS ack when the frame asks for one
    /// and hands data frames to the endpoints. Down: writes the APS data header in front of a payload placed with
    /// <see cref="HeaderRoom"/> bytes before it and <see cref="MicRoom"/> after it, and sends it under NWK security.
    /// Not yet: APS security on sends, retries of our own acked sends, fragmentation.
    /// </summary>
    public sealed class ApsLayer
    {
        /// <summary>APS data header (control, endpoints, cluster, profile, counter) and everything below it.</summary>
        public const int HeaderRoom = NwkLayer.HeaderRoom + 8;

        public const int MicRoom = NwkLayer.MicRoom;

        /// <summary>Largest APS payload the hub sends in one unfragmented, NWK-secured, single-hop frame.</summary>
        public const int MaxPayload = NwkLayer.MaxSecuredPayload - 8;

        private readonly NwkLayer _nwk;
        private readonly LinkKeyTable _linkKeys;
        private readonly FrameSecurity _security;
        private readonly ApsHeader _rx = new ApsHeader();
        private readonly ApsHeader _tx = new ApsHeader();
        private readonly DuplicateTable _duplicates = new DuplicateTable(16);
        private readonly byte[] _ack = new byte[HeaderRoom + MicRoom];
        private readonly int[] _drops = new int[ApsDrop.Count];
        private byte _counter;

        public event ApsDataIndicationHandler DataIndication;

        /// <summary>APS commands that passed their security check (for the trust centre).</summary>
        public event ApsDataIndicationHandler CommandIndication;

        public ApsLayer(NwkLayer nwk, IAesBlock aes, LinkKeyTable linkKeys)
        {
            _nwk = nwk;
            _linkKeys = linkKeys;
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
            _tx.FrameType = ApsFrameType.Data;
            _tx.DeliveryMode = destination >= 0xFFFC ? ApsFrameType.Broadcast : ApsFrameType.Unicast;
            _tx.AckFormat = false;
            _tx.Security = false;
            _tx.AckRequest = ackRequest && destination < 0xFFFC;
            _tx.ExtendedHeader = false;
            _tx.DestinationEndpoint = destinationEndpoint;
            _tx.Cluster = cluster;
            _tx.Profile = profile;
            _tx.SourceEndpoint = sourceEndpoint;
            _tx.Counter = _counter++;
            int headerLength = ApsFrameCodec.HeaderLength(_tx);
            int start = payloadOffset - headerLength;
            if (start < 0)
            {
                return NwkLayer.SendTooLong;
            }

            ApsFrameCodec.EncodeHeader(_tx, buffer, start);
            return _nwk.SendData(destination, buffer, start, headerLength + payloadLength);
        }

        private void OnNwkData(NwkHeader nwk, byte[] buffer, int offset, int length)
        {
            string problem = ApsFrameCodec.Decode(buffer, offset, length, _rx, _security.Level);
            if (problem != null)
            {
                Drop(ApsDrop.Malformed, problem);
                return;
            }

            if (_rx.ExtendedHeader && _rx.Fragmentation != ApsFrameType.NotFragmented)
            {
                Drop(ApsDrop.Fragmented, "APS fragmented frames are not reassembled");
                return;
            }

            if (_rx.Security)
            {
                if (_rx.Auxiliary.KeyId != AuxiliaryHeader.KeyIdData)
                {
                    // A device sends the trust centre nothing under the key-transport, key-load or network key ids.
                    Drop(ApsDrop.WrongKeyId, "APS security key identifier is not the data (link) key");
                    return;
                }

                ulong sender = _rx.Auxiliary.ExtendedNonce ? _rx.Auxiliary.Source : nwk.Auxiliary.Source;
                int slot = _linkKeys == null ? -1 : _linkKeys.IndexOf(sender);
                if (slot < 0)
                {
                    Drop(ApsDrop.NoLinkKey, "no link key for the APS sender");
                    return;
                }

                _security.SetKey(_linkKeys.Keys, _linkKeys.KeyOffset(slot));
                problem = _security.Unsecure(buffer, offset, _rx.HeaderLength, _rx.PayloadLength, _rx.Auxiliary, sender);
                if (problem != null)
                {
                    Drop(ApsDrop.BadMic, problem);
                    return;
                }
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

            if (_duplicates.Seen(nwk.Source, _rx.Counter))
            {
                // The sender missed our ack: acknowledge again, deliver once.
                Drop(ApsDrop.Duplicate, "APS counter already seen from that source");
                SendAckIfAsked(nwk.Source);
                return;
            }

            SendAckIfAsked(nwk.Source);
            ApsDataIndicationHandler handler = _rx.FrameType == ApsFrameType.Command ? CommandIndication : DataIndication;
            if (handler != null)
            {
                handler(_rx, nwk.Source, buffer, _rx.PayloadOffset, _rx.PayloadLength);
            }
        }

        private void SendAckIfAsked(ushort destination)
        {
            if (!_rx.AckRequest || _rx.FrameType != ApsFrameType.Data)
            {
                return;
            }

            _tx.FrameType = ApsFrameType.Ack;
            _tx.DeliveryMode = ApsFrameType.Unicast;
            _tx.AckFormat = false;
            _tx.Security = false;
            _tx.AckRequest = false;
            _tx.ExtendedHeader = false;
            _tx.DestinationEndpoint = _rx.SourceEndpoint;
            _tx.Cluster = _rx.Cluster;
            _tx.Profile = _rx.Profile;
            _tx.SourceEndpoint = _rx.DestinationEndpoint;
            _tx.Counter = _rx.Counter;
            int headerLength = ApsFrameCodec.HeaderLength(_tx);
            int start = HeaderRoom - headerLength;
            ApsFrameCodec.EncodeHeader(_tx, _ack, start);
            if (_nwk.SendData(destination, _ack, start, headerLength) > 0)
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
