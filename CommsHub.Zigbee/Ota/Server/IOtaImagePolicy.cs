namespace CommsHub.Ota.Server
{
    /// <summary>
    /// The hub's side of the OTA server: which image a device may have, and what happened. Devices are
    /// EUI-64 values, most significant byte first. Calls come from the main loop, one at a time.
    /// </summary>
    public interface IOtaImagePolicy
    {
        /// <summary>The image this device is a target of, or null. Asked on every request: serving is stateless.</summary>
        OtaOffer OfferFor(ulong device);

        /// <summary>A Query Next Image Request was answered with <paramref name="answer"/> (a ZCL status).</summary>
        void QueryNextImage(ulong device, uint currentFileVersion, bool hasHardwareVersion, ushort hardwareVersion, byte answer);

        /// <summary>The device's hardware version lies outside the offered image's range; it got no image.</summary>
        void HardwareMismatch(ulong device, OtaOffer offer, ushort hardwareVersion);

        /// <summary>A block went out; <paramref name="firstOfDownload"/> marks the first this server served the device.</summary>
        void BlockServed(ulong device, OtaOffer offer, uint offset, int size, bool firstOfDownload);

        /// <summary>
        /// The device ended its upgrade with <paramref name="status"/>. For SUCCESS the return value says whether
        /// it counts as a completed transfer (and so gets an Upgrade End Response); a SUCCESS with no download
        /// seen is suspicious and the policy may refuse it.
        /// </summary>
        bool UpgradeEnded(ulong device, OtaOffer offer, byte status, bool downloadSeen);
    }
}
