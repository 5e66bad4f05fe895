using System;
using System.Collections.Generic;
using CommsHub.Aps;
using CommsHub.Security;

namespace CommsHub.VirtualBoard.Zigbee
{
    /// <summary>What the APS layer made of a received frame.</summary>
    public enum ApsReceivedKind
    {
        Dropped,
        Duplicate,
        Data,
        Ack,
        NetworkKey,
        Command,
    }

    /// <summary>
    /// A node's APS frames with the hub's pure codecs: data frames (unicast or broadcast, with or without an ack
    /// request), acks of received data, duplicate rejection by (source, APS counter), and the trust centre's
    /// Transport-Key, accepted only when it is APS-secured under the key-transport key of this node's link key
    /// (key id 2) and names this node as destination. The link key starts as the install-code key and is replaced
    /// by the key CBKE establishes (<see cref="SetLinkKey"/>); APS-secured data and their acks go under the current one.
    /// </summary>
    public sealed class NodeAps
    {
        private readonly FrameSecurity _security;
        private readonly byte[] _keyTransportKey = new byte[16];
        private readonly HashSet<(ushort, byte)> _seen = new();
        private readonly Queue<(ushort, byte)> _seenOrder = new();
        private readonly Dictionary<ulong, uint> _incoming = new();
        private readonly KeyedHash _keyedHash;
        private byte _counter;

        public NodeAps(IAesBlock aes, ulong eui, byte[] linkKey)
        {
            _security = new FrameSecurity(aes);
            Eui = eui;
            _keyedHash = new KeyedHash(aes);
            InstallCodeKey = (byte[])linkKey.Clone();
            SetLinkKey(linkKey);

            // Like the MAC and NWK sequence numbers, the APS counter starts anywhere: a reset device's first frames must
            // not look like retransmissions of its last ones.
            _counter = (byte)((eui >> 16) ^ (ulong)(System.Threading.Interlocked.Increment(ref s_nodes) * 0x65));
        }

        private static int s_nodes;

        public ulong Eui { get; }

        /// <summary>The link key shared with the trust centre now: the install-code key, then the CBKE key.</summary>
        public byte[] LinkKey { get; private set; }

        /// <summary>The key derived from the install code, which the node joined with.</summary>
        public byte[] InstallCodeKey { get; }

        /// <summary>Whether the last data frame <see cref="Receive"/> delivered came APS-secured under the link key.</summary>
        public bool LastDataSecured { get; private set; }

        public byte[] KeyTransportKey => _keyTransportKey;

        public int Duplicates { get; private set; }

        public int Dropped { get; private set; }

        public string LastDrop { get; private set; }

        public int AcksReceived { get; private set; }

        public byte LastCounter { get; private set; }

        /// <summary>The next outgoing APS frame counter under the link key.</summary>
        public uint OutgoingFrameCounter { get; set; }

        /// <summary>The trust centre's EUI-64, learnt from the Transport-Key (the nonce source of its APS frames).</summary>
        public ulong TrustCentre { get; private set; }

        /// <summary>Data frames that arrived APS-secured under the link key and verified.</summary>
        public int SecuredDataReceived { get; private set; }

        /// <summary>Acks that arrived APS-secured under the link key and verified.</summary>
        public int SecuredAcksReceived { get; private set; }

        /// <summary>
        /// Replaces the link key shared with the trust centre (a key CBKE established). Frame counters start again
        /// under a new key, so what was accepted under the old one says nothing about the new one.
        /// </summary>
        public void SetLinkKey(byte[] key)
        {
            if (key == null || key.Length != 16)
            {
                throw new ArgumentException("link key: 16 bytes expected");
            }

            LinkKey = (byte[])key.Clone();
            _keyedHash.KeyTransportKey(LinkKey, 0, _keyTransportKey, 0);
            _incoming.Clear();
        }

