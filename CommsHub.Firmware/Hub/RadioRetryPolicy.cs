namespace CommsHub.Hub
{
    /// <summary>
    /// [decision] A radio that fails to start is tried again every minute, for ever: a loose module or a
    /// brown-out of the radio's supply can recover, and one attempt (reset, init, 16-channel energy scan)
    /// costs the main loop a few tens of milliseconds at most once a minute.
    /// </summary>
    public static class RadioRetryPolicy
    {
        public const long RetryMilliseconds = 60000;
    }
}
