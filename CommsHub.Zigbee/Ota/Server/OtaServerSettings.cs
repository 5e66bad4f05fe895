namespace CommsHub.Ota.Server
{
    /// <summary>Tunables of the OTA server, with values that suit one GB hub.</summary>
    public sealed class OtaServerSettings
    {
        /// <summary>Four ESMEs, the GSME, a PPMID and an HCALCS: the most one hub updates at once.</summary>
        public int MaximumConcurrentDownloads = 7;

        /// <summary>A device that asked for a block this recently still holds a download slot.</summary>
        public long ActiveWindowMilliseconds = 10 * 60 * 1000;

        /// <summary>Told to devices beyond the concurrency cap: ask again after this many seconds.</summary>
        public uint BusyRetryDelaySeconds = 60;

        /// <summary>Server-side pacing between new blocks for one device; 0 serves as fast as asked.</summary>
        public ushort MinimumBlockPeriodMilliseconds = 0;

        /// <summary>
        /// Image Page Request spacing is clamped to this, so no client can hold a page (and a download slot) open for
        /// ever; the floor is <see cref="PageSpacingPolicy"/>, the airtime of one block.
        /// </summary>
        public int MaximumPageSpacingMilliseconds = 2000;

        /// <summary>Query jitter in Image Notify (1-100): 100 asks every notified device to query.</summary>
        public byte ImageNotifyQueryJitter = 100;

        /// <summary>Per-device records kept for progress and pacing; the least recently heard is dropped first.</summary>
        public int MaximumClientRecords = 32;
    }
}
