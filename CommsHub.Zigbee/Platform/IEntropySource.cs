namespace CommsHub.Platform
{
    /// <summary>Random bytes for keys: the ESP32's hardware generator on the board, the OS generator on a PC.</summary>
    public interface IEntropySource
    {
        void Fill(byte[] buffer);
    }
}
