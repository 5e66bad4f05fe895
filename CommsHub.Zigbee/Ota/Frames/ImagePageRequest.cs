using CommsHub.Zcl;

namespace CommsHub.Ota.Frames
{
    /// <summary>Image Page Request (0x04): the client asks for a page of blocks sent back at a given spacing.</summary>
    public sealed class ImagePageRequest
    {
        public ushort ManufacturerCode;
        public ushort ImageType;
        public uint FileVersion;
        public uint FileOffset;
        public byte MaximumDataSize;
        public ushort PageSize;
        public ushort ResponseSpacing;
        public bool HasRequestNodeAddress;
        public ulong RequestNodeAddress;

        public bool Decode(ZclReader reader)
        {
            byte fieldControl = reader.U8("field control");
            ManufacturerCode = reader.U16("manufacturer code");
            ImageType = reader.U16("image type");
            FileVersion = reader.U32("file version");
            FileOffset = reader.U32("file offset");
            MaximumDataSize = reader.U8("maximum data size");
            PageSize = reader.U16("page size");
            ResponseSpacing = reader.U16("response spacing");
            HasRequestNodeAddress = (fieldControl & 0x01) != 0;
            RequestNodeAddress = HasRequestNodeAddress ? reader.Ieee("request node address") : 0;
            return !reader.Failed;
        }
    }
}
