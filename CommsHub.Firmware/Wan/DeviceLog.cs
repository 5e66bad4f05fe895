using System.Collections;

namespace CommsHub.Wan
{
    /// <summary>
    /// The HAN devices the head-end has told the hub about (EUI-64, device type, install code), for the Zigbee
    /// joining that comes with the network layer. Held in RAM for now: the head-end re-sends it after a reboot.
    /// </summary>
    public sealed class DeviceLog
    {
        private readonly ArrayList _entries = new ArrayList();

        public int Count
        {
            get { return _entries.Count; }
        }

        public DeviceLogEntry Entry(int index)
        {
            return (DeviceLogEntry)_entries[index];
        }

        public void AddOrReplace(DeviceLogEntry entry)
        {
            Remove(entry.Device);
            _entries.Add(entry);
        }

        public bool Remove(ulong device)
        {
            for (int i = 0; i < _entries.Count; i++)
            {
                if (((DeviceLogEntry)_entries[i]).Device == device)
                {
                    _entries.RemoveAt(i);
                    return true;
                }
            }

            return false;
        }
    }

    public sealed class DeviceLogEntry
    {
        public ulong Device;
        public byte Kind;
        public byte[] InstallCode;
    }
}
