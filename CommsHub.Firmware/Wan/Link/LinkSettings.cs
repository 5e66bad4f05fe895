namespace CommsHub.Wan.Link
{
    public sealed class LinkSettings
    {
        /// <summary>
        /// Worst case of one DATA frame on the wire: header, largest payload and CRC, plus COBS's code byte per 254
        /// bytes and the frame delimiters.
        /// </summary>
        public const int MaximumWireFrame = LinkFrame.Overhead + LinkFrame.MaximumPayload + (LinkFrame.Overhead + LinkFrame.MaximumPayload) / 254 + 1 + 2;

        /// <summary>
        /// The device's UART receive buffer, set before the port opens (nanoFramework's default is 256 bytes, 22 ms
        /// at 115,200 baud). It holds a whole window sent while the main loop is busy elsewhere, with room to spare
        /// for the acknowledgements' own frames; 4.5 KB of the ESP32's native heap.
        /// </summary>
        public const int DeviceReceiveBufferBytes = 4608;

        /// <summary>
        /// DATA frames in flight before an acknowledgement. Four 1 KiB frames keep a 115,200-baud line busy for
        /// 360 ms while acks return, and a full window still fits <see cref="DeviceReceiveBufferBytes"/>, so a hub
        /// that does not read for a while loses nothing.
        /// </summary>
        public int Window = 4;

        /// <summary>Unacknowledged frames are sent again after this long; must exceed a full window's time on the wire.</summary>
        public int RetransmitMilliseconds = 2000;
    }
}
