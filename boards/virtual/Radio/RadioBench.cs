using System;
using System.Collections.Generic;
using CommsHub.Radio.Mrf24j40;
using CommsHub.VirtualBoard.Emulators;

namespace CommsHub.VirtualBoard.Radio
{
    /// <summary>
    /// Emulated MRF24J40s on one <see cref="RadioMedium"/>, each with the real driver, and a virtual clock kept
    /// in step with the medium's microseconds so MAC timers (indirect expiry, response wait) fire on time.
    /// After every event on the air each node's main loop runs once, as the firmware's would.
    /// </summary>
    public sealed class RadioBench
    {
        private readonly List<Action> _mainLoops = new();

        public RadioBench(int seed = 1)
            : this(seed, new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc))
        {
        }

        public RadioBench(int seed, DateTime startUtc)
        {
            Medium = new RadioMedium(seed);
            Clock = new VirtualClock(startUtc);
            Medium.AfterEvent += RunMainLoops;
        }

        public RadioMedium Medium { get; }

        public VirtualClock Clock { get; }

        public (Mrf24j40Emulator Chip, Mrf24j40 Driver) AddRadio(string name)
        {
            var chip = new Mrf24j40Emulator(Medium, name);
            return (chip, new Mrf24j40(chip, chip.Interrupt, null));
        }

        /// <summary>
        /// True while a main loop has work of its own to step (the hub's long work): time then moves by
        /// <see cref="BusyStepMicroseconds"/> between turns instead of jumping to the next event, as a board's loop keeps turning.
        /// </summary>
        public Func<bool> Busy { get; set; }

        /// <summary>Steps taken because a main loop was busy (a figure of where a run's time goes).</summary>
        public long BusySteps { get; private set; }

        /// <summary>Virtual time between main-loop turns while <see cref="Busy"/>.</summary>
        public long BusyStepMicroseconds { get; set; } = 1000;

        /// <summary>Registers what a node does each time round its main loop.</summary>
        public void OnMainLoop(Action loop) => _mainLoops.Add(loop);

        public void Run(TimeSpan duration)
        {
            // Whatever was queued since the last step (a frame handed to a MAC) starts now, not at the end.
            RunMainLoops();
            long until = Medium.NowMicroseconds + (long)(duration.TotalMilliseconds * 1000);
            while (true)
            {
                long next = until;
                long eventAt = Medium.NextEventAt;
                if (eventAt >= 0 && eventAt < next)
                {
                    next = eventAt;
                }

                long timerAt = Clock.NextTimerDueAt;
                if (timerAt >= 0 && timerAt * 1000 < next)
                {
                    next = Math.Max(timerAt * 1000, Medium.NowMicroseconds);
                }

                if (Busy != null && Medium.NowMicroseconds + BusyStepMicroseconds < next && Busy())
                {
                    next = Medium.NowMicroseconds + BusyStepMicroseconds;
                    BusySteps++;
                }

                Medium.RunFor(next - Medium.NowMicroseconds, SyncClock);
                if (next >= until)
                {
                    return;
                }
            }
        }

        /// <summary>Runs until <paramref name="done"/> holds or <paramref name="limit"/> passes; true if it held.</summary>
        public bool RunUntil(Func<bool> done, TimeSpan limit)
        {
            long until = Medium.NowMicroseconds + (long)(limit.TotalMilliseconds * 1000);
            while (!done())
            {
                if (Medium.NowMicroseconds >= until)
                {
                    return false;
                }

                Run(TimeSpan.FromMilliseconds(1));
            }

            return true;
        }

        private void RunMainLoops()
        {
            // By index: a loop may add another (a device added mid-run) and it runs from the next turn.
            int count = _mainLoops.Count;
            for (int i = 0; i < count; i++)
            {
                _mainLoops[i]();
            }
        }

        private void SyncClock(long microseconds)
        {
            long ms = microseconds / 1000;
            if (ms >= Clock.MonotonicMilliseconds)
            {
                Clock.Advance(TimeSpan.FromMilliseconds(ms - Clock.MonotonicMilliseconds));
            }
        }
    }
}
