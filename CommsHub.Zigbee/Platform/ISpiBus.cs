namespace CommsHub.Platform
{
    /// <summary>
    /// One SPI device on a bus: a full-duplex transfer with its chip select held for the whole
    /// transaction. Buffers are caller-owned so a driver can reuse them and never allocate per frame.
    /// </summary>
    public interface ISpiBus
    {
        /// <summary>
        /// Clocks <paramref name="length"/> bytes out of <paramref name="writeBuffer"/> while clocking the
        /// same number in to <paramref name="readBuffer"/> (which may be null when the answer is not needed).
        /// </summary>
        void TransferFullDuplex(byte[] writeBuffer, byte[] readBuffer, int length);
    }
}
