namespace CommsHub.Aps
{
    /// <summary>The frames awaiting APS acks: a fixed number of slots, each with its payload buffer, allocated once.</summary>
    public sealed class ApsFramesInFlight
    {
        private readonly ApsFrameInFlight[] _slots;

        public ApsFramesInFlight(int capacity, int payloadCapacity)
        {
            _slots = new ApsFrameInFlight[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _slots[i] = new ApsFrameInFlight(payloadCapacity);
            }
        }

        public int Capacity
        {
            get { return _slots.Length; }
        }

        public int Count
        {
            get
            {
                int count = 0;
                for (int i = 0; i < _slots.Length; i++)
                {
                    if (_slots[i].InUse)
                    {
                        count++;
                    }
                }

                return count;
            }
        }

        public ApsFrameInFlight At(int index)
        {
            return _slots[index];
        }

        /// <summary>A free slot, marked in use; null when every slot waits for an ack.</summary>
        public ApsFrameInFlight Reserve()
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                if (!_slots[i].InUse)
                {
                    _slots[i].InUse = true;
                    _slots[i].Transmissions = 0;
                    return _slots[i];
                }
            }

            return null;
        }

        /// <summary>
        /// The frame an ack from <paramref name="source"/> answers: same APS counter, the endpoints swapped, same
        /// cluster and profile, and for a fragment the block its ack bitfield confirms. Null when none.
        /// </summary>
        public ApsFrameInFlight Match(ushort source, ApsHeader ack)
        {
            bool fragmentAck = ack.ExtendedHeader && ack.Fragmentation != ApsFrameType.NotFragmented;
            for (int i = 0; i < _slots.Length; i++)
            {
                ApsFrameInFlight f = _slots[i];
                if (!f.InUse || f.Destination != source || f.Counter != ack.Counter || ack.AckFormat
                    || f.DestinationEndpoint != ack.SourceEndpoint || f.SourceEndpoint != ack.DestinationEndpoint
                    || f.Cluster != ack.Cluster || f.Profile != ack.Profile)
                {
                    continue;
                }

                bool fragment = f.Fragmentation != ApsFrameType.NotFragmented;
                if (fragment != fragmentAck)
                {
                    continue;
                }

                if (!fragment || (ack.BlockNumber == f.Block && (ack.AckBitfield & 1) != 0))
                {
                    return f;
                }
            }

            return null;
        }
    }
}
