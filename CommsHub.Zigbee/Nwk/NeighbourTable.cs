using CommsHub.Mac.Coordinator;

namespace CommsHub.Nwk
{
    /// <summary>A neighbour's frame passed its MIC check with this counter; raised before the frame is handed up.</summary>
    public delegate void NeighbourCounterHandler(ulong extended, uint counter);

    /// <summary>
    /// Devices the hub accepts secured frames from (its children, and in a second instance the devices it knows by
    /// EUI-64 beyond them): addresses in a <see cref="ChildTable"/>, plus the last NWK frame counter accepted from each
    /// EUI-64, so a replayed frame is refused, and for an end device its R21 timeout and when it was last heard.
    /// Fixed capacity, no allocation after construction; an index is a slot of the address table.
    /// </summary>
    public sealed class NeighbourTable
    {
        private readonly ChildTable _addresses;
        private readonly uint[] _incoming;
        private readonly bool[] _heard;
        private readonly long[] _timeout;
        private readonly long[] _lastHeard;

        public NeighbourTable(int capacity)
        {
            _addresses = new ChildTable(capacity);
            _incoming = new uint[capacity];
            _heard = new bool[capacity];
            _timeout = new long[capacity];
            _lastHeard = new long[capacity];
        }

        /// <summary>Raised by <see cref="Accept"/>, so the counter can be kept across reboots before the frame goes up.</summary>
        public event NeighbourCounterHandler CounterAccepted;

        public int Capacity
        {
            get { return _addresses.Capacity; }
        }

        public int Count
        {
            get { return _addresses.Count; }
        }

        /// <summary>
        /// Adds a neighbour or updates its address. A device that joins again starts a fresh incoming counter only
        /// when it is new here: an entry that exists keeps its counter, so a rejoin cannot reopen old counters.
        /// </summary>
        public bool Put(ulong extended, ushort shortAddress, bool rxOnWhenIdle)
        {
            bool known = _addresses.IndexOf(extended) >= 0;
            if (!_addresses.Put(extended, shortAddress, rxOnWhenIdle))
            {
                return false;
            }

            if (!known)
            {
                int slot = _addresses.IndexOf(extended);
                _heard[slot] = false;
                _incoming[slot] = 0;
                _timeout[slot] = 0;
            }

            return true;
        }

        public bool Remove(ulong extended)
        {
            return _addresses.Remove(extended);
        }

        public int IndexOf(ulong extended)
        {
            return _addresses.IndexOf(extended);
        }

        public int IndexOfShort(ushort shortAddress)
        {
            return _addresses.IndexOfShort(shortAddress);
        }

        public ulong ExtendedAt(int index)
        {
            return _addresses.ExtendedAt(index);
        }

        public ushort ShortAt(int index)
        {
            return _addresses.ShortAt(index);
        }

        public bool RxOnWhenIdleAt(int index)
        {
            return _addresses.RxOnWhenIdleAt(index);
        }

        /// <summary>True when <paramref name="counter"/> is fresh from that neighbour (greater than any accepted before).</summary>
        public bool IsFresh(int index, uint counter)
        {
            return !_heard[index] || counter > _incoming[index];
        }

        /// <summary>Records a counter whose frame passed its MIC check.</summary>
        public void Accept(int index, uint counter)
        {
            _heard[index] = true;
            _incoming[index] = counter;
            NeighbourCounterHandler accepted = CounterAccepted;
            if (accepted != null)
            {
                accepted(_addresses.ExtendedAt(index), counter);
            }
        }

        /// <summary>
        /// Puts back a neighbour kept in flash at boot: with <paramref name="heard"/>, only counters above
        /// <paramref name="floor"/> are fresh. False when the table is full.
        /// </summary>
        public bool Restore(ulong extended, ushort shortAddress, bool rxOnWhenIdle, bool heard, uint floor)
        {
            if (!Put(extended, shortAddress, rxOnWhenIdle))
            {
                return false;
            }

            int slot = _addresses.IndexOf(extended);
            _heard[slot] = heard;
            _incoming[slot] = heard ? floor : 0;
            return true;
        }

        /// <summary>
        /// Forgets the last counter heard from a neighbour that has just joined from scratch by association: a device
        /// that was reset starts its outgoing counter again. Replays of its older SE traffic stay closed, because the
        /// same join puts its install-code key in place of any CBKE key that traffic was secured under.
        /// </summary>
        public void RestartCounter(ulong extended)
        {
            int slot = _addresses.IndexOf(extended);
            if (slot >= 0)
            {
                _heard[slot] = false;
                _incoming[slot] = 0;
            }
        }

        public uint IncomingCounterAt(int index)
        {
            return _incoming[index];
        }

        /// <summary>Slot <paramref name="index"/> holds a device (slots of removed devices are free).</summary>
        public bool IsUsedAt(int index)
        {
            return _addresses.IsUsedAt(index);
        }

        /// <summary>The end device timeout the device asked for, in ms; 0 when it never asked (it is not aged).</summary>
        public long TimeoutAt(int index)
        {
            return _timeout[index];
        }

        public void SetTimeout(int index, long milliseconds, long now)
        {
            _timeout[index] = milliseconds;
            _lastHeard[index] = now;
        }

        /// <summary>The device proved it is alive (a frame or a MAC poll) at <paramref name="now"/> ms.</summary>
        public void Heard(int index, long now)
        {
            _lastHeard[index] = now;
        }

        /// <summary>True when the device asked for a timeout and has been silent for longer than it.</summary>
        public bool TimedOut(int index, long now)
        {
            return _timeout[index] > 0 && now - _lastHeard[index] > _timeout[index];
        }
    }
}
