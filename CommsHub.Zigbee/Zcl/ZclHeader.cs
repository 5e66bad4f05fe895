namespace CommsHub.Zcl
{
    /// <summary>
    /// The ZCL frame header: frame control, optional manufacturer code, transaction sequence number and
    /// command id. One instance is reused for every received frame.
    /// </summary>
    public sealed class ZclHeader
    {
        public const int FrameTypeGlobal = 0x00;
        public const int FrameTypeClusterSpecific = 0x01;

        private const int FrameTypeMask = 0x03;
        private const int ManufacturerSpecificBit = 0x04;
        private const int ServerToClientBit = 0x08;
        private const int DisableDefaultResponseBit = 0x10;

        public int FrameType { get; set; }

        public bool ManufacturerSpecific { get; set; }

        public ushort ManufacturerCode { get; set; }

        /// <summary>True when the frame goes from the cluster's server to its client.</summary>
        public bool ServerToClient { get; set; }

        public bool DisableDefaultResponse { get; set; }

        public byte Sequence { get; set; }

        public byte CommandId { get; set; }

        public bool Decode(ZclReader reader)
        {
            byte control = reader.U8("frame control");
            if (!reader.Failed && (control & 0xE0) != 0)
            {
                reader.Reject("frame control 0x" + CommsHub.Platform.Hex.Format(control, 2) + " sets reserved bits 5-7");
            }

            if (!reader.Failed && (control & FrameTypeMask) > FrameTypeClusterSpecific)
            {
                reader.Reject("frame control 0x" + CommsHub.Platform.Hex.Format(control, 2) + " has reserved frame type " + (control & FrameTypeMask).ToString());
            }

            FrameType = control & FrameTypeMask;
            ManufacturerSpecific = (control & ManufacturerSpecificBit) != 0;
            ServerToClient = (control & ServerToClientBit) != 0;
            DisableDefaultResponse = (control & DisableDefaultResponseBit) != 0;
            ManufacturerCode = ManufacturerSpecific ? reader.U16("manufacturer code") : (ushort)0;
            Sequence = reader.U8("transaction sequence number");
            CommandId = reader.U8("command identifier");
            return !reader.Failed;
        }

        public static void Encode(ZclWriter writer, int frameType, bool serverToClient, bool disableDefaultResponse, byte sequence, byte commandId)
        {
            int control = frameType & FrameTypeMask;
            if (serverToClient)
            {
                control |= ServerToClientBit;
            }

            if (disableDefaultResponse)
            {
                control |= DisableDefaultResponseBit;
            }

            writer.U8(control);
            writer.U8(sequence);
            writer.U8(commandId);
        }
    }
}