        /// <summary>An APS data frame; <paramref name="broadcast"/> selects broadcast delivery (no ack).</summary>
        public byte[] BuildData(byte destinationEndpoint, ushort cluster, ushort profile, byte sourceEndpoint, byte[] payload, bool ackRequest, bool broadcast = false, bool apsSecurity = false)
        {
            var h = new ApsHeader
            {
                FrameType = ApsFrameType.Data,
                DeliveryMode = broadcast ? ApsFrameType.Broadcast : ApsFrameType.Unicast,
                AckRequest = ackRequest && !broadcast,
                DestinationEndpoint = destinationEndpoint,
                Cluster = cluster,
                Profile = profile,
                SourceEndpoint = sourceEndpoint,
                Counter = _counter++,
            };
            LastCounter = h.Counter;
            if (apsSecurity && !broadcast)
            {
                // Under the link key shared with the trust centre: key id data, no extended nonce (the NWK auxiliary
                // header names this node to its neighbour, the hub).
                h.Security = true;
                h.Auxiliary.Level = 0;
                h.Auxiliary.KeyId = AuxiliaryHeader.KeyIdData;
                h.Auxiliary.ExtendedNonce = false;
                h.Auxiliary.FrameCounter = OutgoingFrameCounter++;
                return Seal(h, payload, LinkKey, Eui);
            }

            return Encode(h, payload);
        }

        /// <summary>
        /// The ack of a data frame that asked for one. The ack of an APS-secured frame is secured under the same link
        /// key (Zigbee PRO secures an acknowledgement like the frame it acknowledges), so that the hub,
        /// which confirms a secured frame only by a secured ack, is not left retrying.
        /// </summary>
        public byte[] BuildAck(ApsHeader received)
        {
            var h = new ApsHeader
            {
                FrameType = ApsFrameType.Ack,
                DeliveryMode = ApsFrameType.Unicast,
                DestinationEndpoint = received.SourceEndpoint,
                Cluster = received.Cluster,
                Profile = received.Profile,
                SourceEndpoint = received.DestinationEndpoint,
                Counter = received.Counter,
            };
            if (received.Security)
            {
                h.Security = true;
                h.Auxiliary.Level = 0;
                h.Auxiliary.KeyId = AuxiliaryHeader.KeyIdData;
                h.Auxiliary.ExtendedNonce = false;
                h.Auxiliary.FrameCounter = OutgoingFrameCounter++;
                return Seal(h, Array.Empty<byte>(), LinkKey, Eui);
            }

            return Encode(h, Array.Empty<byte>());
        }

        /// <summary>
        /// Reads an APS frame from NWK source <paramref name="nwkSource"/> into <paramref name="header"/>. For data,
        /// <paramref name="payload"/> is the ASDU; for a Transport-Key of the network key, the key (and
        /// <paramref name="keySequence"/>).
        /// </summary>
        public ApsReceivedKind Receive(ushort nwkSource, byte[] frame, ApsHeader header, out byte[] payload, out byte keySequence, ulong nwkSecuredBy = 0)
        {
            payload = null;
            keySequence = 0;
            LastDataSecured = false;
            string problem = ApsFrameCodec.Decode(frame, 0, frame.Length, header, _security.Level);
            if (problem != null)
            {
                return Drop(problem);
            }

            if (header.FrameType == ApsFrameType.Ack && !header.Security)
            {
                AcksReceived++;
                return ApsReceivedKind.Ack;
            }

            if (header.FrameType == ApsFrameType.Command)
            {
                return ReceiveCommand(frame, header, out payload, out keySequence);
            }

            if (header.Security)
            {
                if (header.Auxiliary.KeyId != AuxiliaryHeader.KeyIdData)
                {
                    return Drop("APS data or ack not under the link key (key id data)");
                }

                // The nonce names the originator: the extended nonce, else the trust centre (the only link-key partner).
                ulong originator = header.Auxiliary.ExtendedNonce ? header.Auxiliary.Source : nwkSource == 0x0000 ? TrustCentre : nwkSecuredBy;
                if (_incoming.TryGetValue(originator, out uint last) && header.Auxiliary.FrameCounter <= last)
                {
                    return Drop("APS frame counter replayed");
                }

                frame = (byte[])frame.Clone();
                _security.SetKey(LinkKey, 0);
                string failed = _security.Unsecure(frame, 0, header.HeaderLength, header.PayloadLength, header.Auxiliary, originator);
                if (failed != null)
                {
                    return Drop("APS data: " + failed);
                }

                _incoming[originator] = header.Auxiliary.FrameCounter;
                if (header.FrameType == ApsFrameType.Ack)
                {
                    // A secured ack counts only once its MIC verified under the link key.
                    AcksReceived++;
                    SecuredAcksReceived++;
                    return ApsReceivedKind.Ack;
                }

                SecuredDataReceived++;
            }

            if (header.DeliveryMode == ApsFrameType.Unicast)
            {
                if (!_seen.Add((nwkSource, header.Counter)))
                {
                    // The sender missed our ack: acknowledge again, deliver once.
                    Duplicates++;
                    return ApsReceivedKind.Duplicate;
                }

                _seenOrder.Enqueue((nwkSource, header.Counter));
                if (_seenOrder.Count > 32)
                {
                    _seen.Remove(_seenOrder.Dequeue());
                }
            }

            payload = new byte[header.PayloadLength];
            Array.Copy(frame, header.PayloadOffset, payload, 0, payload.Length);
            LastDataSecured = header.Security;
            return ApsReceivedKind.Data;
        }

