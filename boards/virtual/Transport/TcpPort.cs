using System;
using System.Net;
using System.Net.Sockets;
using CommsHub.Platform;

namespace CommsHub.VirtualBoard.Transport
{
    /// <summary>
    /// A WAN byte stream over TCP on this machine, in place of the UART. The hub's side listens and takes one
    /// head-end at a time (a new connection replaces the old, as a re-plugged cable would); the head-end connects.
    /// Reads never block.
    /// </summary>
    public sealed class TcpPort : ISerialPort, IDisposable
    {
        private readonly TcpListener _listener;
        private Socket _socket;

        private TcpPort(TcpListener listener, Socket socket)
        {
            _listener = listener;
            _socket = socket;
        }

        public static TcpPort Listen(IPEndPoint endpoint)
        {
            var listener = new TcpListener(endpoint);
            listener.Start();
            return new TcpPort(listener, null);
        }

        public static TcpPort Connect(IPEndPoint endpoint)
        {
            var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Connect(endpoint);
            return new TcpPort(null, socket);
        }

        /// <summary>"tcp:HOST:PORT" or "HOST:PORT".</summary>
        public static IPEndPoint Parse(string address)
        {
            string text = address.StartsWith("tcp:", StringComparison.Ordinal) ? address[4..] : address;
            int colon = text.LastIndexOf(':');
            if (colon < 0 || !int.TryParse(text[(colon + 1)..], out int port) || port < 1 || port > 65535)
            {
                throw new FormatException($"'{address}' is not tcp:HOST:PORT");
            }

            string host = text[..colon];
            host = host.Trim('[', ']');
            IPAddress ip = host == "localhost" ? IPAddress.Loopback
                : IPAddress.TryParse(host, out IPAddress parsed) ? parsed
                : Array.Find(Dns.GetHostAddresses(host), a => a.AddressFamily == AddressFamily.InterNetwork) ?? throw new FormatException($"'{host}' has no IPv4 address");
            return new IPEndPoint(ip, port);
        }

        public bool Connected => _socket != null && _socket.Connected;

        /// <summary>Head-end connections accepted so far (each new one replaces the one before).</summary>
        public int Connections { get; private set; }

        public int BytesToRead
        {
            get
            {
                AcceptPending();
                try
                {
                    if (_listener != null && _socket != null && _socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0)
                    {
                        // Readable with nothing to read: the head-end closed its end.
                        Drop();
                    }

                    return _socket == null ? 0 : _socket.Available;
                }
                catch (SocketException)
                {
                    Drop();
                    return 0;
                }
            }
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int available = BytesToRead;
            if (available == 0)
            {
                return 0;
            }

            try
            {
                return _socket.Receive(buffer, offset, Math.Min(count, available), SocketFlags.None);
            }
            catch (SocketException)
            {
                Drop();
                return 0;
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            AcceptPending();
            if (_socket == null)
            {
                return;
            }

            try
            {
                _socket.Send(buffer, offset, count, SocketFlags.None);
            }
            catch (SocketException)
            {
                // A cable pulled mid-frame: the link layer resends once a head-end is back.
                Drop();
            }
        }

        public void Dispose()
        {
            _socket?.Dispose();
            _listener?.Stop();
        }

        private void AcceptPending()
        {
            if (_listener != null && _listener.Pending())
            {
                _socket?.Dispose();
                _socket = _listener.AcceptSocket();
                _socket.NoDelay = true;
                Connections++;
            }
        }

        private void Drop()
        {
            if (_listener != null)
            {
                _socket?.Dispose();
                _socket = null;
            }
        }
    }
}
