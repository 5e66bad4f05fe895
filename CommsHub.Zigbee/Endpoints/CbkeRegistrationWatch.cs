using CommsHub.Platform;
using CommsHub.TrustCenter;

namespace CommsHub.Endpoints
{
    /// <summary>
    /// Watches each device from its association until its link key is authorised by CBKE; one that is still not
    /// authorised after <see cref="CbkeDeadlinePolicy.DeadlineMilliseconds"/> is asked to leave through
    /// <see cref="Removal"/>. Fixed capacity; a device that joins again starts a new deadline.
    /// </summary>
    public sealed class CbkeRegistrationWatch
    {
        private readonly IClock _clock;
        private readonly LinkKeyTable _linkKeys;
        private readonly ulong[] _device;
        private readonly long[] _joinedAt;
        private readonly bool[] _watching;

        public CbkeRegistrationWatch(IClock clock, LinkKeyTable linkKeys, int capacity)
        {
            _clock = clock;
            _linkKeys = linkKeys;
            _device = new ulong[capacity];
            _joinedAt = new long[capacity];
            _watching = new bool[capacity];
        }

        /// <summary>Asks a device to leave; null until the hub wires the network's leave (the device is then only reported).</summary>
        public INetworkLeave Removal { get; set; }

        /// <summary>Devices whose deadline passed, and how many of them were asked to leave.</summary>
        public int Overdue { get; private set; }

        public int AskedToLeave { get; private set; }

        /// <summary>The last overdue device's report line, or null.</summary>
        public string LastReport { get; private set; }

        /// <summary>A line for the console when a device is overdue.</summary>
        public event TrustCenterReportHandler Reported;

        public int Watching
        {
            get
            {
                int count = 0;
                for (int i = 0; i < _watching.Length; i++)
                {
                    count += _watching[i] ? 1 : 0;
                }

                return count;
            }
        }

        /// <summary>A device associated (or associated again): its deadline starts now.</summary>
        public void OnJoined(ulong device, ushort shortAddress)
        {
            int free = -1;
            for (int i = 0; i < _device.Length; i++)
            {
                if (_watching[i] && _device[i] == device)
                {
                    _joinedAt[i] = _clock.MonotonicMilliseconds;
                    return;
                }

                if (!_watching[i] && free < 0)
                {
                    free = i;
                }
            }

            if (free < 0)
            {
                // More devices than the MAC's child table: the oldest watch gives way.
                free = Oldest();
            }

            _device[free] = device;
            _joinedAt[free] = _clock.MonotonicMilliseconds;
            _watching[free] = true;
        }

        /// <summary>The device's key is now authorised: it has registered.</summary>
        public void OnEstablished(ulong device)
        {
            for (int i = 0; i < _device.Length; i++)
            {
                if (_watching[i] && _device[i] == device)
                {
                    _watching[i] = false;
                }
            }
        }

        /// <summary>Main-loop turn: asks each overdue, unauthorised device to leave.</summary>
        public void Process()
        {
            long now = _clock.MonotonicMilliseconds;
            for (int i = 0; i < _device.Length; i++)
            {
                if (!_watching[i] || now - _joinedAt[i] < CbkeDeadlinePolicy.DeadlineMilliseconds)
                {
                    continue;
                }

                _watching[i] = false;
                ulong device = _device[i];
                if (_linkKeys != null && _linkKeys.IsAuthorised(_linkKeys.IndexOf(device)))
                {
                    continue;
                }

                Overdue++;
                INetworkLeave removal = Removal;
                bool asked = removal != null && removal.RequestLeave(device, CbkeDeadlinePolicy.RejoinAfterLeave);
                if (asked)
                {
                    AskedToLeave++;
                }

                LastReport = "CBKE not completed: " + Eui64.FromValue(device).ToString() + " joined "
                    + (CbkeDeadlinePolicy.DeadlineMilliseconds / 60000).ToString() + " minutes ago without an authorised key; "
                    + (asked ? "asked to leave" : removal == null ? "no leave seam wired" : "the leave request could not be sent");
                TrustCenterReportHandler report = Reported;
                if (report != null)
                {
                    report(LastReport);
                }
            }
        }

        private int Oldest()
        {
            int oldest = 0;
            for (int i = 1; i < _joinedAt.Length; i++)
            {
                if (_joinedAt[i] < _joinedAt[oldest])
                {
                    oldest = i;
                }
            }

            return oldest;
        }
    }
}
