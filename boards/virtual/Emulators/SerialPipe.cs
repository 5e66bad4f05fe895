using System;
using System.Collections.Generic;
using CommsHub.Platform;

namespace CommsHub.VirtualBoard.Emulators
{
    /// <summary>
    /// A null-modem cable in memory: two ends, each end's writes arrive at the other's reads. Reads never block.
    /// </summary>
    public sealed class SerialPipe
    {
        private readonly Queue<byte> _toA = new Queue<byte>();
        private readonly Queue<byte> _toB = new Queue<byte>();
        private readonly object _gate = new object();

        public SerialPipe()
        {
            A = new End(this, _toA, _toB);
            B = new End(this, _toB, _toA);
        }

        public ISerialPort A { get; }

        public ISerialPort B { get; }

        private sealed class End : ISerialPort
        {
            private readonly SerialPipe _pipe;
            private readonly Queue<byte> _inbound;
            private readonly Queue<byte> _outbound;

            public End(SerialPipe pipe, Queue<byte> inbound, Queue<byte> outbound)
            {
                _pipe = pipe;
                _inbound = inbound;
                _outbound = outbound;
            }

            public int BytesToRead
            {
                get { lock (_pipe._gate) { return _inbound.Count; } }
            }

            public int Read(byte[] buffer, int offset, int count)
            {
                lock (_pipe._gate)
                {
                    int n = 0;
                    while (n < count && _inbound.Count > 0)
                    {
                        buffer[offset + n++] = _inbound.Dequeue();
                    }

                    return n;
                }
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                ArgumentNullException.ThrowIfNull(buffer);
                lock (_pipe._gate)
                {
                    for (int i = 0; i < count; i++)
                    {
                        _outbound.Enqueue(buffer[offset + i]);
                    }
                }
            }
        }
    }
}
