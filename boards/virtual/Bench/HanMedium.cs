using System;
using System.Collections.Generic;
using CommsHub.Aps;
using CommsHub.VirtualBoard.Emulators;

namespace CommsHub.VirtualBoard.Bench
{
    /// <summary>A node on the HAN: receives APS payloads of the OTA cluster.</summary>
    public interface IHanNode
    {
        ulong Eui { get; }

        /// <summary>A sleepy node hears frames for it only when it polls its parent.</summary>
        bool Sleepy { get; }

        void Receive(ulong source, byte[] apsPayload);
    }

    /// <summary>
    /// The HAN until the radio and network layers exist: APS payloads between the hub and its devices, one frame
    /// on the air at a time, each taking the airtime an unfragmented, NWK-secured 802.15.4 frame of that size
    /// takes at 250 kbit/s, plus CSMA backoff, turnaround and the MAC acknowledgement. Frames for sleepy devices
    /// wait at the hub until the device polls. A lost frame simply never arrives. The radio emulator will replace
    /// this class behind the same two calls (<see cref="Attach"/>, <see cref="Send"/>).
    /// </summary>
    public sealed class HanMedium
    {
        /// <summary>Microseconds per byte at 250 kbit/s.</summary>
        public const double MicrosecondsPerByte = 32;

        /// <summary>Preamble 4, SFD 1, PHR 1.</summary>
        public const int PhyOverhead = 6;

        /// <summary>MAC, NWK (with security) and APS headers around the payload, as ApsPayloadBudget counts them.</summary>
        public static readonly int FrameOverhead = ApsPayloadBudget.PhyPacket - ApsPayloadBudget.Compute(nwkSecurity: true, apsSecurity: false, sourceRouteRelays: 0);

        /// <summary>aTurnaroundTime (192 µs) + an average CSMA-CA backoff (3.5 × 320 µs) + MAC ack (11 bytes on air).</summary>
        public const double PerFrameMicroseconds = 192 + 1120 + (11 * MicrosecondsPerByte);

        private readonly VirtualClock _clock;
        private readonly Random _random;
        private readonly Dictionary<ulong, IHanNode> _nodes = new();
        /// <summary>macTransactionPersistenceTime at its default (500 superframes of 15.36 ms): unpolled indirect frames expire.</summary>
        public const long IndirectPersistenceMilliseconds = 7680;

        private readonly Dictionary<ulong, Queue<(ulong From, byte[] Payload, long Queued)>> _waitingForPoll = new();
        private double _airFreeAtMicroseconds;

        public HanMedium(VirtualClock clock, double loss, int seed)
        {
            _clock = clock;
            Loss = loss;
            _random = new Random(seed);
        }

        public double Loss { get; set; }

        public long FramesSent { get; private set; }

        public long FramesLost { get; private set; }

        /// <summary>Frames for a sleepy device that waited longer than the persistence time for its poll.</summary>
        public long FramesExpired { get; private set; }

        public double AirtimeMicroseconds { get; private set; }

        /// <summary>Every frame that went on the air, for captures: time, source, destination, payload.</summary>
        public event Action<TimeSpan, ulong, ulong, byte[]> OnAir;

        public void Attach(IHanNode node) => _nodes[node.Eui] = node;

        public void Detach(ulong eui) => _nodes.Remove(eui);

        /// <summary>Airtime of one frame carrying <paramref name="payloadBytes"/> of APS payload.</summary>
        public static double FrameMicroseconds(int payloadBytes) => ((PhyOverhead + FrameOverhead + payloadBytes) * MicrosecondsPerByte) + PerFrameMicroseconds;

        public void Send(ulong from, ulong to, byte[] payload)
        {
            if (_nodes.TryGetValue(to, out var node) && node.Sleepy)
            {
                if (!_waitingForPoll.TryGetValue(to, out var queue))
                {
                    _waitingForPoll[to] = queue = new Queue<(ulong, byte[], long)>();
                }

                queue.Enqueue((from, payload, _clock.MonotonicMilliseconds));
                return;
            }

            Transmit(from, to, payload);
        }

        /// <summary>A sleepy device polls its parent: everything waiting for it goes out now (with the poll's own airtime).</summary>
        public void Poll(ulong device)
        {
            AirtimeMicroseconds += FrameMicroseconds(0);
            if (_waitingForPoll.TryGetValue(device, out var queue))
            {
                while (queue.Count > 0)
                {
                    var (from, payload, queued) = queue.Dequeue();
                    if (_clock.MonotonicMilliseconds - queued <= IndirectPersistenceMilliseconds)
                    {
                        Transmit(from, device, payload);
                    }
                    else
                    {
                        FramesExpired++;
                    }
                }
            }
        }

        private void Transmit(ulong from, ulong to, byte[] payload)
        {
            double now = _clock.MonotonicMilliseconds * 1000.0;
            double start = Math.Max(now, _airFreeAtMicroseconds);
            double airtime = FrameMicroseconds(payload.Length);
            _airFreeAtMicroseconds = start + airtime;
            AirtimeMicroseconds += airtime;
            FramesSent++;
            byte[] copy = (byte[])payload.Clone();
            OnAir?.Invoke(TimeSpan.FromMilliseconds((start + airtime) / 1000), from, to, copy);
            if (_random.NextDouble() < Loss)
            {
                FramesLost++;
                return;
            }

            long due = (long)Math.Ceiling((start + airtime) / 1000.0) - _clock.MonotonicMilliseconds;
            _clock.StartTimer(Math.Max(due, 0), _ =>
            {
                if (_nodes.TryGetValue(to, out var receiver))
                {
                    receiver.Receive(from, copy);
                }
            }, null);
        }
    }
}
