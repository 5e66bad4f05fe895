namespace CommsHub.Nwk
{
    /// <summary>
    /// Where the outgoing NWK frame counter comes from. The hub's implementation reserves blocks of values in
    /// flash before using them, so no value is ever sent twice, across reboots and power cuts.
    /// </summary>
    public interface INwkFrameCounter
    {
        /// <summary>The next unused value; false when none can be guaranteed fresh (storage failed or exhausted).</summary>
        bool TryNext(out uint counter);
    }
}
