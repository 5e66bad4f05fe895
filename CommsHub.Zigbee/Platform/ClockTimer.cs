namespace CommsHub.Platform
{
    /// <summary>A one-shot timer handed out by an <see cref="IClock"/>.</summary>
    public sealed class ClockTimer
    {
        internal ClockTimer(long dueAt, long sequence, ClockTimerCallback callback, object state)
        {
            DueAt = dueAt;
            Sequence = sequence;
            Callback = callback;
            State = state;
        }

        /// <summary>Monotonic millisecond at which the timer fires.</summary>
        public long DueAt { get; private set; }

        /// <summary>Start order; breaks ties so timers due at the same instant fire in the order they were started.</summary>
        internal long Sequence { get; private set; }

        internal ClockTimerCallback Callback { get; private set; }

        internal object State { get; private set; }

        public bool IsCancelled { get; private set; }

        public bool HasFired { get; internal set; }

        public void Cancel()
        {
            IsCancelled = true;
        }

        internal bool FiresBefore(ClockTimer other)
        {
            return DueAt < other.DueAt || (DueAt == other.DueAt && Sequence < other.Sequence);
        }
    }
}
