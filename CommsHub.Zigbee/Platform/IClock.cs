using System;

namespace CommsHub.Platform
{
    public delegate void ClockTimerCallback(object state);

    /// <summary>
    /// Time as the firmware sees it. Wall time is UTC and can be set by the WAN (it may jump either way);
    /// monotonic milliseconds never go backwards and drive every timeout. Timers fire from
    /// <see cref="RunDueTimers"/> on the caller's thread, so state machines never need locks or sleeps.
    /// </summary>
    public interface IClock
    {
        DateTime UtcNow { get; }

        void SetUtcNow(DateTime utc);

        long MonotonicMilliseconds { get; }

        /// <summary>Schedules <paramref name="callback"/> once, <paramref name="dueInMilliseconds"/> from now.</summary>
        ClockTimer StartTimer(long dueInMilliseconds, ClockTimerCallback callback, object state);

        /// <summary>Fires every timer whose due time has passed, earliest first.</summary>
        void RunDueTimers();
    }
}
