namespace CommsHub.Mac.Coordinator
{
    /// <summary>A frame waiting for the radio, and what to do when the chip reports on it.</summary>
    internal sealed class OutgoingFrame
    {
        public const int KindBeacon = 0;
        public const int KindData = 1;
        public const int KindIndirect = 2;
        public const int KindEmptyData = 3;

        public readonly byte[] Bytes = new byte[MacFrame.MaxLength];
        public int Length;
        public int Kind;
        public int Handle;
        public int IndirectSlot = -1;
    }
}
