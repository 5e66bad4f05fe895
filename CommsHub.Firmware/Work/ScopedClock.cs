using System;
using System.Collections;
using CommsHub.Platform;

namespace CommsHub.Work
{
    /// <summary>
    /// The board's clock as one layer sees it: remembers the timers the layer started so that resetting the layer
    /// (after a fault) cancels them all, and no callback reaches an object that was replaced.
    /// </summary>
    public sealed class ScopedClock : IClock
    {
        private const int PruneAbove = 16;

        private readonly IClock _clock;
        private readonly ArrayList _timers = new ArrayList();

        public ScopedClock(IClock clock)
        {
            _clock = clock;
        }

        public DateTime UtcNow
        {
            get { return _clock.UtcNow; }
        }

        public long MonotonicMilliseconds
        {
            get { return _clock.MonotonicMilliseconds; }
        }

        public void SetUtcNow(DateTime utc)
        {
            _clock.SetUtcNow(utc);
        }

        public ClockTimer StartTimer(long dueInMilliseconds, ClockTimerCallback callback, object state)
        {
            if (_timers.Count > PruneAbove)
            {
                for (int i = _timers.Count - 1; i >= 0; i--)
                {
                    ClockTimer old = (ClockTimer)_timers[i];
                    if (old.IsCancelled || old.HasFired)
                    {
                        _timers.RemoveAt(i);
                    }
                }
            }

            ClockTimer timer = _clock.StartTimer(dueInMilliseconds, callback, state);
            _timers.Add(timer);
            return timer;
        }

        public void RunDueTimers()
        {
            _clock.RunDueTimers();
        }

        public void CancelAll()
        {
            for (int i = 0; i < _timers.Count; i++)
            {
                ((ClockTimer)_timers[i]).Cancel();
            }

            _timers.Clear();
        }
    }
}
