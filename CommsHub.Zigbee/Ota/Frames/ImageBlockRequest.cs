using CommsHub.Zcl;

namespace CommsHub.Ota.Frames
{
    /// <summary>Image Block Request (0x03) with its optional request node address and minimum block period.</summary>
    public sealed class ImageBlockRequest
    {
        public ushort ManufacturerCode;
        public ushort ImageType;
        public uint FileVersion;
        public uint FileOffset;
        public byte MaximumDataSize;
        public bool HasRequestNodeAddress;
        public ulong RequestNodeAddress;
        public bool HasMinimumBlockPeriod;
        public ushort MinimumBlockPeriod;

        public bool Decode(ZclReader reader)
        {
            byte fieldControl = reader.U8("field control");
            ManufacturerCode = reader.U16("manufacturer code");
            ImageType = reader.U16("image type");
            FileVersion = reader.U32("file version");
            FileOffset = reader.U32("file offset");
            MaximumDataSize = reader.U8("maximum data size");
            HasRequestNodeAddress = (fieldControl & 0x01) != 0;
            RequestNodeAddress = HasRequestNodeAddress ? reader.Ieee("request node address") : 0;
            HasMinimumBlockPeriod = (fieldControl & 0x02) != 0;
            MinimumBlockPeriod = HasMinimumBlockPeriod ? reader.U16("minimum block period") : (ushort)0;
            return !reader.Failed;
        }
    }
}
