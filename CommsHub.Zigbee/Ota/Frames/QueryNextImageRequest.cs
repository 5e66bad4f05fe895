using CommsHub.Zcl;

namespace CommsHub.Ota.Frames
{
    /// <summary>Query Next Image Request (0x01): 9 bytes, or 11 with the hardware version.</summary>
    public sealed class QueryNextImageRequest
    {
        public ushort ManufacturerCode;
        public ushort ImageType;
        public uint CurrentFileVersion;
        public bool HasHardwareVersion;
        public ushort HardwareVersion;

        public bool Decode(ZclReader reader)
        {
            byte fieldControl = reader.U8("field control");
            ManufacturerCode = reader.U16("manufacturer code");
            ImageType = reader.U16("image type");
            CurrentFileVersion = reader.U32("current file version");
            HasHardwareVersion = (fieldControl & 0x01) != 0;
            HardwareVersion = HasHardwareVersion ? reader.U16("hardware version") : (ushort)0;
            return !reader.Failed;
        }
    }
}
