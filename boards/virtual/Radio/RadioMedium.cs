using System;
using System.Collections.Generic;
using CommsHub.VirtualBoard.Capture;

namespace CommsHub.VirtualBoard.Radio
{
    /// <summary>
    /// The shared 2.4 GHz air that emulated radios transmit into: a microsecond timeline of events, airtime at
    /// 250 kbit/s (32 µs a byte, plus preamble, SFD and PHR), collisions when transmissions on one channel
    /// overlap, per-link loss and signal strength, and interference set per channel. Every PPDU that crosses it
    /// (acknowledgments and collided frames too) can be captured to a pcap with its FCS.
    /// </summary>
    public sealed class RadioMedium
    {
        public const int MicrosecondsPerByte = 32;

        /// <summary>Preamble (4), SFD (1) and PHR (1) ahead of every PSDU.</summary>
        public const int PhyHeaderBytes = 6;

        private readonly PriorityQueue<Action, (long, long)> _events = new();
        private readonly List<Transmission> _onAir = new();
        private readonly List<Mrf24j40Emulator> _radios = new();
        private readonly Dictionary<(Mrf24j40Emulator, Mrf24j40Emulator), double> _loss = new();
        private readonly int[] _interference = new int[27];
        private readonly Random _random;
        private long _order;

        public RadioMedium(int seed = 1)
        {
            _random = new Random(seed);
        }

        public long NowMicroseconds { get; private set; }

        public PcapWriter Capture { get; set; }

        /// <summary>Called after every event, so drivers can service their interrupt lines.</summary>
        public event Action AfterEvent;

        /// <summary>Every PPDU put on the air: when it started, its channel and PSDU bytes (FCS included), and whether it collided.</summary>
        public List<AirFrame> History { get; } = new();

        public int Collisions { get; private set; }

        /// <summary>False for long runs: <see cref="History"/> stays empty (the counters below still count).</summary>
        public bool KeepHistory { get; set; } = true;

        /// <summary>PPDUs put on the air (acknowledgments too).</summary>
        public long FramesSent { get; private set; }

        /// <summary>Receptions a link's loss setting took away.</summary>
        public long FramesLost { get; private set; }

        public long AirtimeMicroseconds { get; private set; }

        /// <summary>The same loss on every link between the radios attached so far.</summary>
        public void SetLossEverywhere(double probability)
        {
            foreach (var from in _radios)
            {
                foreach (var to in _radios)
                {
                    if (from != to)
                    {
                        _loss[(from, to)] = probability;
                    }
                }
            }
        }

        /// <summary>Probability, 0 to 1, that a frame from <paramref name="from"/> is not received by <paramref name="to"/>.</summary>
        public void SetLoss(Mrf24j40Emulator from, Mrf24j40Emulator to, double probability)
        {
            _loss[(from, to)] = probability;
        }

        /// <summary>Interference on a channel as the energy-detect value (0–255) a radio would read there.</summary>
        public void SetInterference(int channel, int energy)
        {
            _interference[channel] = energy;
        }

        public int Random(int exclusiveMax) => _random.Next(exclusiveMax);

        internal void Attach(Mrf24j40Emulator radio) => _radios.Add(radio);

        public void Schedule(long delayMicroseconds, Action action)
        {
            _events.Enqueue(action, (NowMicroseconds + Math.Max(0, delayMicroseconds), _order++));
        }

        /// <summary>When the next event is due, or -1 when nothing is scheduled.</summary>
        public long NextEventAt => _events.TryPeek(out _, out var when) ? when.Item1 : -1;

        /// <summary>Runs events until <paramref name="microseconds"/> have passed; <paramref name="onTime"/> sees time move.</summary>
        public void RunFor(long microseconds, Action<long> onTime = null)
        {
            long until = NowMicroseconds + microseconds;
            bool turnedAtUntil = false;
            while (_events.TryPeek(out _, out var when) && when.Item1 <= until)
            {
                _events.TryDequeue(out Action action, out _);
                NowMicroseconds = when.Item1;
                onTime?.Invoke(NowMicroseconds);
                action();
                AfterEvent?.Invoke();
                turnedAtUntil = NowMicroseconds == until;
            }

            // An event at the very end has already moved time there and turned every loop: a second turn at the same
            // instant would only repeat it.
            if (turnedAtUntil)
            {
                return;
            }

            NowMicroseconds = until;
            onTime?.Invoke(NowMicroseconds);
            AfterEvent?.Invoke();
        }

        /// <summary>Energy a radio on <paramref name="channel"/> would detect right now.</summary>
        public int EnergyOn(int channel, Mrf24j40Emulator listener)
        {
            int energy = _interference[channel];
            foreach (var t in _onAir)
            {
                if (t.Channel == channel && t.Sender != listener)
                {
                    energy = Math.Max(energy, listener.RssiFrom(t.Sender));
                }
            }

            return energy;
        }

        /// <summary>Puts a PSDU (FCS included) on the air now; returns its airtime in microseconds.</summary>
        internal long Transmit(Mrf24j40Emulator sender, int channel, byte[] psdu)
        {
            long airtime = (PhyHeaderBytes + psdu.Length) * MicrosecondsPerByte;
            var t = new Transmission(sender, channel, psdu, NowMicroseconds, NowMicroseconds + airtime);
            foreach (var other in _onAir)
            {
                if (other.Channel == channel)
                {
                    other.Collided = true;
                    t.Collided = true;
                }
            }

            _onAir.Add(t);
            FramesSent++;
            AirtimeMicroseconds += airtime;
            Capture?.Write(psdu, TimeSpan.FromTicks(NowMicroseconds * 10));
            Schedule(airtime, () => Finish(t));
            return airtime;
        }

        private void Finish(Transmission t)
        {
            _onAir.Remove(t);
            if (KeepHistory)
            {
                History.Add(new AirFrame(t.Start, t.Channel, t.Psdu, t.Collided, t.Sender));
            }

            if (t.Collided)
            {
                Collisions++;
            }

            foreach (var radio in _radios)
            {
                if (radio == t.Sender || radio.ListeningChannel != t.Channel || !radio.CouldReceiveSince(t.Start))
                {
                    continue;
                }

                if (t.Collided)
                {
                    continue;
                }

                if (_loss.TryGetValue((t.Sender, radio), out double p) && _random.NextDouble() < p)
                {
                    FramesLost++;
                    continue;
                }

                radio.Receive(t.Psdu, radio.RssiFrom(t.Sender));
            }
        }

        private sealed class Transmission
        {
            public Transmission(Mrf24j40Emulator sender, int channel, byte[] psdu, long start, long end)
            {
                Sender = sender;
                Channel = channel;
                Psdu = psdu;
                Start = start;
                End = end;
            }

            public Mrf24j40Emulator Sender { get; }
            public int Channel { get; }
            public byte[] Psdu { get; }
            public long Start { get; }
            public long End { get; }
            public bool Collided { get; set; }
        }
    }

    public sealed record AirFrame(long StartMicroseconds, int Channel, byte[] Psdu, bool Collided, Mrf24j40Emulator Sender);
}
