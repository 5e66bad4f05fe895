// Reference stub of nanoFramework.System.IO.Ports 1.1.139.
namespace System.IO.Ports
{
    public enum Parity { None = 0, Odd = 1, Even = 2 }

    public enum StopBits { One = 1, Two = 2, OnePointFive = 3 }

    public sealed class SerialPort : IDisposable
    {
        public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One) { }
        public void Open() { throw null; }
        public void Close() { throw null; }
        public bool IsOpen { get { throw null; } }
        public int BaudRate { get { throw null; } set { } }
        public int ReadTimeout { get { throw null; } set { } }
        public int WriteTimeout { get { throw null; } set { } }
        public int BytesToRead { get { throw null; } }
        public int ReadBufferSize { get { throw null; } set { } }
        public int Read(byte[] buffer, int offset, int count) { throw null; }
        public void Write(byte[] buffer, int offset, int count) { throw null; }
        public void Dispose() { throw null; }
    }
}
