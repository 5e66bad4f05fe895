namespace CommsHub.Platform
{
    /// <summary>A byte stream to the WAN: a UART on the board, a pty, pipe or TCP socket on a PC.</summary>
    public interface ISerialPort
    {
        /// <summary>Bytes waiting to be read; reading never blocks.</summary>
        int BytesToRead { get; }

        /// <summary>Reads at most <paramref name="count"/> bytes that are already waiting; returns how many.</summary>
        int Read(byte[] buffer, int offset, int count);

        void Write(byte[] buffer, int offset, int count);
    }
}
