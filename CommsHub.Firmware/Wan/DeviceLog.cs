using System.Collections;
using CommsHub.Platform;
using CommsHub.Security;
using CommsHub.Storage.Devices;

namespace CommsHub.Wan
{
    /// <summary>
    /// The CHF Device Log (GBCS CCS01/CCS02): the HAN devices the head-end allows to join (EUI-64, device type, install
    /// code without its CRC) and the Historic Device Log of removed ones. Kept in flash when it has a store, so a reboot
    /// keeps it; each change is one record written before the change is reported done. It never holds more than its
    /// capacity: an add to a full log is refused and counted. An add opens that device's join window (RAM only: a
    /// reboot closes it). A removal keeps the device's link key in the Historic Device Log and tells the trust centre.
    /// </summary>
    public sealed class DeviceLog
    {
        /// <summary>Bytes one entry takes in the store: EUI-64, device type, code length, code.</summary>
        private const int EncodedEntryLength = 8 + 1 + 1 + InstallCode.MaxLength;

        private const byte FormatVersion = 1;

        private readonly ArrayList _entries = new ArrayList();
        private readonly int _capacity;
        private readonly DeviceLogStore _store;
        private readonly HistoricDeviceLog _historic = new HistoricDeviceLog();
        private readonly byte[] _key = new byte[16];
        private InstallCode _installCode;

        /// <summary>A log in RAM only.</summary>
        public DeviceLog(int capacity)
            : this(capacity, null)
        {
        }

        public DeviceLog(int capacity, DeviceLogStore store)
        {
            _capacity = capacity;
            _store = store;
            if (store != null && 2 + (capacity * EncodedEntryLength) + 1 + (HistoricDeviceLog.Capacity * HistoricDeviceLog.EncodedEntryLength) > DeviceLogStore.BodyLength)
            {
                throw new System.ArgumentException("a Device Log of " + capacity.ToString() + " entries does not fit one store record");
            }
        }

        /// <summary>A device was removed (after the log in flash says so): the trust centre tells it to leave.</summary>
        public event DeviceLogRemovedHandler Removed;

        /// <summary>Where a removed device's current link key comes from (the trust centre); without it, its install-code key.</summary>
        public LinkKeyCopier LinkKeys { get; set; }

        public int Capacity
        {
            get { return _capacity; }
        }

        public int Count
        {
            get { return _entries.Count; }
        }

        public HistoricDeviceLog Historic
        {
            get { return _historic; }
        }

        /// <summary>Adds refused because the log was full.</summary>
        public int Refused { get; private set; }

        /// <summary>Associations the trust centre refused (not in the log, or outside the join window).</summary>
        public int JoinsRefused { get; private set; }

        /// <summary>The newest refusal, in words; null when none.</summary>
        public string LastJoinRefusal { get; private set; }

        /// <summary>Why the stored log could not be read at mount (it is then empty); null when it was fine.</summary>
        public string Problem { get; private set; }

        public DeviceLogEntry Entry(int index)
        {
            return (DeviceLogEntry)_entries[index];
        }

        /// <summary>Reads the log from its store (a log without one stays as it is).</summary>
        public void Mount()
        {
            Problem = null;
            if (_store == null)
            {
                return;
            }

            _entries.Clear();
            if (!_store.Mount())
            {
                return;
            }

            Problem = Decode(_store.Body);
            if (Problem != null)
            {
                _entries.Clear();
            }
        }

        /// <summary>
        /// Adds the entry (its install code without a CRC), replacing one for the same device, and stores the log;
        /// false (nothing changed) when the log is full.
        /// </summary>
        public bool AddOrReplace(DeviceLogEntry entry)
        {
            if (entry.InstallCode == null || !InstallCode.IsValidLength(entry.InstallCode.Length))
            {
                // Callers check the form first (InstallCodeFormPolicy); the log keeps codes without their CRC only.
                throw new System.ArgumentException("a Device Log install code is 6, 8, 12 or 16 bytes without its CRC");
            }

            int existing = IndexOf(entry.Device);
            if (existing >= 0)
            {
                _entries[existing] = entry;
                Save();
                return true;
            }

            if (_entries.Count >= _capacity)
            {
                Refused++;
                return false;
            }

            _entries.Add(entry);
            Save();
            return true;
        }

