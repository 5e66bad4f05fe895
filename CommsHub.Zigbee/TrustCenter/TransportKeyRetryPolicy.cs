namespace CommsHub.TrustCenter
{
    /// <summary>
    /// [decision] A Transport-Key counts as delivered when the MAC says so (the device's MAC ack, or a sleepy device's poll
    /// that took it). One that is not is sent again, freshly secured, up to <see cref="Attempts"/> times in all; then the
    /// trust centre gives up, counts it and reports it, and the device may join again while its window is open.
    /// </summary>
    public static class TransportKeyRetryPolicy
    {
        public const int Attempts = 3;

        /// <summary>Transport-Keys awaiting their MAC confirm at once; more are sent without retries.</summary>
        public const int Pending = 8;
    }
}
