namespace CommsHub.Ota
{
    /// <summary>Command ids of the OTA Upgrade cluster (0x0019).</summary>
    public static class OtaCommand
    {
        public const ushort ClusterId = 0x0019;

        public const byte ImageNotify = 0x00;
        public const byte QueryNextImageRequest = 0x01;
        public const byte QueryNextImageResponse = 0x02;
        public const byte ImageBlockRequest = 0x03;
        public const byte ImagePageRequest = 0x04;
        public const byte ImageBlockResponse = 0x05;
        public const byte UpgradeEndRequest = 0x06;
        public const byte UpgradeEndResponse = 0x07;
        public const byte QueryDeviceSpecificFileRequest = 0x08;
        public const byte QueryDeviceSpecificFileResponse = 0x09;

        public static string Name(byte commandId)
        {
            switch (commandId)
            {
                case ImageNotify: return "Image Notify";
                case QueryNextImageRequest: return "Query Next Image Request";
                case QueryNextImageResponse: return "Query Next Image Response";
                case ImageBlockRequest: return "Image Block Request";
                case ImagePageRequest: return "Image Page Request";
                case ImageBlockResponse: return "Image Block Response";
                case UpgradeEndRequest: return "Upgrade End Request";
                case UpgradeEndResponse: return "Upgrade End Response";
                case QueryDeviceSpecificFileRequest: return "Query Device Specific File Request";
                case QueryDeviceSpecificFileResponse: return "Query Device Specific File Response";
                default: return "OTA command 0x" + CommsHub.Platform.Hex.Format(commandId, 2);
            }
        }
    }
}
