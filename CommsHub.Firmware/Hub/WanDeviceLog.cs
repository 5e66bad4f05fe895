using CommsHub.TrustCenter;
using CommsHub.Wan;

namespace CommsHub.Hub
{
    /// <summary>
    /// The trust centre's view of the Device Log the head-end manages over the WAN. It asks the hub's current WAN
    /// service each time, since a restart builds a new one; a hub without a WAN lists nobody, so nobody joins.
    /// </summary>
    public sealed class WanDeviceLog : IDeviceLog
    {
        private readonly HubFirmware _hub;

        public WanDeviceLog(HubFirmware hub)
        {
            _hub = hub;
        }

        public int InstallCodeOf(ulong eui64, byte[] code)
        {
            WanService wan = _hub.Wan;
            DeviceLog log = wan == null ? null : wan.DeviceLog;
            if (log == null)
            {
                return 0;
            }

            for (int i = 0; i < log.Count; i++)
            {
                DeviceLogEntry entry = log.Entry(i);
                if (entry.Device == eui64 && entry.InstallCode != null && entry.InstallCode.Length <= code.Length)
                {
                    System.Array.Copy(entry.InstallCode, code, entry.InstallCode.Length);
                    return entry.InstallCode.Length;
                }
            }

            return 0;
        }
    }
}
