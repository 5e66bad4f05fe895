using System.Collections;

namespace CommsHub.Platform
{
    /// <summary>
    /// Pending timers in firing order. Shared by the device clock and the virtual clock so both fire
    /// timers with exactly the same ordering rules.
    /// </summary>
    public sealed class TimerQueue
    {
        private readonly ArrayList _pending = new ArrayList();
        private long _nextSequence;

        public int Count
        {
            get { return _pending.Count; }
        }

        public ClockTimer Add(long dueAt, ClockTimerCallback callback, object state)
        {
            ClockTimer timer = new ClockTimer(dueAt, _nextSequence++, callback, state);
            int index = _pending.Count;
            while (index > 0 && timer.FiresBefore((ClockTimer)_pending[index - 1]))
            {
                index--;
            }

            _pending.Insert(index, timer);
            return timer;
        }

        /// <summary>Due time of the earliest live timer, or -1 when none is pending.</summary>
        public long NextDueAt()
        {
            DropCancelledHead();
            return _pending.Count == 0 ? -1 : ((ClockTimer)_pending[0]).DueAt;
        }

        /// <summary>Removes and returns the earliest live timer due at or before <paramref name="now"/>, or null.</summary>
        public ClockTimer TakeDue(long now)
        {
            DropCancelledHead();
            if (_pending.Count == 0)
            {
                return null;
            }

            ClockTimer head = (ClockTimer)_pending[0];
            if (head.DueAt > now)
            {
                return null;
            }

            _pending.RemoveAt(0);
            return head;
        }

        /// <summary>Runs a timer's callback once; a timer cancelled after it was taken does not run.</summary>
        public static void Fire(ClockTimer timer)
        {
            if (timer.IsCancelled || timer.HasFired)
            {
                return;
            }

            timer.HasFired = true;
            timer.Callback(timer.State);
        }

        private void DropCancelledHead()
        {
            while (_pending.Count > 0 && ((ClockTimer)_pending[0]).IsCancelled)
            {
                _pending.RemoveAt(0);
            }
        }
    }
}
