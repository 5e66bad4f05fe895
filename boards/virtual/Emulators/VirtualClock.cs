using System;
using CommsHub.Platform;

namespace CommsHub.VirtualBoard.Emulators
{
    /// <summary>
    /// Time that only moves when told to. <see cref="Advance"/> can cover fourteen days in an instant and
    /// fires every timer due on the way in order, each seeing the clock at its own due time.
    /// </summary>
    public sealed class VirtualClock : IClock
    {
        private readonly TimerQueue _timers = new TimerQueue();
        private long _now;
        private long _wallOffsetTicks;

        public VirtualClock(DateTime startUtc)
        {
            _wallOffsetTicks = startUtc.Ticks;
        }

        public long MonotonicMilliseconds => _now;

        public DateTime UtcNow => new DateTime(_wallOffsetTicks + _now * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

        public int PendingTimers => _timers.Count;

        /// <summary>When the earliest pending timer is due (monotonic milliseconds), or -1.</summary>
        public long NextTimerDueAt => _timers.NextDueAt();

        /// <summary>The WAN sets the wall clock; monotonic time and pending timers are unaffected, as on the device.</summary>
        public void SetUtcNow(DateTime utc)
        {
            _wallOffsetTicks = utc.Ticks - _now * TimeSpan.TicksPerMillisecond;
        }

        public ClockTimer StartTimer(long dueInMilliseconds, ClockTimerCallback callback, object state)
        {
            if (dueInMilliseconds < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(dueInMilliseconds), "A timer cannot be due in the past");
            }

            return _timers.Add(_now + dueInMilliseconds, callback, state);
        }

        public void RunDueTimers()
        {
            ClockTimer due;
            while ((due = _timers.TakeDue(_now)) != null)
            {
                TimerQueue.Fire(due);
            }
        }

        public void Advance(TimeSpan by)
        {
            if (by < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(by), "Monotonic time never goes backwards; use SetUtcNow to move the wall clock");
            }

            long target = _now + (long)by.TotalMilliseconds;
            while (true)
            {
                long next = _timers.NextDueAt();
                if (next < 0 || next > target)
                {
                    break;
                }

                _now = Math.Max(_now, next);
                RunDueTimers();
            }

            _now = target;
        }
    }
}
