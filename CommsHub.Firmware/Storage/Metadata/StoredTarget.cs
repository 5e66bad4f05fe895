namespace CommsHub.Storage.Metadata
{
    public sealed class StoredTarget
    {
        public ulong Device;
        public byte State;

        /// <summary>transferResponseCode once <see cref="State"/> is Done.</summary>
        public byte Response;

        /// <summary>UTC ticks of the first block request; 0 until the download starts.</summary>
        public long FirstBlockTicks;

        /// <summary>UTC ticks of the last block request, persisted coarsely (see ImageStore).</summary>
        public long LastBlockTicks;

        /// <summary>RAM only: the LastBlockTicks value last written to flash.</summary>
        public long PersistedLastBlockTicks;
    }
}
