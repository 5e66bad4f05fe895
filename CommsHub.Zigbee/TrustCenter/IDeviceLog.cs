namespace CommsHub.TrustCenter
{
    /// <summary>What the trust centre asks the GB CHF Device Log: may this EUI-64 join, and with which install code.</summary>
    public interface IDeviceLog
    {
        /// <summary>
        /// Copies the install code (without its CRC) of <paramref name="eui64"/> into <paramref name="code"/> and
        /// returns its length, or returns 0 when the device is not in the log.
        /// </summary>
        int InstallCodeOf(ulong eui64, byte[] code);
    }
}
