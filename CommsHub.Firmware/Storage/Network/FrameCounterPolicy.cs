namespace CommsHub.Storage.Network
{
    /// <summary>
    /// [decision] How many outgoing NWK frame counter values the hub reserves in flash at a time. After a reboot
    /// the rest of a reserved block is skipped, so a power cut costs at most one block of the 2^32 values; one
    /// 16-byte record per block means a 4 KB sector lasts 256 blocks (262,144 frames) between erases.
    /// </summary>
    public static class FrameCounterPolicy
    {
        public const uint BlockSize = 1024;

        /// <summary>The store stops handing out values this close to 2^32: the network key must be rotated first.</summary>
        public const uint ExhaustedAt = 0xFFFFFFFF - BlockSize;
    }
}
