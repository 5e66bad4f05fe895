using System;
using CommsHub.Platform;

namespace CommsHub.Tests.Clusters.KeyEstablishment
{
    /// <summary>A clock the test moves by hand.</summary>
    public sealed class ManualClock : IClock
    {
        private readonly TimerQueue _timers = new TimerQueue();
        private DateTime _utc = new DateTime(2024, 6, 1, 12, 0, 0);
        private long _monotonic = 1000;

        public DateTime UtcNow
        {
            get { return _utc; }
        }

        public long MonotonicMilliseconds
        {
            get { return _monotonic; }
        }

        public void SetUtcNow(DateTime utc)
        {
            _utc = utc;
        }

        public void Advance(long milliseconds)
        {
            _monotonic += milliseconds;
            _utc = _utc.AddMilliseconds(milliseconds);
        }

        public ClockTimer StartTimer(long dueInMilliseconds, ClockTimerCallback callback, object state)
        {
            return _timers.Add(_monotonic + dueInMilliseconds, callback, state);
        }

        public void RunDueTimers()
        {
            ClockTimer due;
            while ((due = _timers.TakeDue(_monotonic)) != null)
            {
                TimerQueue.Fire(due);
            }
        }
    }
}
