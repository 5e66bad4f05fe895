using CommsHub.Zcl;

namespace CommsHub.Ota.Frames
{
    /// <summary>Upgrade End Request (0x06): the client's verdict on the image it downloaded.</summary>
    public sealed class UpgradeEndRequest
    {
        public byte Status;
        public ushort ManufacturerCode;
        public ushort ImageType;
        public uint FileVersion;

        public bool Decode(ZclReader reader)
        {
            Status = reader.U8("status");
            ManufacturerCode = reader.U16("manufacturer code");
            ImageType = reader.U16("image type");
            FileVersion = reader.U32("file version");
            return !reader.Failed;
        }
    }
}
