using CommsHub.Aps;
using CommsHub.Mac.Coordinator;
using CommsHub.Nwk;
using CommsHub.Platform;
using CommsHub.Security;

namespace CommsHub.TrustCenter
{
    /// <summary>
    /// The hub as trust centre of its GB HAN. A device may associate only while the join window is open and only
    /// if the Device Log lists its EUI-64; anyone else is refused at association, counted and reported. When an
    /// admitted device has associated, its link key is derived from its install code and the network key goes to
    /// it in an APS Transport-Key (key type 1) secured with the key-transport key (key id 2, extended nonce), in a
    /// NWK frame without NWK security since the device has no network key yet.
    /// </summary>
    public sealed class TrustCentre
    {
        /// <summary>Link keys the hub keeps: one per device in a full GB HAN and some to spare.</summary>
        public const int LinkKeyCapacity = 32;

        private readonly CoordinatorMac _mac;
        private readonly NwkLayer _nwk;
        private readonly IDeviceLog _log;
        private readonly IClock _clock;
        private readonly InstallCode _installCode;
        private readonly ApsCommandSender _sender;
        private readonly LinkKeyTable _linkKeys = new LinkKeyTable(LinkKeyCapacity);
        private readonly byte[] _code = new byte[InstallCode.MaxLength];
        private readonly byte[] _linkKey = new byte[16];
        private readonly ApsCommand _command = new ApsCommand();
        private long _windowClosesAt = -1;

        public event TrustCenterReportHandler Reported;

        public TrustCentre(CoordinatorMac mac, NwkLayer nwk, IAesBlock aes, IDeviceLog log, IClock clock, INwkFrameCounter counter)
        {
            _mac = mac;
            _nwk = nwk;
            _log = log;
            _clock = clock;
            _installCode = new InstallCode(aes);
            _sender = new ApsCommandSender(nwk, aes, counter);
            _mac.Admission = Admit;
            _mac.ChildAssociated += OnChildAssociated;
        }

        public LinkKeyTable LinkKeys
        {
            get { return _linkKeys; }
        }

        /// <summary>Associations refused because the EUI-64 is not in the Device Log.</summary>
        public int RefusedNotInLog { get; private set; }

        /// <summary>Associations refused because the join window had closed.</summary>
        public int RefusedWindowClosed { get; private set; }

        /// <summary>Admitted devices whose Transport-Key could not be sent (bad install code, full key table, queues full).</summary>
        public int TransportKeyFailures { get; private set; }

        public int TransportKeysSent { get; private set; }

        public bool JoiningOpen
        {
            get { return _windowClosesAt >= 0 && _clock.MonotonicMilliseconds < _windowClosesAt; }
        }

        /// <summary>Opens the join window for <paramref name="seconds"/> (GBCS join_timeout; see <see cref="JoinWindowPolicy"/>).</summary>
        public void OpenJoining(int seconds)
        {
            _windowClosesAt = JoinWindowPolicy.ClosesAt(_clock.MonotonicMilliseconds, seconds);
            _mac.PermitJoining = true;
        }

        public void CloseJoining()
        {
            _windowClosesAt = -1;
            _mac.PermitJoining = false;
        }

        /// <summary>Main-loop turn: stops advertising permit-join once the window has passed.</summary>
        public void Process()
        {
            if (_mac.PermitJoining && !JoiningOpen)
            {
                _mac.PermitJoining = false;
            }
        }

        private bool Admit(ulong device)
        {
            if (!JoiningOpen)
            {
                RefusedWindowClosed++;
                Report("join refused: ", device, " asked after the join window closed");
                return false;
            }

            if (_log.InstallCodeOf(device, _code) == 0)
            {
                RefusedNotInLog++;
                Report("join refused: ", device, " is not in the Device Log");
                return false;
            }

            return true;
        }

        private void OnChildAssociated(ulong device, ushort shortAddress)
        {
            int codeLength = _log.InstallCodeOf(device, _code);
            string problem = codeLength == 0 ? "left the Device Log" : _installCode.DeriveFromCode(_code, 0, codeLength, _linkKey, 0);
            if (problem == null && _linkKeys.Put(device, _linkKey, 0) < 0)
            {
                problem = "the link key table is full";
            }

            if (problem == null)
            {
                problem = SendNetworkKey(device, shortAddress);
            }

            if (problem != null)
            {
                TransportKeyFailures++;
                Report("no network key for ", device, ": " + problem);
                return;
            }

            TransportKeysSent++;
        }

        private string SendNetworkKey(ulong device, ushort shortAddress)
        {
            _command.CommandId = ApsCommandId.TransportKey;
            _command.KeyType = ApsCommandId.KeyTypeNetwork;
            System.Array.Copy(_nwk.Network.NetworkKey, _command.Key, 16);
            _command.KeySequence = _nwk.Network.KeySequence;
            _command.DestinationIeee = device;
            _command.SourceIeee = _nwk.HubEui64;

            // The device has no network key yet: only APS security, under the key-transport key of its link key.
            int handle = _sender.Send(shortAddress, _command, _linkKey, 0, AuxiliaryHeader.KeyIdKeyTransport, false);
            return handle < 0 ? "the Transport-Key was not sent: " + ApsCommandSender.Describe(handle) : null;
        }

        private void Report(string what, ulong device, string why)
        {
            TrustCenterReportHandler report = Reported;
            if (report != null)
            {
                report(what + Eui64.FromValue(device).ToString() + why);
            }
        }
    }
}