        private ApsReceivedKind ReceiveCommand(byte[] frame, ApsHeader header, out byte[] payload, out byte keySequence)
        {
            payload = null;
            keySequence = 0;
            if (!header.Security)
            {
                // Only a Tunnel travels without APS security: what it carries is secured for the child it names.
                if (header.PayloadLength > 0 && frame[header.PayloadOffset] == ApsCommandId.Tunnel)
                {
                    payload = new byte[header.PayloadLength];
                    Array.Copy(frame, header.PayloadOffset, payload, 0, payload.Length);
                    return ApsReceivedKind.Command;
                }

                return Drop("APS command without APS security");
            }

            if (header.Auxiliary.KeyId != AuxiliaryHeader.KeyIdKeyTransport || !header.Auxiliary.ExtendedNonce)
            {
                return Drop("APS command not under the key-transport key with the sender's address");
            }

            byte[] copy = (byte[])frame.Clone();
            _security.SetKey(_keyTransportKey, 0);
            string problem = _security.Unsecure(copy, 0, header.HeaderLength, header.PayloadLength, header.Auxiliary, header.Auxiliary.Source);
            if (problem != null)
            {
                return Drop("APS command: " + problem);
            }

            var command = new ApsCommand();
            problem = ApsCommandCodec.Decode(copy, header.PayloadOffset, header.PayloadLength, command);
            if (problem != null)
            {
                return Drop(problem);
            }

            if (command.CommandId != ApsCommandId.TransportKey || command.KeyType != ApsCommandId.KeyTypeNetwork)
            {
                payload = new byte[header.PayloadLength];
                Array.Copy(copy, header.PayloadOffset, payload, 0, payload.Length);
                return ApsReceivedKind.Command;
            }

            if (command.DestinationIeee != Eui)
            {
                return Drop("Transport-Key for another device");
            }

            payload = (byte[])command.Key.Clone();
            keySequence = command.KeySequence;
            TrustCentre = command.SourceIeee;
            return ApsReceivedKind.NetworkKey;
        }

        /// <summary>
        /// An APS command to the trust centre secured with this node's link key (key id data, extended nonce), as
        /// a router sends Update-Device.
        /// </summary>
        public byte[] BuildSecuredCommand(ApsCommand command)
        {
            uint frameCounter = OutgoingFrameCounter++;
            var h = new ApsHeader { FrameType = ApsFrameType.Command, DeliveryMode = ApsFrameType.Unicast, Security = true, Counter = _counter++ };
            h.Auxiliary.Level = 0;
            h.Auxiliary.KeyId = AuxiliaryHeader.KeyIdData;
            h.Auxiliary.ExtendedNonce = true;
            h.Auxiliary.Source = Eui;
            h.Auxiliary.FrameCounter = frameCounter;
            byte[] body = new byte[64];
            int bodyLength = ApsCommandCodec.Encode(command, body, 0);
            return Seal(h, body.AsSpan(0, bodyLength).ToArray(), LinkKey, Eui);
        }

        private byte[] Seal(ApsHeader h, byte[] payload, byte[] key, ulong nonceSource)
        {
            int headerLength = ApsFrameCodec.HeaderLength(h);
            byte[] frame = new byte[headerLength + payload.Length + 4];
            ApsFrameCodec.EncodeHeader(h, frame, 0);
            payload.CopyTo(frame, headerLength);
            _security.SetKey(key, 0);
            _security.Secure(frame, 0, headerLength, payload.Length, h.Auxiliary, nonceSource);
            return frame;
        }

        private static byte[] Encode(ApsHeader h, byte[] payload)
        {
            int headerLength = ApsFrameCodec.HeaderLength(h);
            byte[] frame = new byte[headerLength + payload.Length];
            ApsFrameCodec.EncodeHeader(h, frame, 0);
            payload.CopyTo(frame, headerLength);
            return frame;
        }

        private ApsReceivedKind Drop(string why)
        {
            Dropped++;
            LastDrop = why;
            return ApsReceivedKind.Dropped;
        }
    }
}
