using System.Net;
using System.Net.Sockets;
using CommsHub.Platform;

namespace CommsHub.Cli.Wan;

/// <summary>
/// The head-end's TCP connection to a hub, which comes back by itself: when the hub's end closes (the board was
/// stopped or restarted) it reconnects, at most once a second; bytes written meanwhile are dropped, and the link
/// layer resends them. Reads never block. Hosts are names or addresses.
/// </summary>
public sealed class ReconnectingTcpPort : ISerialPort, IDisposable
{
    private readonly string _host;
    private readonly int _port;
    private Socket _socket;
    private long _lastAttempt;

    private ReconnectingTcpPort(string host, int port, Socket socket)
    {
        _host = host;
        _port = port;
        _socket = socket;
        _lastAttempt = Environment.TickCount64;
    }

    public int Reconnections { get; private set; }

    /// <summary>Times the hub's end closed the connection.</summary>
    public int Drops { get; private set; }

    /// <summary>
    /// Whether to connect again after a drop. A send does (to resume); a listener does not, so that two head-ends
    /// never take the hub from each other in turn.
    /// </summary>
    public bool AutoReconnect { get; set; } = true;

    /// <summary>Connects now; a refused connection is a <see cref="SocketException"/>.</summary>
    public static ReconnectingTcpPort Connect(string address)
    {
        var (host, port) = Parse(address);
        return new ReconnectingTcpPort(host, port, Open(host, port));
    }

    /// <summary>"tcp:HOST:PORT" or "HOST:PORT"; HOST a name, an IPv4 address or [IPv6].</summary>
    public static (string Host, int Port) Parse(string address)
    {
        string text = address.StartsWith("tcp:", StringComparison.Ordinal) ? address[4..] : address;
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out int port) || port < 1 || port > 65535)
        {
            throw new FormatException($"'{address}' is not tcp:HOST:PORT");
        }

        return (text[..colon].Trim('[', ']'), port);
    }

    public int BytesToRead
    {
        get
        {
            if (!Alive())
            {
                return 0;
            }

            try
            {
                return _socket.Available;
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
        if (!Alive())
        {
            return;
        }

        try
        {
            _socket.Send(buffer, offset, count, SocketFlags.None);
        }
        catch (SocketException)
        {
            Drop();
        }
    }

    public void Dispose() => _socket?.Dispose();

    private static Socket Open(string host, int port)
    {
        IPAddress[] addresses = IPAddress.TryParse(host, out IPAddress ip) ? new[] { ip } : Dns.GetHostAddresses(host);
        SocketException last = null;
        foreach (IPAddress a in addresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1))
        {
            var socket = new Socket(a.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Connect(new IPEndPoint(a, port));
                return socket;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>True when connected; notices a closed peer, and reconnects when it is time to try.</summary>
    private bool Alive()
    {
        if (_socket != null)
        {
            try
            {
                // Readable with nothing to read: the peer closed.
                if (_socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0)
                {
                    Drop();
                }
            }
            catch (SocketException)
            {
                Drop();
            }
        }

        if (_socket == null && AutoReconnect && Environment.TickCount64 - _lastAttempt >= 1000)
        {
            _lastAttempt = Environment.TickCount64;
            try
            {
                _socket = Open(_host, _port);
                Reconnections++;
            }
            catch (SocketException)
            {
                // Still down: the caller's deadline decides when to give up.
            }
        }

        return _socket != null;
    }

    private void Drop()
    {
        if (_socket != null)
        {
            Drops++;
        }

        _socket?.Dispose();
        _socket = null;
    }
}
