namespace CommsHub.Wan
{
    /// <summary>The clock's range in the units the WAN sends: DateTime ends with the year 9999.</summary>
    public static class ClockRange
    {
        /// <summary>9999-12-31T23:59:59.999Z in milliseconds since 1970.</summary>
        public const ulong LatestUnixMilliseconds = 253402300799999;
    }
}
