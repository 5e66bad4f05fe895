namespace CommsHub.Wan.Link
{
    public sealed class LinkSettings
    {
        /// <summary>DATA frames in flight before an acknowledgement: enough to keep a serial line busy while acks return.</summary>
        public int Window = 8;

        /// <summary>Unacknowledged frames are sent again after this long; must exceed a full window's time on the wire.</summary>
        public int RetransmitMilliseconds = 2000;
    }
}
