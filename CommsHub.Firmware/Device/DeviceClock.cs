using System;
using nanoFramework.Runtime.Native;
using CommsHub.Platform;

namespace CommsHub.Device
{
    /// <summary>The ESP32's clocks: the RTC for UTC (set from the WAN) and the tick counter for timeouts.</summary>
    public sealed class DeviceClock : IClock
    {
        private readonly TimerQueue _timers = new TimerQueue();

        public DateTime UtcNow
        {
            get { return DateTime.UtcNow; }
        }

        public long MonotonicMilliseconds
        {
            get { return Environment.TickCount64; }
        }

        public void SetUtcNow(DateTime utc)
        {
            if (!Rtc.SetSystemTime(utc))
            {
                throw new InvalidOperationException("The RTC refused the time from the WAN");
            }
        }

        public ClockTimer StartTimer(long dueInMilliseconds, ClockTimerCallback callback, object state)
        {
            return _timers.Add(MonotonicMilliseconds + dueInMilliseconds, callback, state);
        }

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
