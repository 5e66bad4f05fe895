namespace CommsHub.Policy
{
    /// <summary>Time limits of ch-firmware-rules.md section 4.</summary>
    public static class RetentionPolicy
    {
        private const long TicksPerHour = 36000000000L;

        /// <summary>A target that has not started downloading this long after the image arrived gets imageDiscarded (a minimum: never sooner).</summary>
        public const long NeverStartedTicks = 14 * 24 * TicksPerHour;

        /// <summary>A target that started but sent no block request for this long gets fileTransferFailure.</summary>
        public const long StalledTicks = 24 * TicksPerHour;

        /// <summary>
        /// [decision] The last-block time is written to flash at most this often, to spare the flash; after a
        /// reboot the stall clock restarts from the boot (or the first trusted clock), so the coarse record can
        /// only make a stall alert late, never early.
        /// </summary>
        public const long LastBlockPersistTicks = TicksPerHour;

        /// <summary>The next deadline check is never further away than this, so a wall clock set forwards is noticed.</summary>
        public const long LongestCheckIntervalMilliseconds = 60 * 60 * 1000;
    }
}
