namespace CommsHub.Alerts
{
    /// <summary>GBCS CCS08 alert codes and transferResponseCode values (GBCS alert content, see gbcs-alerts.md).</summary>
    public static class TransferResponse
    {
        /// <summary>0x8F8A: the target device received the image.</summary>
        public const ushort FirmwareTransferSuccessAlert = 0x8F8A;

        /// <summary>0x8F89: the image did not reach the target device, for the reason in the response code.</summary>
        public const ushort FirmwareTransferFailureAlert = 0x8F89;

        public const byte FileTransferSuccess = 0;
        public const byte ImageDiscarded = 1;
        public const byte HardwareVersionMismatch = 2;
        public const byte FileTransferFailure = 3;

        public static string Name(byte code)
        {
            switch (code)
            {
                case FileTransferSuccess: return "fileTransferSuccess";
                case ImageDiscarded: return "imageDiscarded";
                case HardwareVersionMismatch: return "hardwareVersionMismatch";
                case FileTransferFailure: return "fileTransferFailure";
                default: return "transferResponseCode " + code.ToString();
            }
        }
    }
}
