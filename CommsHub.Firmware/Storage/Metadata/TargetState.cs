namespace CommsHub.Storage.Metadata
{
    /// <summary>Where one target device stands with its image.</summary>
    public static class TargetState
    {
        public const byte Pending = 0;
        public const byte Downloading = 1;
        public const byte Done = 2;
    }
}
