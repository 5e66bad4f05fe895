using System.Collections;

namespace CommsHub.Wan
{
    /// <summary>
    /// The HAN devices the head-end has told the hub about (EUI-64, device type, install code), for the Zigbee
    /// joining that comes with the network layer. Held in RAM for now: the head-end re-sends it after a reboot.
    /// It never holds more than its capacity: an add to a full log is refused and counted.
    /// </summary>
    public sealed class DeviceLog
    {
        private readonly ArrayList _entries = new ArrayList();
        private readonly int _capacity;

        public DeviceLog(int capacity)
        {
            _capacity = capacity;
        }

        public int Capacity
        {
            get { return _capacity; }
        }

        public int Count
        {
            get { return _entries.Count; }
        }

        /// <summary>Adds refused because the log was full.</summary>
        public int Refused { get; private set; }

        public DeviceLogEntry Entry(int index)
        {
            return (DeviceLogEntry)_entries[index];
        }

        /// <summary>Adds the entry, replacing one for the same device; false (nothing changed) when the log is full.</summary>
        public bool AddOrReplace(DeviceLogEntry entry)
        {
            int existing = IndexOf(entry.Device);
            if (existing >= 0)
            {
                _entries[existing] = entry;
                return true;
            }

            if (_entries.Count >= _capacity)
            {
                Refused++;
                return false;
            }

            _entries.Add(entry);
            return true;
        }

        public bool Remove(ulong device)
        {
            int i = IndexOf(device);
            if (i < 0)
            {
                return false;
            }

            _entries.RemoveAt(i);
            return true;
        }

        private int IndexOf(ulong device)
        {
            for (int i = 0; i < _entries.Count; i++)
            {
                if (((DeviceLogEntry)_entries[i]).Device == device)
                {
                    return i;
                }
            }

            return -1;
        }
    }

    public sealed class DeviceLogEntry
    {
        public ulong Device;
        public byte Kind;
        public byte[] InstallCode;
    }
}
