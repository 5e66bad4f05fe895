namespace CommsHub.Clusters.KeepAlive
{
    /// <summary>
    /// [decision] How often devices should check the trust centre is alive: the Smart Energy defaults, a base of
    /// 10 minutes plus up to 300 seconds of jitter, so a HAN of devices does not poll the hub in step.
    /// </summary>
    public static class KeepAlivePolicy
    {
        /// <summary>TCKeepAliveBase in minutes (SE range 1-255).</summary>
        public const byte BaseMinutes = 10;

        /// <summary>TCKeepAliveJitter in seconds (SE range 0-512).</summary>
        public const ushort JitterSeconds = 300;
    }
}
