using CommsHub.Security;

namespace CommsHub.Nwk
{
    /// <summary>
    /// A Zigbee PRO (R21/R22) NWK header (Zigbee specification 3.3.1): frame control, destination and source
    /// short addresses, radius, sequence number, the optional IEEE addresses, multicast control and source route
    /// subframe, and the auxiliary security header when the security bit is set. One instance is reused per
    /// frame; decoding fills it, encoding reads it.
    /// </summary>
    public sealed class NwkHeader
    {
        /// <summary>Relays a source route subframe may hold here: more than a GB HAN ever needs in one hop list.</summary>
        public const int MaxRelays = 16;

        public const int ProtocolVersionPro = 2;

        public NwkHeader()
        {
            ProtocolVersion = ProtocolVersionPro;
            Relays = new ushort[MaxRelays];
            Auxiliary = new AuxiliaryHeader();
        }

        public int FrameType { get; set; }

        public int ProtocolVersion { get; set; }

        /// <summary>Discover route: 0 suppress, 1 enable.</summary>
        public int DiscoverRoute { get; set; }

        public bool Multicast { get; set; }

        public bool Security { get; set; }

        public bool SourceRoute { get; set; }

        public bool HasDestinationIeee { get; set; }

        public bool HasSourceIeee { get; set; }

        /// <summary>R21: set by an end device on frames it originates to its parent.</summary>
        public bool EndDeviceInitiator { get; set; }

        public ushort Destination { get; set; }

        public ushort Source { get; set; }

        public byte Radius { get; set; }

        public byte Sequence { get; set; }

        public ulong DestinationIeee { get; set; }

        public ulong SourceIeee { get; set; }

        /// <summary>Multicast control: mode bits 0-1, non-member radius bits 2-4, max non-member radius bits 5-7.</summary>
        public byte MulticastControl { get; set; }

        public int RelayCount { get; set; }

        public int RelayIndex { get; set; }

        public ushort[] Relays { get; private set; }

        public AuxiliaryHeader Auxiliary { get; private set; }

        /// <summary>After decoding: bytes from the frame's start to the payload, auxiliary header included.</summary>
        public int HeaderLength { get; set; }

        /// <summary>After decoding: where the payload starts in the buffer, and its length (MIC excluded).</summary>
        public int PayloadOffset { get; set; }

        public int PayloadLength { get; set; }

        /// <summary>After decoding a secured frame: the MIC's length at the configured level.</summary>
        public int MicLength { get; set; }

        public int FrameControl
        {
            get
            {
                return (FrameType & 3)
                    | ((ProtocolVersion & 0xF) << 2)
                    | ((DiscoverRoute & 3) << 6)
                    | (Multicast ? 0x0100 : 0)
                    | (Security ? 0x0200 : 0)
                    | (SourceRoute ? 0x0400 : 0)
                    | (HasDestinationIeee ? 0x0800 : 0)
                    | (HasSourceIeee ? 0x1000 : 0)
                    | (EndDeviceInitiator ? 0x2000 : 0);
            }
        }

        /// <summary>Clears every field for the next frame (the relay array and auxiliary header are kept).</summary>
        public void Reset()
        {
            FrameType = NwkFrameType.Data;
            ProtocolVersion = ProtocolVersionPro;
            DiscoverRoute = 0;
            Multicast = Security = SourceRoute = HasDestinationIeee = HasSourceIeee = EndDeviceInitiator = false;
            Destination = Source = 0;
            Radius = Sequence = MulticastControl = 0;
            DestinationIeee = SourceIeee = 0;
            RelayCount = RelayIndex = 0;
            HeaderLength = PayloadOffset = PayloadLength = MicLength = 0;
            Auxiliary.Level = 0;
            Auxiliary.KeyId = AuxiliaryHeader.KeyIdNetwork;
            Auxiliary.ExtendedNonce = true;
            Auxiliary.FrameCounter = 0;
            Auxiliary.Source = 0;
            Auxiliary.KeySequence = 0;
        }
    }
}
