namespace CommsHub.Ota
{
    /// <summary>What names an OTA image on the air: manufacturer code, image type and file version.</summary>
    public sealed class OtaImageId
    {
        public OtaImageId(ushort manufacturerCode, ushort imageType, uint fileVersion)
        {
            ManufacturerCode = manufacturerCode;
            ImageType = imageType;
            FileVersion = fileVersion;
        }

        public ushort ManufacturerCode { get; private set; }

        public ushort ImageType { get; private set; }

        public uint FileVersion { get; private set; }

        public bool Matches(ushort manufacturerCode, ushort imageType, uint fileVersion)
        {
            return ManufacturerCode == manufacturerCode && ImageType == imageType && FileVersion == fileVersion;
        }

        public override string ToString()
        {
            return "mfr " + CommsHub.Platform.Hex.Format(ManufacturerCode, 4) + " type " + CommsHub.Platform.Hex.Format(ImageType, 4)
                + " version " + CommsHub.Platform.Hex.Format(FileVersion, 8);
        }
    }
}
