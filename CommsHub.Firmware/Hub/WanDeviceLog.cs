using CommsHub.TrustCenter;
using CommsHub.Wan;

namespace CommsHub.Hub
{
    /// <summary>
    /// The trust centre's view of the CHF Device Log the head-end manages over the WAN and the hub keeps in flash:
    /// install codes, each device's join window, and the refusals it reports back to the head-end.
    /// </summary>
    public sealed class WanDeviceLog : IDeviceLog
    {
        private readonly DeviceLog _log;

        public WanDeviceLog(DeviceLog log)
        {
            _log = log;
        }

        public int InstallCodeOf(ulong eui64, byte[] code)
        {
            int i = _log.IndexOf(eui64);
            if (i < 0)
            {
                return 0;
            }

            DeviceLogEntry entry = _log.Entry(i);
            if (entry.InstallCode == null || entry.InstallCode.Length > code.Length)
            {
                return 0;
            }

            System.Array.Copy(entry.InstallCode, code, entry.InstallCode.Length);
            return entry.InstallCode.Length;
        }

        public bool JoinWindowOpen(ulong eui64, long nowMilliseconds)
        {
            int i = _log.IndexOf(eui64);
            return i >= 0 && IsOpen(_log.Entry(i), nowMilliseconds);
        }

        public bool AnyJoinWindowOpen(long nowMilliseconds)
        {
            for (int i = 0; i < _log.Count; i++)
            {
                if (IsOpen(_log.Entry(i), nowMilliseconds))
                {
                    return true;
                }
            }

            return false;
        }

        public void JoinRefused(ulong eui64, string why)
        {
            _log.OnJoinRefused(why);
        }

        private static bool IsOpen(DeviceLogEntry entry, long now)
        {
            return entry.JoinClosesAt >= 0 && now < entry.JoinClosesAt;
        }
    }
}
