namespace CommsHub.Storage
{
    /// <summary>How the image store answered an ingest step; the WAN link turns these into its replies.</summary>
    public enum IngestStatus
    {
        /// <summary>Begin or chunk accepted; send from NextOffset.</summary>
        Accepted = 0,

        /// <summary>The image is complete, verified and servable.</summary>
        Stored = 1,

        /// <summary>The section 3 rules refuse the image; its targets get imageDiscarded.</summary>
        Refused = 2,

        /// <summary>The declaration itself is unacceptable (size, device type, targets); nothing was recorded.</summary>
        Invalid = 3,

        /// <summary>A chunk did not continue where the store expected; send from NextOffset.</summary>
        OutOfOrder = 4,

        /// <summary>End came before all declared bytes arrived.</summary>
        Incomplete = 5,

        /// <summary>The bytes received do not hash to the declared SHA-256; the image was dropped.</summary>
        HashMismatch = 6,

        /// <summary>The bytes are not a servable OTA file; the image was dropped.</summary>
        InvalidOtaFile = 7,

        /// <summary>No image is being received.</summary>
        NoTransfer = 8,
    }
}
