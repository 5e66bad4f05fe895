using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.Wan.Link;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Wan
{
    [TestClass]
    public class WanLinkTests
    {
        [TestMethod]
        public void CobsRoundTripsAnyBytesAndNeverEmitsZero()
        {
            var random = new Random(11);
            for (int length = 0; length < 600; length += 7)
            {
                byte[] data = new byte[length];
                random.NextBytes(data);
                for (int i = 0; i < length; i += random.Next(1, 30))
                {
                    data[i] = 0;
                }

                byte[] encoded = new byte[Cobs.MaximumEncodedLength(length)];
                int n = Cobs.Encode(data, 0, length, encoded, 0);
                byte[] decoded = new byte[length + 1];
                int m = Cobs.Decode(encoded, 0, n, decoded, 0);

                Assert.IsFalse(encoded.Take(n).Contains((byte)0), "a 0x00 inside a frame");
                Assert.AreEqual(length, m);
                Assert.IsTrue(data.AsSpan().SequenceEqual(decoded.AsSpan(0, m)));
            }
        }

        [TestMethod]
        [DataRow(0, 0.0, 0.0, 0.0, 0.0, 0.0)]
        [DataRow(1, 0.1, 0.0, 0.0, 0.0, 0.0)]
        [DataRow(2, 0.0, 0.2, 0.0, 0.0, 0.0)]
        [DataRow(3, 0.0, 0.0, 0.1, 0.0, 0.0)]
        [DataRow(4, 0.0, 0.0, 0.0, 0.2, 0.0)]
        [DataRow(5, 0.0, 0.0, 0.0, 0.0, 0.1)]
        [DataRow(6, 0.05, 0.05, 0.05, 0.05, 0.05)]
        public void EveryPayloadArrivesOnceInOrderWhateverTheLineDoes(int seed, double drop, double duplicate, double corrupt, double reorder, double garbage)
        {
            var (a, b, endA, endB, clock, received) = Pair();
            var line = new FaultyLine(seed) { Drop = drop, Duplicate = duplicate, Corrupt = corrupt, Reorder = reorder, Garbage = garbage };
            var sent = Payloads(seed, 300);
            int next = 0;
            for (int round = 0; round < 20000 && received.Count < sent.Count; round++)
            {
                while (next < sent.Count && a.Send(sent[next], 0, sent[next].Length))
                {
                    next++;
                }

                line.Carry(endA, endB);
                b.Poll();
                line.Carry(endB, endA);
                a.Poll();
                clock.Advance(TimeSpan.FromMilliseconds(250));
            }

            Assert.AreEqual(sent.Count, received.Count);
            for (int i = 0; i < sent.Count; i++)
            {
                Assert.IsTrue(sent[i].AsSpan().SequenceEqual(received[i]), "payload " + i);
            }

            Assert.IsTrue(drop + duplicate + corrupt + reorder + garbage == 0 || line.Spoiled > 0, "the faults never happened");
        }

        [TestMethod]
        public void APeerThatRestartsStartsANewSessionAndIsReported()
        {
            var (a, b, endA, endB, clock, received) = Pair();
            int restarts = 0;
            ((Recorder)b.Listener).Restarted = () => restarts++;
            a.Send(new byte[] { 1 }, 0, 1);
            Move(endA, endB);
            b.Poll();

            var a2 = new WanLink(endA, clock, 0xA2, null);
            a2.Send(new byte[] { 2 }, 0, 1);
            Move(endA, endB);
            b.Poll();

            Assert.AreEqual(1, restarts);
            Assert.AreEqual("1,2", string.Join(",", received.Select(r => r[0])));
        }

        [TestMethod]
        public void ThePayloadLimitIsEnforced()
        {
            var (a, _, _, _, _, _) = Pair();

            Assert.ThrowsException(typeof(ArgumentException), () => a.Send(new byte[1025], 0, 1025));
        }

        [TestMethod]
        [DataRow(115200)]
        [DataRow(921600)]
        public void A768000ByteImageMovesAtAtLeast85PercentOfTheLineRate(int baud)
        {
            var (efficiency, seconds, minimum) = ModelTransfer(baud, 768000);

            OutputHelper.WriteLine($"{baud} baud: {seconds:F1} s modelled for 768,000 bytes, line-rate minimum {minimum:F1} s, {minimum / seconds:P1} of line rate, link efficiency {efficiency:P1}");
            Assert.IsTrue(minimum / seconds >= 0.85, $"{minimum / seconds:P1} of line rate");
        }

        /// <summary>Sends <paramref name="bytes"/> of payload in full frames over a baud-rate line in virtual time.</summary>
        public static (double Efficiency, double Seconds, double MinimumSeconds) ModelTransfer(int baud, int bytes)
        {
            var (a, b, endA, endB, clock, received) = Pair();
            var line = new TimedLine(baud);
            byte[] chunk = new byte[LinkFrame.MaximumPayload];
            int sent = 0;
            long receivedBytes = 0;
            ((Recorder)b.Listener).Count = n => receivedBytes += n;
            double elapsed = 0;
            while (receivedBytes < bytes && elapsed < 3_600_000)
            {
                while (sent < bytes && a.Send(chunk, 0, Math.Min(chunk.Length, bytes - sent)))
                {
                    sent += Math.Min(chunk.Length, bytes - sent);
                }

                line.Tick(endA, endB, 1);
                clock.Advance(TimeSpan.FromMilliseconds(1));
                elapsed += 1;
                b.Poll();
                a.Poll();
            }

            double seconds = elapsed / 1000;
            return (bytes / (double)a.WireBytesSent, seconds, bytes * 10.0 / baud);
        }

        private static List<byte[]> Payloads(int seed, int count)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, count).Select(i =>
            {
                byte[] p = new byte[random.Next(1, 1025)];
                random.NextBytes(p);
                p[0] = (byte)i;
                return p;
            }).ToList();
        }

        private static (WanLink A, WanLink B, LineEnd EndA, LineEnd EndB, VirtualClock Clock, List<byte[]> Received) Pair()
        {
            var clock = new VirtualClock(new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc));
            var endA = new LineEnd();
            var endB = new LineEnd();
            var received = new List<byte[]>();
            var a = new WanLink(endA, clock, 0xA1, null);
            var b = new WanLink(endB, clock, 0xB1, null) { Listener = new Recorder(received) };
            a.Listener = new Recorder(new List<byte[]>());
            return (a, b, endA, endB, clock, received);
        }

        private static void Move(LineEnd from, LineEnd to)
        {
            foreach (byte x in from.Outbound)
            {
                to.Inbound.Enqueue(x);
            }

            from.Outbound.Clear();
        }

        private sealed class Recorder : ILinkListener
        {
            private readonly List<byte[]> received;

            public Recorder(List<byte[]> received) => this.received = received;

            public Action Restarted = () => { };
            public Action<int> Count;

            public void PayloadReceived(byte[] buffer, int offset, int count)
            {
                if (Count != null)
                {
                    Count(count);
                    return;
                }

                received.Add(buffer.AsSpan(offset, count).ToArray());
            }

            public void PeerRestarted() => Restarted();
        }
    }
}
