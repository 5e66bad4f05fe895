namespace CommsHub.Wan.Link
{
    /// <summary>Where a link delivers what arrives: each payload once, in the order it was sent.</summary>
    public interface ILinkListener
    {
        void PayloadReceived(byte[] buffer, int offset, int count);

        /// <summary>The peer started a new session (it restarted); anything it had in flight before is gone.</summary>
        void PeerRestarted();
    }
}
