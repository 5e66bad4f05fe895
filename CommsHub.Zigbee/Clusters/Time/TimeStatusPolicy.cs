namespace CommsHub.Clusters.Time
{
    /// <summary>
    /// [decision] What the Time cluster claims about the hub's clock. The CH is the HAN's time master, but only
    /// while its clock was set by the WAN, recently enough: then TimeStatus is Master, MasterZoneDst and
    /// Superseding (devices take the hub's time, zone and DST over any other source; Synchronized stays clear
    /// because the master is not itself synchronised over the HAN). Otherwise (never set since start, set too
    /// long ago, or moved back behind the last set) TimeStatus is 0 and every time value reads as invalid
    /// (0xFFFFFFFF), so no device copies a clock nobody vouched for.
    /// </summary>
    public static class TimeStatusPolicy
    {
        public const byte Master = 0x01;
        public const byte Synchronized = 0x02;
        public const byte MasterZoneDst = 0x04;
        public const byte Superseding = 0x08;

        public const byte WhenTrusted = Master | MasterZoneDst | Superseding;
        public const byte WhenUntrusted = 0x00;

        /// <summary>How long a WAN time set is vouched for (ValidUntilTime = LastSetTime + this): one week.</summary>
        public const uint ValidForSeconds = 7 * 24 * 3600;
    }
}
