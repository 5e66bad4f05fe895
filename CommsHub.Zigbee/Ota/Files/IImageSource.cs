namespace CommsHub.Ota.Files
{
    /// <summary>
    /// Random access to stored image bytes: flash on the device, a file or array on a PC. Reads go straight
    /// into the caller's buffer so a 750 KB image never has to fit in the device's ~100 KB heap.
    /// </summary>
    public interface IImageSource
    {
        /// <summary>Bytes available to read.</summary>
        int Length { get; }

        void Read(int offset, byte[] buffer, int bufferOffset, int count);
    }
}
