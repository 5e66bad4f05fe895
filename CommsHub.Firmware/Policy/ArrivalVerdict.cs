namespace CommsHub.Policy
{
    /// <summary>What section 3 says to do with an image arriving for a block.</summary>
    public enum ArrivalVerdict
    {
        /// <summary>The block is free: store the image.</summary>
        Store = 0,

        /// <summary>Discard the held image (imageDiscarded for its unfinished targets) and store the new one.</summary>
        Replace = 1,

        /// <summary>Keep the held image; the new one is refused (imageDiscarded for each of its targets).</summary>
        Refuse = 2,
    }
}
