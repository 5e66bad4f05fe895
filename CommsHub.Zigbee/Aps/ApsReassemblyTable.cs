namespace CommsHub.Aps
{
    /// <summary>The reassemblies in progress: a fixed number, each with its buffer, allocated once.</summary>
    public sealed class ApsReassemblyTable
    {
        private readonly ApsReassembly[] _entries;

        public ApsReassemblyTable(int count, int capacity)
        {
            _entries = new ApsReassembly[count];
            for (int i = 0; i < count; i++)
            {
                _entries[i] = new ApsReassembly(capacity);
            }
        }

        public int Count
        {
            get { return _entries.Length; }
        }

        public ApsReassembly At(int index)
        {
            return _entries[index];
        }

        public ApsReassembly Find(ushort source, byte counter)
        {
            for (int i = 0; i < _entries.Length; i++)
            {
                ApsReassembly r = _entries[i];
                if (r.InUse && r.Source == source && r.Counter == counter)
                {
                    return r;
                }
            }

            return null;
        }

        /// <summary>A free entry, or one whose payload already went up; null when every entry is mid-reassembly.</summary>
        public ApsReassembly Take()
        {
            ApsReassembly done = null;
            for (int i = 0; i < _entries.Length; i++)
            {
                ApsReassembly r = _entries[i];
                if (!r.InUse)
                {
                    return r;
                }

                if (r.Complete && done == null)
                {
                    done = r;
                }
            }

            return done;
        }
    }
}
