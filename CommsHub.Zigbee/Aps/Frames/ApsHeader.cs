using CommsHub.Security;

namespace CommsHub.Aps
{
    /// <summary>
    /// An APS header (Zigbee specification 2.2.5): frame control, the addressing fields a data or data-ack frame
    /// carries (endpoints, group address, cluster, profile), the APS counter, the extended header for
    /// fragmentation, and the auxiliary security header when the security bit is set. Reused per frame.
    /// </summary>
    public sealed class ApsHeader
    {
        public ApsHeader()
        {
            Auxiliary = new AuxiliaryHeader();
        }

        public int FrameType { get; set; }

        public int DeliveryMode { get; set; }

        /// <summary>Ack format: set on an ack of a command frame, which carries no endpoints, cluster or profile.</summary>
        public bool AckFormat { get; set; }

        public bool Security { get; set; }

        public bool AckRequest { get; set; }

        public bool ExtendedHeader { get; set; }

        public byte DestinationEndpoint { get; set; }

        public ushort GroupAddress { get; set; }

        public ushort Cluster { get; set; }

        public ushort Profile { get; set; }

        public byte SourceEndpoint { get; set; }

        public byte Counter { get; set; }

        /// <summary>Extended header: fragmentation (0 none, 1 first, 2 later), block number, ack bitfield.</summary>
        public int Fragmentation { get; set; }

        public byte BlockNumber { get; set; }

        public byte AckBitfield { get; set; }

        public AuxiliaryHeader Auxiliary { get; private set; }

        public int HeaderLength { get; set; }

        public int PayloadOffset { get; set; }

        public int PayloadLength { get; set; }

        public int MicLength { get; set; }

        public byte FrameControl
        {
            get
            {
                return (byte)((FrameType & 3)
                    | ((DeliveryMode & 3) << 2)
                    | (AckFormat ? 0x10 : 0)
                    | (Security ? 0x20 : 0)
                    | (AckRequest ? 0x40 : 0)
                    | (ExtendedHeader ? 0x80 : 0));
            }
        }

        /// <summary>Whether this frame carries endpoints, cluster and profile: data frames and acks of data frames.</summary>
        public bool HasAddressing
        {
            get { return FrameType == ApsFrameType.Data || (FrameType == ApsFrameType.Ack && !AckFormat); }
        }
    }
}
