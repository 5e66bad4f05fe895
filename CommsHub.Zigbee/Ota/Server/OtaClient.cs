using CommsHub.Platform;

namespace CommsHub.Ota.Server
{
    /// <summary>
    /// What the server remembers of one device: progress and pacing only. Serving never depends on it,
    /// so a lost record (reboot, eviction) costs nothing but statistics.
    /// </summary>
    internal sealed class OtaClient
    {
        public ulong Device;
        public long LastHeardAt;
        public long LastBlockAt = long.MinValue;
        public uint LastOffset = uint.MaxValue;
        public long BytesServed;
        public bool DownloadSeen;
        public uint DownloadFileVersion;

        public bool PageActive;
        public OtaOffer PageOffer;
        public uint PageNext;
        public uint PageEnd;
        public int PageBlockSize;
        public int PageSpacingMicroseconds;
        public long PageDueAtMicroseconds;
        public byte PageSequence;
        public ClockTimer PageTimer;

        public void StopPage()
        {
            PageActive = false;
            PageOffer = null;
            if (PageTimer != null)
            {
                PageTimer.Cancel();
                PageTimer = null;
            }
        }
    }
}
