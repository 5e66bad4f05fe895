using System;
using System.Diagnostics;
using CommsHub.Platform;

namespace CommsHub.VirtualBoard.Transport
{
    /// <summary>The PC's real clock behind the IClock seam, for the head-end tool.</summary>
    public sealed class SystemClock : IClock
    {
        private readonly Stopwatch _monotonic = Stopwatch.StartNew();
        private readonly TimerQueue _timers = new TimerQueue();
        private TimeSpan _offset;

        public DateTime UtcNow => DateTime.UtcNow + _offset;

        public void SetUtcNow(DateTime utc) => _offset = utc - DateTime.UtcNow;

        public long MonotonicMilliseconds => _monotonic.ElapsedMilliseconds;

        public ClockTimer StartTimer(long dueInMilliseconds, ClockTimerCallback callback, object state) =>
            _timers.Add(MonotonicMilliseconds + dueInMilliseconds, callback, state);

        public void RunDueTimers()
        {
            ClockTimer due;
            while ((due = _timers.TakeDue(MonotonicMilliseconds)) != null)
            {
                TimerQueue.Fire(due);
            }
        }
    }
}
