using System;
using CommsHub.Platform;

namespace CommsHub.Tests.Clusters
{
    /// <summary>A wall clock the test sets; cluster servers only read it.</summary>
    public sealed class SettableClock : IClock
    {
        public DateTime UtcNow { get; set; }

        public long MonotonicMilliseconds { get; set; }

        public void SetUtcNow(DateTime utc)
        {
            UtcNow = utc;
        }

        public ClockTimer StartTimer(long dueInMilliseconds, ClockTimerCallback callback, object state)
        {
            throw new InvalidOperationException("cluster servers take no timers");
        }

        public void RunDueTimers()
        {
        }
    }
}
