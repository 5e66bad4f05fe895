namespace CommsHub.TrustCenter
{
    /// <summary>
    /// [decision] When devices may join: only inside a window the head-end opens (GBCS join_timeout, in seconds),
    /// measured on the monotonic clock so a change of UTC time neither shortens nor extends it.
    /// </summary>
    public static class JoinWindowPolicy
    {
        /// <summary>The window when the head-end names none.</summary>
        public const int DefaultSeconds = 3600;

        /// <summary>Longest window accepted; a larger request is capped, never refused.</summary>
        public const int MaxSeconds = 86400;

        public static long ClosesAt(long nowMilliseconds, int seconds)
        {
            if (seconds <= 0)
            {
                seconds = DefaultSeconds;
            }

            if (seconds > MaxSeconds)
            {
                seconds = MaxSeconds;
            }

            return nowMilliseconds + (seconds * 1000L);
        }
    }
}
