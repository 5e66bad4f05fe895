using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using CommsHub.Platform;
using Microsoft.Win32.SafeHandles;

namespace CommsHub.VirtualBoard.Transport
{
    /// <summary>
    /// A serial line on Linux or macOS: a USB-serial adapter (/dev/ttyUSB0), a pseudo-terminal, or the master
    /// side of a pty this process created. Reads never block: a background thread fills a queue.
    /// </summary>
    public sealed class SerialDevicePort : ISerialPort, IDisposable
    {
        private readonly FileStream _stream;
        private readonly ConcurrentQueue<byte> _received = new();
        private readonly Thread _reader;
        private volatile bool _closed;

        private SerialDevicePort(FileStream stream, string path)
        {
            _stream = stream;
            Path = path;
            _reader = new Thread(ReadLoop) { IsBackground = true, Name = "serial " + path };
            _reader.Start();
        }

        /// <summary>The device path a head-end opens (for a created pty: its slave side).</summary>
        public string Path { get; }

        /// <summary>Opens a serial device at a baud rate, in raw mode (stty), for reading and writing.</summary>
        public static SerialDevicePort Open(string path, int baud)
        {
            if (!File.Exists(path))
            {
                throw new IOException($"{path} does not exist: is the adapter plugged in, or the pty still open?");
            }

            Stty(path, $"{baud} raw -echo -echoe -echok -ixon -ixoff -crtscts");
            var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);
            return new SerialDevicePort(stream, path);
        }

        /// <summary>Creates a pseudo-terminal pair; this end is the master, <see cref="Path"/> the slave to give the head-end.</summary>
        public static SerialDevicePort CreatePty()
        {
            int master = posix_openpt(2 | 0x100);
            if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
            {
                throw new IOException("could not create a pseudo-terminal (posix_openpt)");
            }

            string slave = Marshal.PtrToStringAnsi(ptsname(master));
            Stty(slave, "raw -echo -echoe -echok -ixon -ixoff");
            var stream = new FileStream(new SafeFileHandle((IntPtr)master, ownsHandle: true), FileAccess.ReadWrite, 1);
            return new SerialDevicePort(stream, slave);
        }

        /// <summary>"serial:/dev/ttyUSB0@115200" (the baud rate defaults to 115200).</summary>
        public static (string Path, int Baud) Parse(string address)
        {
            string text = address.StartsWith("serial:", StringComparison.Ordinal) ? address[7..] : address;
            int at = text.LastIndexOf('@');
            if (at < 0)
            {
                return (text, 115200);
            }

            if (!int.TryParse(text[(at + 1)..], out int baud) || baud <= 0)
            {
                throw new FormatException($"'{address}' is not serial:DEVICE[@BAUD]");
            }

            return (text[..at], baud);
        }

        public int BytesToRead => _received.Count;

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && _received.TryDequeue(out byte b))
            {
                buffer[offset + n++] = b;
            }

            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                _stream.Write(buffer, offset, count);
                _stream.Flush();
            }
            catch (IOException)
            {
                // The other end went away (head-end closed the pty): the link layer resends when it is back.
            }
        }

        public void Dispose()
        {
            _closed = true;
            _stream.Dispose();
        }

        private void ReadLoop()
        {
            byte[] buffer = new byte[512];
            while (!_closed)
            {
                int n;
                try
                {
                    n = _stream.Read(buffer, 0, buffer.Length);
                }
                catch (Exception) when (_closed)
                {
                    return;
                }
                catch (IOException)
                {
                    // A pty master reads EIO while no head-end has the slave open: wait and try again.
                    Thread.Sleep(50);
                    continue;
                }

                if (n == 0)
                {
                    Thread.Sleep(10);
                    continue;
                }

                for (int i = 0; i < n; i++)
                {
                    _received.Enqueue(buffer[i]);
                }
            }
        }

        private static void Stty(string path, string settings)
        {
            var start = new ProcessStartInfo("stty", $"-F {path} {settings}") { RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start);
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new IOException($"could not configure {path}: {error.Trim()}");
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int posix_openpt(int flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int grantpt(int fd);

        [DllImport("libc", SetLastError = true)]
        private static extern int unlockpt(int fd);

        [DllImport("libc", SetLastError = true)]
        private static extern IntPtr ptsname(int fd);
    }
}
