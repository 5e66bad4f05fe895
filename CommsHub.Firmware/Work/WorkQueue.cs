using System.Collections;

namespace CommsHub.Work
{
    /// <summary>
    /// The main loop's long work, stepped round-robin so a signature does not wait behind a whole slot erase. Each
    /// turn runs steps only while the meter says the turn has room for the next one's largest cost. A step that
    /// throws is the fault barrier's business: its item is dropped so the next turn does not repeat the fault.
    /// </summary>
    public sealed class WorkQueue
    {
        private readonly ArrayList _items = new ArrayList();
        private readonly ArrayList _waiting = new ArrayList();
        private readonly WorkMeter _meter;
        private int _next;

        public WorkQueue(WorkMeter meter)
        {
            _meter = meter;
        }

        public int Count
        {
            get { return _items.Count; }
        }

        public bool Contains(IWorkItem item)
        {
            return _items.Contains(item);
        }

        public void Add(IWorkItem item)
        {
            if (!_items.Contains(item))
            {
                _items.Add(item);
            }
        }

        public void Remove(IWorkItem item)
        {
            int at = _items.IndexOf(item);
            if (at < 0)
            {
                return;
            }

            _items.RemoveAt(at);
            if (_next > at)
            {
                _next--;
            }
        }

        public void Clear()
        {
            _items.Clear();
            _next = 0;
        }

        /// <summary>Steps the queued work while the turn has room; returns the number of steps run.</summary>
        public int Run()
        {
            int steps = 0;
            int refusals = 0;
            _waiting.Clear();
            while (_items.Count > 0 && refusals < _items.Count)
            {
                if (_next >= _items.Count)
                {
                    _next = 0;
                }

                IWorkItem item = (IWorkItem)_items[_next];
                if (_waiting.Contains(item) || !_meter.HasRoomFor(item.LargestStepUnits))
                {
                    refusals++;
                    _next++;
                    continue;
                }

                refusals = 0;
                bool finished;
                try
                {
                    finished = item.Step();
                }
                catch
                {
                    Remove(item);
                    throw;
                }

                steps++;
                if (finished)
                {
                    Remove(item);
                }
                else
                {
                    if (item.WaitsForHardware)
                    {
                        _waiting.Add(item);
                    }

                    _next++;
                }
            }

            return steps;
        }
    }
}
