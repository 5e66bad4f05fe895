namespace CommsHub.Clusters.KeyEstablishment
{
    /// <summary>A decoded Terminate Key Establishment command.</summary>
    public sealed class TerminateKeyEstablishment
    {
        public byte StatusCode;

        /// <summary>Seconds the receiver should wait before trying again.</summary>
        public byte WaitTime;

        public ushort Suite;
    }
}
