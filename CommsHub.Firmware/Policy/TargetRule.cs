using CommsHub.Alerts;

namespace CommsHub.Policy
{
    /// <summary>
    /// ch-firmware-rules.md section 4 (FIA Table 4, image removal triggers): each row ends one target's part in
    /// an image with one alert. A rule is its name, alert code and transferResponseCode.
    /// </summary>
    public sealed class TargetRule
    {
        public static readonly TargetRule UpgradeEndSuccess = new TargetRule("Upgrade End Request with status SUCCESS", TransferResponse.FirmwareTransferSuccessAlert, TransferResponse.FileTransferSuccess);
        public static readonly TargetRule HardwareVersionOutsideRange = new TargetRule("Query Next Image Request with a hardware version outside the image's range", TransferResponse.FirmwareTransferFailureAlert, TransferResponse.HardwareVersionMismatch);
        public static readonly TargetRule UpgradeEndOtherStatus = new TargetRule("Upgrade End Request with any other status", TransferResponse.FirmwareTransferFailureAlert, TransferResponse.FileTransferFailure);
        public static readonly TargetRule NoBlockRequestFor24Hours = new TargetRule("download started, then no block request for 24 hours", TransferResponse.FirmwareTransferFailureAlert, TransferResponse.FileTransferFailure);
        public static readonly TargetRule ZigbeeRetriesExhausted = new TargetRule("transfer failed after all Zigbee-level retries", TransferResponse.FirmwareTransferFailureAlert, TransferResponse.FileTransferFailure);
        /// <summary>[decision] A target that leaves the network mid-download without asking to rejoin, or that the hub sends away, cannot finish: its Zigbee link is gone for good, so it counts as the row above.</summary>
        public static readonly TargetRule LeftMidDownload = new TargetRule("left the network mid-download: transfer failed after all Zigbee-level retries", TransferResponse.FirmwareTransferFailureAlert, TransferResponse.FileTransferFailure);
        public static readonly TargetRule NotStartedWithin14Days = new TargetRule("no download started within 14 days of the image arriving", TransferResponse.FirmwareTransferFailureAlert, TransferResponse.ImageDiscarded);
        public static readonly TargetRule DisplacedOrRefused = new TargetRule("image displaced or refused by the section 3 priority rules", TransferResponse.FirmwareTransferFailureAlert, TransferResponse.ImageDiscarded);

        private TargetRule(string name, ushort alertCode, byte responseCode)
        {
            Name = name;
            AlertCode = alertCode;
            ResponseCode = responseCode;
        }

        public string Name { get; private set; }

        public ushort AlertCode { get; private set; }

        public byte ResponseCode { get; private set; }
    }
}
