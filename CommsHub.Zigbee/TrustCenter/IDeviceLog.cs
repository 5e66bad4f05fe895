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

        /// <summary>Whether the head-end's add opened a join window for <paramref name="eui64"/> that is still open.</summary>
        bool JoinWindowOpen(ulong eui64, long nowMilliseconds);

        /// <summary>Whether any listed device's join window is open (the MAC then advertises permit-join).</summary>
        bool AnyJoinWindowOpen(long nowMilliseconds);

        /// <summary>An association the trust centre refused, in words, for the head-end.</summary>
        void JoinRefused(ulong eui64, string why);
    }
}
