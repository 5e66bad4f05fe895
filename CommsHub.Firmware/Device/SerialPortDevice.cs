using System.IO.Ports;
using CommsHub.Platform;
using CommsHub.Wan.Link;

namespace CommsHub.Device
{
    /// <summary>An <see cref="ISerialPort"/> over nanoFramework's SerialPort (the WAN UART).</summary>
    public sealed class SerialPortDevice : ISerialPort
    {
        private readonly SerialPort _port;

        public SerialPortDevice(string portName, int baudRate)
        {
            _port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One);

            // The native ring buffer is allocated by Open: its size can only be set before.
            _port.ReadBufferSize = LinkSettings.DeviceReceiveBufferBytes;
            _port.Open();
        }

        public int BytesToRead
        {
            get { return _port.BytesToRead; }
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            // SerialPort.Read throws a TimeoutException when nothing is waiting; the seam promises never to block.
            int waiting = _port.BytesToRead;
            if (waiting == 0)
            {
                return 0;
            }

            return _port.Read(buffer, offset, count < waiting ? count : waiting);
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }
    }
}
