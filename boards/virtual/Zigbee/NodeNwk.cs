using System;
using System.Collections.Generic;
using CommsHub.Nwk;
using CommsHub.Security;

namespace CommsHub.VirtualBoard.Zigbee
{
    /// <summary>
    /// A node's NWK frames and NWK security, with the hub's pure codecs: builds data and command frames secured with
    /// the network key under the node's own outgoing frame counter (R21 end-device-initiator bit on an end device's
    /// frames), and opens received frames: decode, freshness of the sender's frame counter (kept per auxiliary
    /// source, so replays are dropped), MIC, decrypt. Before the node holds a network key only unsecured frames
    /// (the trust centre's Transport-Key) are accepted; after, only secured ones.
    /// </summary>
    public sealed class NodeNwk
    {
        public const byte DefaultRadius = 30;

        private readonly FrameSecurity _security;
        private readonly Dictionary<ulong, uint> _incoming = new();
        private readonly Dictionary<string, int> _drops = new();
        private byte _sequence;

        public NodeNwk(IAesBlock aes, ulong eui, bool endDevice)
        {
            _security = new FrameSecurity(aes);
            Eui = eui;
            EndDevice = endDevice;
        }

        public ulong Eui { get; }

        public bool EndDevice { get; }

        public ushort ShortAddress { get; set; } = 0xFFFF;

        public byte[] NetworkKey { get; private set; }

        public byte KeySequence { get; private set; }

        /// <summary>The next outgoing NWK frame counter.</summary>
        public uint OutgoingCounter { get; set; }

        public int Accepted { get; private set; }

        public int Dropped { get; private set; }

        public string LastDrop { get; private set; }

        public int DroppedFor(string reason) => _drops.TryGetValue(reason, out int n) ? n : 0;

        /// <summary>Largest frame counter accepted from <paramref name="source"/>, if any.</summary>
        public bool IncomingCounterOf(ulong source, out uint counter) => _incoming.TryGetValue(source, out counter);

        public void SetNetworkKey(byte[] key, byte sequence)
        {
            NetworkKey = (byte[])key.Clone();
            KeySequence = sequence;
        }

        /// <summary>A NWK data (or command) frame from this node to <paramref name="destination"/>, secured once the node has the key.</summary>
        public byte[] Build(ushort destination, byte[] payload, int frameType = NwkFrameType.Data, byte radius = DefaultRadius)
        {
            var h = new NwkHeader();
            h.Reset();
            h.FrameType = frameType;
            h.Destination = destination;
            h.Source = ShortAddress;
            h.Radius = radius;
            h.Sequence = _sequence++;
            h.DiscoverRoute = frameType == NwkFrameType.Data && destination < 0xFFF8 ? 1 : 0;
            h.EndDeviceInitiator = EndDevice;
            return Seal(h, payload);
        }

        /// <summary>
        /// Writes <paramref name="header"/> (its security fields are this node's) in front of <paramref name="payload"/>
        /// and secures it with the next outgoing counter: what an originator does, and what a relay does hop by hop.
        /// </summary>
        public byte[] Seal(NwkHeader header, byte[] payload)
        {
            header.Security = NetworkKey != null;
            if (header.Security)
            {
                header.Auxiliary.Level = 0;
                header.Auxiliary.KeyId = AuxiliaryHeader.KeyIdNetwork;
                header.Auxiliary.ExtendedNonce = true;
                header.Auxiliary.Source = Eui;
                header.Auxiliary.FrameCounter = OutgoingCounter++;
                header.Auxiliary.KeySequence = KeySequence;
            }

            int headerLength = NwkFrameCodec.HeaderLength(header);
            byte[] frame = new byte[headerLength + payload.Length + (header.Security ? 4 : 0)];
            NwkFrameCodec.EncodeHeader(header, frame, 0);
            payload.CopyTo(frame, headerLength);
            if (!header.Security)
            {
                return frame;
            }

            _security.SetKey(NetworkKey, 0);
            int length = _security.Secure(frame, 0, headerLength, payload.Length, header.Auxiliary, Eui);
            if (length != frame.Length)
            {
                throw new InvalidOperationException("NWK frame too long to secure: " + length);
            }

            return frame;
        }

        /// <summary>
        /// Opens a received NWK frame into <paramref name="header"/>; returns its payload, decrypted, or null when
        /// the frame is dropped (counted by reason).
        /// </summary>
        public byte[] Open(byte[] frame, NwkHeader header)
        {
            string problem = NwkFrameCodec.Decode(frame, 0, frame.Length, header, _security.Level);
            if (problem != null)
            {
                return Drop(problem);
            }

            // A broadcast for routers only (0xFFFC: link status, many-to-one route request) is not for an end device: it
            // is discarded unread, so it cannot move the counter this device keeps for the sender.
            if (EndDevice && header.Destination == 0xFFFC)
            {
                return null;
            }

            if (!header.Security)
            {
                if (NetworkKey != null)
                {
                    return Drop("NWK frame without security");
                }

                return Slice(frame, header.PayloadOffset, header.PayloadLength);
            }

            if (NetworkKey == null)
            {
                return Drop("NWK secured frame before the node holds a network key");
            }

            if (header.Auxiliary.KeySequence != KeySequence)
            {
                return Drop("NWK key sequence number is not the active key's");
            }

            ulong source = header.Auxiliary.Source;
            if (_incoming.TryGetValue(source, out uint last) && header.Auxiliary.FrameCounter <= last)
            {
                return Drop("NWK frame counter replayed");
            }

            byte[] copy = (byte[])frame.Clone();
            _security.SetKey(NetworkKey, 0);
            problem = _security.Unsecure(copy, 0, header.HeaderLength, header.PayloadLength, header.Auxiliary, source);
            if (problem != null)
            {
                return Drop(problem);
            }

            _incoming[source] = header.Auxiliary.FrameCounter;
            Accepted++;
            return Slice(copy, header.PayloadOffset, header.PayloadLength);
        }

        private static byte[] Slice(byte[] frame, int offset, int length)
        {
            byte[] payload = new byte[length];
            Array.Copy(frame, offset, payload, 0, length);
            return payload;
        }

        private byte[] Drop(string why)
        {
            Dropped++;
            LastDrop = why;
            _drops[why] = DroppedFor(why) + 1;
            return null;
        }
    }
}
