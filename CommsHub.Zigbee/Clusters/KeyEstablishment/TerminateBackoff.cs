namespace CommsHub.Clusters.KeyEstablishment
{
    /// <summary>
    /// The devices told to wait by a Terminate, until when. A small fixed table (no allocation per device);
    /// when full the entry ending soonest is replaced.
    /// </summary>
    public sealed class TerminateBackoff
    {
        public const int Capacity = 8;

        private readonly ulong[] _devices = new ulong[Capacity];
        private readonly long[] _until = new long[Capacity];

        public void Set(ulong device, long untilMilliseconds)
        {
            int slot = 0;
            for (int i = 0; i < Capacity; i++)
            {
                if (_devices[i] == device && _until[i] != 0)
                {
                    slot = i;
                    break;
                }

                if (_until[i] < _until[slot])
                {
                    slot = i;
                }
            }

            _devices[slot] = device;
            _until[slot] = untilMilliseconds;
        }

        /// <summary>Milliseconds the device must still wait at <paramref name="now"/> (0 when free).</summary>
        public long Remaining(ulong device, long now)
        {
            for (int i = 0; i < Capacity; i++)
            {
                if (_until[i] != 0 && _devices[i] == device)
                {
                    if (_until[i] > now)
                    {
                        return _until[i] - now;
                    }

                    _until[i] = 0;
                }
            }

            return 0;
        }
    }
}
