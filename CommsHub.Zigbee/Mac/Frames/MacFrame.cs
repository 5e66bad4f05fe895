namespace CommsHub.Mac
{
    /// <summary>
    /// One IEEE 802.15.4-2006 MAC frame without its FCS (the radio appends and checks that). The payload is a
    /// window onto a caller's buffer, so a received frame is decoded in place and a reused instance makes
    /// decoding allocation-free.
    /// </summary>
    public sealed class MacFrame
    {
        /// <summary>aMaxPHYPacketSize less the two FCS bytes.</summary>
        public const int MaxLength = 125;

        public const int FrameVersion2003 = 0;
        public const int FrameVersion2006 = 1;

        public int FrameType;
        public bool SecurityEnabled;
        public bool FramePending;
        public bool AckRequest;
        public bool PanIdCompression;
        public int FrameVersion = FrameVersion2006;
        public byte Sequence;
        public ushort DestinationPanId;
        public MacAddress Destination;
        public ushort SourcePanId;
        public MacAddress Source;

        /// <summary>For a command frame: the command identifier (the payload then starts after it).</summary>
        public byte CommandId;

        public byte[] Payload;
        public int PayloadOffset;
        public int PayloadLength;

        public void Clear()
        {
            FrameType = 0;
            SecurityEnabled = false;
            FramePending = false;
            AckRequest = false;
            PanIdCompression = false;
            FrameVersion = FrameVersion2006;
            Sequence = 0;
            DestinationPanId = 0;
            Destination = MacAddress.None();
            SourcePanId = 0;
            Source = MacAddress.None();
            CommandId = 0;
            Payload = null;
            PayloadOffset = 0;
            PayloadLength = 0;
        }

        public byte PayloadAt(int index)
        {
            return Payload[PayloadOffset + index];
        }

        public override string ToString()
        {
            string s = MacFrameType.Name(FrameType) + " seq " + Sequence;
            if (FrameType == MacFrameType.Command)
            {
                s += " cmd 0x" + Platform.Hex.Format(CommandId, 2);
            }

            if (Destination.Mode != MacAddressMode.None)
            {
                s += " to " + Destination.ToString();
            }

            if (Source.Mode != MacAddressMode.None)
            {
                s += " from " + Source.ToString();
            }

            return s + (AckRequest ? " ack-req" : string.Empty) + (FramePending ? " pending" : string.Empty);
        }
    }
}
