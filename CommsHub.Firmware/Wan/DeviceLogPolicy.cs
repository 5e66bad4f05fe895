namespace CommsHub.Wan
{
    /// <summary>
    /// [decision] The CHF Device Log has a fixed number of entries (GBCS: an add to a full log is refused, never
    /// grows it). 16 covers a full GB HAN (ESME, GSME, PPMID or IHD, HCALCS, CADs) with room on a test bench, and
    /// its entries (at most 8 + 1 + 18 bytes each) stay well under a kilobyte of the ESP32's heap.
    /// </summary>
    public static class DeviceLogPolicy
    {
        public const int Capacity = 16;

        /// <summary>
        /// [decision] The join window (GBCS join_timeout) an add opens for its device when the head-end names none: an
        /// hour, the trust centre's own default (<c>JoinWindowPolicy.DefaultSeconds</c>), time for an installer to power
        /// the device up after the add. The window is kept in RAM: a hub that restarts closes it, and the head-end adds again.
        /// </summary>
        public const int DefaultJoinTimeoutSeconds = CommsHub.TrustCenter.JoinWindowPolicy.DefaultSeconds;
    }
}
