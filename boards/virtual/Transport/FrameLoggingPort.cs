using System;
using System.Collections.Generic;
using System.IO;
using CommsHub.Platform;

namespace CommsHub.VirtualBoard.Transport
{
    /// <summary>
    /// Passes a WAN port through and writes every link frame that crosses it, one line each: virtual time,
    /// direction and the frame's bytes in hex as they were on the wire (ready for `commshub wan decode`).
    /// </summary>
    public sealed class FrameLoggingPort : ISerialPort
    {
        private readonly ISerialPort _inner;
        private readonly TextWriter _log;
        private readonly Func<TimeSpan> _now;
        private readonly List<byte> _in = new();
        private readonly List<byte> _out = new();

        public FrameLoggingPort(ISerialPort inner, TextWriter log, Func<TimeSpan> now)
        {
            _inner = inner;
            _log = log;
            _now = now;
        }

        public int BytesToRead => _inner.BytesToRead;

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = _inner.Read(buffer, offset, count);
            Collect(_in, buffer, offset, n, "hub <- head-end");
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            Collect(_out, buffer, offset, count, "hub -> head-end");
            _inner.Write(buffer, offset, count);
        }

        private void Collect(List<byte> pending, byte[] buffer, int offset, int count, string direction)
        {
            for (int i = 0; i < count; i++)
            {
                pending.Add(buffer[offset + i]);
                if (buffer[offset + i] == 0)
                {
                    TimeSpan at = _now();
                    _log.WriteLine($"+{(int)at.TotalDays}d {at:hh\\:mm\\:ss\\.fff} {direction} {Convert.ToHexString(pending.ToArray())}");
                    pending.Clear();
                }
            }
        }
    }
}
