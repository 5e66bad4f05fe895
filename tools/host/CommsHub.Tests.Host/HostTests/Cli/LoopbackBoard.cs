using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using CommsHub.Platform;
using CommsHub.VirtualBoard.Transport;

namespace CommsHub.Tests.HostTests.Cli
{
    /// <summary>
    /// A virtual board with its WAN on a loopback TCP port, stepped by a background thread in real time, so the
    /// command line can be driven against it in-process. It can be restarted (same flash, same port) mid-run.
    /// </summary>
    public sealed class LoopbackBoard : IDisposable
    {
        private readonly string _flash = Path.Combine(Path.GetTempPath(), "commshub-loopback-" + Guid.NewGuid() + ".flash");
        private readonly object _gate = new object();
        private readonly Thread _thread;
        private volatile bool _stop;
        private VirtualBoard.VirtualBoard _board;
        private CountingPort _port;

        public LoopbackBoard()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Start();
            _thread = new Thread(Loop) { IsBackground = true };
            _thread.Start();
        }

        public int Port { get; }

        public string Address => "tcp:127.0.0.1:" + Port;

        /// <summary>Restart the board once the hub has read this many WAN bytes (-1: never).</summary>
        public long RestartAfterBytes { get; set; } = -1;

        public int Restarts { get; private set; }

        public VirtualBoard.VirtualBoard Board
        {
            get
            {
                lock (_gate)
                {
                    return _board;
                }
            }
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join(5000);
            Stop();
            File.Delete(_flash);
        }

        private void Start()
        {
            _port = new CountingPort(TcpPort.Listen(new IPEndPoint(IPAddress.Loopback, Port)));
            _board = new VirtualBoard.VirtualBoard(_flash, DateTime.UtcNow, _port);
            _board.Boot();
        }

        private void Stop()
        {
            _port.Inner.Dispose();
            _board.Dispose();
        }

        private void Loop()
        {
            var last = DateTime.UtcNow;
            while (!_stop)
            {
                lock (_gate)
                {
                    var now = DateTime.UtcNow;
                    _board.Step(now - last);
                    last = now;
                    if (RestartAfterBytes >= 0 && _port.BytesRead >= RestartAfterBytes)
                    {
                        // As kill -9 would: the connection drops, the board comes back on the same flash and port.
                        RestartAfterBytes = -1;
                        Stop();
                        Start();
                        Restarts++;
                    }
                }

                Thread.Sleep(1);
            }
        }

        private sealed class CountingPort : ISerialPort
        {
            public CountingPort(TcpPort inner) => Inner = inner;

            public TcpPort Inner { get; }

            public long BytesRead { get; private set; }

            public int BytesToRead => Inner.BytesToRead;

            public int Read(byte[] buffer, int offset, int count)
            {
                int n = Inner.Read(buffer, offset, count);
                BytesRead += n;
                return n;
            }

            public void Write(byte[] buffer, int offset, int count) => Inner.Write(buffer, offset, count);
        }
    }
}