        /// <summary>Opens <paramref name="device"/>'s join window until <paramref name="closesAt"/> (monotonic milliseconds).</summary>
        public void OpenJoinWindow(ulong device, long closesAt)
        {
            int i = IndexOf(device);
            if (i >= 0)
            {
                Entry(i).JoinClosesAt = closesAt;
            }
        }

        /// <summary>Removes the device, keeping its link key in the Historic Device Log; false when it is not listed.</summary>
        public bool Remove(ulong device)
        {
            int i = IndexOf(device);
            if (i < 0)
            {
                return false;
            }

            DeviceLogEntry entry = Entry(i);
            LinkKeyCopier keys = LinkKeys;
            if (keys == null || !keys(device, _key, 0))
            {
                if (_installCode == null)
                {
                    _installCode = new InstallCode(new SoftwareAes());
                }

                _installCode.DeriveFromCode(entry.InstallCode, 0, entry.InstallCode.Length, _key, 0);
            }

            _historic.Add(device, entry.Kind, _key, 0);
            _entries.RemoveAt(i);
            Save();
            DeviceLogRemovedHandler removed = Removed;
            if (removed != null)
            {
                removed(device);
            }

            return true;
        }

        /// <summary>Counts and keeps an association the trust centre refused.</summary>
        public void OnJoinRefused(string why)
        {
            JoinsRefused++;
            LastJoinRefusal = why;
        }

        public int IndexOf(ulong device)
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

        private void Save()
        {
            if (_store == null)
            {
                return;
            }

            byte[] body = _store.Body;
            for (int i = 0; i < body.Length; i++)
            {
                body[i] = 0;
            }

            int at = 0;
            body[at++] = FormatVersion;
            body[at++] = (byte)_entries.Count;
            for (int i = 0; i < _entries.Count; i++)
            {
                DeviceLogEntry entry = Entry(i);
                LittleEndian.PutU64(body, at, entry.Device);
                body[at + 8] = entry.Kind;
                body[at + 9] = (byte)entry.InstallCode.Length;
                System.Array.Copy(entry.InstallCode, 0, body, at + 10, entry.InstallCode.Length);
                at += EncodedEntryLength;
            }

            _historic.Encode(body, 2 + (_capacity * EncodedEntryLength));
            _store.Write();
        }

        private string Decode(byte[] body)
        {
            if (body[0] != FormatVersion)
            {
                return "stored Device Log format " + body[0].ToString() + " is not " + FormatVersion.ToString();
            }

            int count = body[1];
            if (count > _capacity)
            {
                return "stored Device Log holds " + count.ToString() + " entries, more than its " + _capacity.ToString();
            }

            int at = 2;
            for (int i = 0; i < count; i++)
            {
                int length = body[at + 9];
                if (!InstallCode.IsValidLength(length))
                {
                    return "stored Device Log entry " + i.ToString() + " has an install code of " + length.ToString() + " bytes";
                }

                DeviceLogEntry entry = new DeviceLogEntry();
                entry.Device = LittleEndian.U64(body, at);
                entry.Kind = body[at + 8];
                entry.InstallCode = new byte[length];
                System.Array.Copy(body, at + 10, entry.InstallCode, 0, length);
                _entries.Add(entry);
                at += EncodedEntryLength;
            }

            return _historic.Decode(body, 2 + (_capacity * EncodedEntryLength));
        }
    }

    public sealed class DeviceLogEntry
    {
        public ulong Device;
        public byte Kind;

        /// <summary>The install code without its CRC (6, 8, 12 or 16 bytes).</summary>
        public byte[] InstallCode;

        /// <summary>When the device's join window closes (monotonic milliseconds); -1 when it has none.</summary>
        public long JoinClosesAt = -1;
    }

    /// <summary>A device left the Device Log.</summary>
    public delegate void DeviceLogRemovedHandler(ulong device);

    /// <summary>Copies the link key the trust centre holds for <paramref name="device"/>; false when it holds none.</summary>
    public delegate bool LinkKeyCopier(ulong device, byte[] key, int offset);
}
