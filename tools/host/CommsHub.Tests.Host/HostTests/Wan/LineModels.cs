using System;
using System.Collections.Generic;
using CommsHub.Platform;

namespace CommsHub.Tests.HostTests.Wan
{
    /// <summary>One direction of a serial line in a test: what was written waits until the test moves it across.</summary>
    public sealed class LineEnd : ISerialPort
    {
        public readonly Queue<byte> Inbound = new();
        public readonly List<byte> Outbound = new();

        public int BytesToRead => Inbound.Count;

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && Inbound.Count > 0)
            {
                buffer[offset + n++] = Inbound.Dequeue();
            }

            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                Outbound.Add(buffer[offset + i]);
            }
        }
    }

    /// <summary>Moves whole frames (split at 0x00) from one end to the other, spoiling some on the way.</summary>
    public sealed class FaultyLine
    {
        private readonly Random _random;

        public FaultyLine(int seed) => _random = new Random(seed);

        public double Drop, Duplicate, Corrupt, Reorder, Garbage;

        public int Spoiled { get; private set; }

        public void Carry(LineEnd from, LineEnd to)
        {
            var frames = new List<byte[]>();
            int start = 0;
            for (int i = 0; i < from.Outbound.Count; i++)
            {
                if (from.Outbound[i] == 0)
                {
                    frames.Add(from.Outbound.GetRange(start, i - start + 1).ToArray());
                    start = i + 1;
                }
            }

            from.Outbound.RemoveRange(0, start);
            for (int i = 0; i < frames.Count; i++)
            {
                if (_random.NextDouble() < Reorder && i + 1 < frames.Count)
                {
                    (frames[i], frames[i + 1]) = (frames[i + 1], frames[i]);
                    Spoiled++;
                }
            }

            foreach (byte[] frame in frames)
            {
                if (_random.NextDouble() < Garbage)
                {
                    for (int g = _random.Next(1, 40); g > 0; g--)
                    {
                        to.Inbound.Enqueue((byte)_random.Next(256));
                    }

                    Spoiled++;
                }

                if (_random.NextDouble() < Drop)
                {
                    Spoiled++;
                    continue;
                }

                byte[] copy = (byte[])frame.Clone();
                if (_random.NextDouble() < Corrupt && copy.Length > 1)
                {
                    copy[_random.Next(copy.Length - 1)] ^= (byte)(1 << _random.Next(8));
                    Spoiled++;
                }

                foreach (byte b in copy)
                {
                    to.Inbound.Enqueue(b);
                }

                if (_random.NextDouble() < Duplicate)
                {
                    foreach (byte b in frame)
                    {
                        to.Inbound.Enqueue(b);
                    }

                    Spoiled++;
                }
            }
        }
    }

    /// <summary>A serial line at a baud rate in virtual time: 10 bits per byte (start, 8 data, stop), both directions.</summary>
    public sealed class TimedLine
    {
        private readonly double _bytesPerMillisecond;
        private double _creditAB, _creditBA;

        public TimedLine(int baud) => _bytesPerMillisecond = baud / 10.0 / 1000.0;

        public void Tick(LineEnd a, LineEnd b, double milliseconds)
        {
            _creditAB = Move(a, b, _creditAB + (milliseconds * _bytesPerMillisecond));
            _creditBA = Move(b, a, _creditBA + (milliseconds * _bytesPerMillisecond));
        }

        private static double Move(LineEnd from, LineEnd to, double credit)
        {
            int n = Math.Min((int)credit, from.Outbound.Count);
            for (int i = 0; i < n; i++)
            {
                to.Inbound.Enqueue(from.Outbound[i]);
            }

            from.Outbound.RemoveRange(0, n);
            double left = credit - n;
            return from.Outbound.Count == 0 ? Math.Min(left, 1) : left;
        }
    }
}
