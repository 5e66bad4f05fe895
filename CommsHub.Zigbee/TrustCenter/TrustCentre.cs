using CommsHub.Aps;
using CommsHub.Mac;
using CommsHub.Mac.Coordinator;
using CommsHub.Nwk;
using CommsHub.Platform;
using CommsHub.Security;

namespace CommsHub.TrustCenter
{
    /// <summary>
    /// The hub as trust centre of its GB HAN. A device may associate only if the Device Log lists its EUI-64 and a join
    /// window is open (the hub's, or the one the head-end's add opened for that device); anyone else is refused at
    /// association, counted and reported. An admitted device's link key is derived from its install code and the
    /// network key goes to it in an APS Transport-Key secured with the key-transport key (key id 2, extended nonce), in a
    /// NWK frame without NWK security since it has no network key yet; one joining through a router gets it tunnelled.
    /// A device removed from the log is told to leave, its link key dropped and the network key rotated for the others.
    /// The APS commands devices send it (Request-Key, Verify-Key, Update-Device) are answered here.
    /// </summary>
    public sealed class TrustCentre
    {
        /// <summary>Link keys the hub keeps: one per device in a full GB HAN and some to spare.</summary>
        public const int LinkKeyCapacity = 32;

        /// <summary>Zigbee R21 Verify-Key: the initiator's hash is the keyed hash of the link key with this byte.</summary>
        public const byte VerifyKeyHashInput = 0x03;

        public const byte ConfirmSuccess = 0x00;
        public const byte ConfirmIllegalRequest = 0xA3;
        public const byte ConfirmSecurityFailure = 0xAD;

        /// <summary>Update-Device status values (Zigbee specification Table 4-40).</summary>
        public const byte UpdateSecuredRejoin = 0;
        public const byte UpdateUnsecuredJoin = 1;
        public const byte UpdateDeviceLeft = 2;
        public const byte UpdateTrustCenterRejoin = 3;

        private readonly CoordinatorMac _mac;
        private readonly NwkLayer _nwk;
        private readonly IDeviceLog _log;
        private readonly IClock _clock;
        private readonly InstallCode _installCode;
        private readonly KeyedHash _keyedHash;
        private readonly ApsCommandSender _sender;
        private readonly LinkKeyTable _linkKeys = new LinkKeyTable(LinkKeyCapacity);
        private readonly TrustCenterMembers _members = new TrustCenterMembers(LinkKeyCapacity);
        private readonly byte[] _code = new byte[InstallCode.MaxLength];
        private readonly byte[] _linkKey = new byte[16];
        private readonly byte[] _hash = new byte[16];
        private readonly ApsCommand _command = new ApsCommand();
        private readonly ApsCommand _received = new ApsCommand();
        private readonly ulong[] _pendingDevice = new ulong[TransportKeyRetryPolicy.Pending];
        private readonly int[] _pendingHandle = new int[TransportKeyRetryPolicy.Pending];
        private readonly int[] _pendingAttempts = new int[TransportKeyRetryPolicy.Pending];
        private readonly bool[] _pendingResend = new bool[TransportKeyRetryPolicy.Pending];
        private readonly bool[] _pendingUsed = new bool[TransportKeyRetryPolicy.Pending];
        private readonly byte[] _nextKey = new byte[16];
        private readonly bool[] _rotationDue = new bool[LinkKeyCapacity];
        private bool _rotating;
        private long _windowClosesAt = -1;
        private long _switchAt = -1;
        private byte _nextSequence;

        public event TrustCenterReportHandler Reported;

        public TrustCentre(CoordinatorMac mac, NwkLayer nwk, IAesBlock aes, IDeviceLog log, IClock clock, INwkFrameCounter counter)
        {
            _mac = mac;
            _nwk = nwk;
            _log = log;
            _clock = clock;
            _installCode = new InstallCode(aes);
            _keyedHash = new KeyedHash(aes);
            _sender = new ApsCommandSender(nwk, aes, counter);
            _mac.Admission = Admit;
            _mac.ChildAssociated += OnChildAssociated;
            _mac.DataConfirm += OnDataConfirm;
        }

        public LinkKeyTable LinkKeys
        {
            get { return _linkKeys; }
        }

        public TrustCenterMembers Members
        {
            get { return _members; }
        }

        public ApsCommandSender Sender
        {
            get { return _sender; }
        }

        /// <summary>How a device is told to leave; the hub wires it over the NWK layer's Leave.</summary>
        public INetworkLeave Leave { get; set; }

        /// <summary>Where a rotated network key is saved before the switch; without one the key is not rotated.</summary>
        public INetworkKeyStore KeyStore { get; set; }

        /// <summary>The random source of a rotated network key; without one the key is not rotated.</summary>
        public IEntropySource Entropy { get; set; }

        /// <summary>Associations refused because the EUI-64 is not in the Device Log.</summary>
        public int RefusedNotInLog { get; private set; }

        /// <summary>Associations refused because the join window had closed.</summary>
        public int RefusedWindowClosed { get; private set; }

        /// <summary>Admitted devices whose Transport-Key could not be sent (bad install code, full key table, queues full).</summary>
        public int TransportKeyFailures { get; private set; }

        public int TransportKeysSent { get; private set; }

        /// <summary>Transport-Keys sent again because the MAC did not deliver the previous copy.</summary>
        public int TransportKeyRetries { get; private set; }

        /// <summary>Transport-Keys given up after <see cref="TransportKeyRetryPolicy.Attempts"/> undelivered attempts.</summary>
        public int TransportKeysUndelivered { get; private set; }

        /// <summary>Devices told to leave (removed from the log, or rejoining while not in it).</summary>
        public int LeavesRequested { get; private set; }

        /// <summary>Network keys sent to the remaining devices after a removal, and switches made.</summary>
        public int KeyTransportsForRotation { get; private set; }

        public int KeySwitches { get; private set; }

        /// <summary>APS commands from a device the trust centre holds no key or record for: dropped.</summary>
        public int CommandsFromUnknown { get; private set; }

        /// <summary>APS commands that did not decode, or that the trust centre does not take: dropped.</summary>
        public int CommandsDropped { get; private set; }

        public int KeysVerified { get; private set; }

        /// <summary>Verify-Keys whose hash did not match (answered with Confirm-Key SECURITY_FAILURE).</summary>
        public int VerifyKeyFailures { get; private set; }

        public int KeyRequestsAnswered { get; private set; }

        public int KeyRequestsRefused { get; private set; }

        /// <summary>Devices joining through a router that were admitted, and those refused (Remove-Device to the router).</summary>
        public int RouterJoinsAdmitted { get; private set; }

        public int RouterJoinsRefused { get; private set; }

        /// <summary>Trust-centre (unsecured) rejoins answered with the network key, and rejoins refused.</summary>
        public int RejoinsServed { get; private set; }

        public int RejoinsRefused { get; private set; }

        /// <summary>The latest problem in words (a refused join, an undelivered key, a dropped command).</summary>
        public string LastProblem { get; private set; }

        public bool JoiningOpen
        {
            get { return _windowClosesAt >= 0 && _clock.MonotonicMilliseconds < _windowClosesAt; }
        }

        /// <summary>Whether a rotated key waits for its Switch-Key.</summary>
        public bool RotationPending
        {
            get { return _rotating || _switchAt >= 0; }
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

        /// <summary>Takes the APS commands that passed the APS layer's security checks.</summary>
        public void Attach(ApsLayer aps)
        {
            aps.CommandIndication += OnApsCommand;
        }

        /// <summary>Main-loop turn: permit-join follows the windows, undelivered keys are sent again, a due key switch is made.</summary>
        public void Process()
        {
            long now = _clock.MonotonicMilliseconds;
            bool open = JoiningOpen || _log.AnyJoinWindowOpen(now);
            if (_mac.PermitJoining != open)
            {
                _mac.PermitJoining = open;
            }

            for (int i = 0; i < _pendingUsed.Length; i++)
            {
                if (_pendingUsed[i] && _pendingResend[i])
                {
                    Resend(i);
                }
            }

            if (_rotating)
            {
                SendRotationKeys();
            }
            else if (_switchAt >= 0 && now >= _switchAt)
            {
                SwitchKey();
            }
        }

        /// <summary>Copies the link key held for <paramref name="device"/>; false when none (for the Historic Device Log).</summary>
        public bool CopyLinkKey(ulong device, byte[] key, int offset)
        {
            int slot = _linkKeys.IndexOf(device);
            if (slot < 0)
            {
                return false;
            }

            System.Array.Copy(_linkKeys.Keys, _linkKeys.KeyOffset(slot), key, offset, 16);
            return true;
        }

        /// <summary>
        /// A device left the Device Log: it is told to leave (through its router too, if it joined through one), its link
        /// key is dropped, and the network key is rotated for the devices that remain.
        /// </summary>
        public void RemoveDevice(ulong device)
        {
            int member = _members.IndexOf(device);
            if (member >= 0 && _members.ParentAt(member) != TrustCenterMembers.Direct)
            {
                SendRemoveDevice(_members.ParentAt(member), device);
            }

            RequestLeave(device);

            // The MAC forgets it too, so that associating again goes through admission like any stranger.
            _mac.Disassociate(device);
            _linkKeys.Remove(device);
            _members.Remove(device);
            ForgetPending(device);
            if (member >= 0)
            {
                StartRotation();
            }
        }

        /// <summary>
        /// The NWK layer answered a Rejoin Request. A device no longer in the log is told to leave. A trust-centre rejoin
        /// (unsecured: the device lost the network key) gets the network key again in a Transport-Key under its
        /// key-transport key; a secured rejoin needs nothing more.
        /// </summary>
        public void OnRejoin(ulong device, ushort shortAddress, bool secured)
        {
            if (_log.InstallCodeOf(device, _code) == 0)
            {
                RejoinsRefused++;
                Refuse(device, "rejoin refused: ", " is not in the Device Log");
                RequestLeave(device);
                return;
            }

            if (!EnsureLinkKey(device))
            {
                RejoinsRefused++;
                return;
            }

            _members.Put(device, shortAddress, TrustCenterMembers.Direct);
            if (secured)
            {
                return;
            }

            string problem = SendNetworkKey(device, shortAddress, TrustCenterMembers.Direct, true);
            if (problem != null)
            {
                TransportKeyFailures++;
                Report("no network key for rejoining ", device, ": " + problem);
                return;
            }

            RejoinsServed++;
        }

        private bool Admit(ulong device)
        {
            if (_log.InstallCodeOf(device, _code) == 0)
            {
                RefusedNotInLog++;
                Refuse(device, "join refused: ", " is not in the Device Log");
                return false;
            }

            if (!JoiningOpen && !_log.JoinWindowOpen(device, _clock.MonotonicMilliseconds))
            {
                RefusedWindowClosed++;
                Refuse(device, "join refused: ", " asked after the join window closed");
                return false;
            }

            return true;
        }

        private void OnChildAssociated(ulong device, ushort shortAddress)
        {
            // An association is a join from scratch: a device that held a CBKE key and associates again has been reset,
            // so only its install-code key can open the Transport-Key, and it must register again.
            string problem = LoadInstallCodeKey(device) ? SendNetworkKey(device, shortAddress, TrustCenterMembers.Direct, true) : LastProblem;
            if (problem != null)
            {
                TransportKeyFailures++;
                Report("no network key for ", device, ": " + problem);

                // It cannot take part without the key: free its place for a device that can.
                _mac.Disassociate(device);
                return;
            }

            _members.Put(device, shortAddress, TrustCenterMembers.Direct);
        }

        /// <summary>Puts the device's install-code key in the table unless it holds one already (a CBKE key stays).</summary>
        private bool EnsureLinkKey(ulong device)
        {
            if (_linkKeys.IndexOf(device) >= 0)
            {
                return true;
            }

            return LoadInstallCodeKey(device);
        }

        /// <summary>Puts the device's install-code key in the table, not authorised, in place of any key it held.</summary>
        private bool LoadInstallCodeKey(ulong device)
        {
            int codeLength = _log.InstallCodeOf(device, _code);
            string problem = codeLength == 0 ? "left the Device Log" : _installCode.DeriveFromCode(_code, 0, codeLength, _linkKey, 0);
            if (problem == null && _linkKeys.Put(device, _linkKey, 0) < 0)
            {
                problem = "the link key table is full";
            }

            if (problem != null)
            {
                LastProblem = problem;
                return false;
            }

            return true;
        }

        /// <summary>
        /// The active network key to <paramref name="device"/> in a Transport-Key under its key-transport key: directly
        /// (NWK unsecured: it has no network key yet) or tunnelled through <paramref name="router"/>.
        /// </summary>
        private string SendNetworkKey(ulong device, ushort shortAddress, ushort router, bool track)
        {
            int slot = _linkKeys.IndexOf(device);
            if (slot < 0)
            {
                return "no link key";
            }

            FillNetworkKey(device, _nwk.Network.NetworkKey, _nwk.Network.KeySequence);
            int handle = router == TrustCenterMembers.Direct
                ? _sender.Send(shortAddress, _command, _linkKeys.Keys, _linkKeys.KeyOffset(slot), AuxiliaryHeader.KeyIdKeyTransport, false)
                : _sender.SendTunnelled(router, device, _command, _linkKeys.Keys, _linkKeys.KeyOffset(slot), AuxiliaryHeader.KeyIdKeyTransport);
            if (handle < 0)
            {
                return "the Transport-Key was not sent: " + ApsCommandSender.Describe(handle);
            }

            TransportKeysSent++;
            if (track)
            {
                Track(device, handle);
            }

            return null;
        }

        private void FillNetworkKey(ulong device, byte[] key, byte sequence)
        {
            _command.CommandId = ApsCommandId.TransportKey;
            _command.KeyType = ApsCommandId.KeyTypeNetwork;
            System.Array.Copy(key, _command.Key, 16);
            _command.KeySequence = sequence;
            _command.DestinationIeee = device;
            _command.SourceIeee = _nwk.HubEui64;
        }

        private void Track(ulong device, int handle)
        {
            int slot = PendingOf(device);
            for (int i = 0; i < _pendingUsed.Length && slot < 0; i++)
            {
                if (!_pendingUsed[i])
                {
                    slot = i;
                    _pendingAttempts[i] = 0;
                }
            }

            if (slot < 0)
            {
                return;
            }

            _pendingUsed[slot] = true;
            _pendingDevice[slot] = device;
            _pendingHandle[slot] = handle;
            _pendingResend[slot] = false;
            _pendingAttempts[slot]++;
        }

        private int PendingOf(ulong device)
        {
            for (int i = 0; i < _pendingUsed.Length; i++)
            {
                if (_pendingUsed[i] && _pendingDevice[i] == device)
                {
                    return i;
                }
            }

            return -1;
        }

        private void ForgetPending(ulong device)
        {
            int i = PendingOf(device);
            if (i >= 0)
            {
                _pendingUsed[i] = false;
            }
        }

        private void OnDataConfirm(int handle, int status)
        {
            for (int i = 0; i < _pendingUsed.Length; i++)
            {
                if (!_pendingUsed[i] || _pendingHandle[i] != handle)
                {
                    continue;
                }

                if (status == MacStatus.Success)
                {
                    _pendingUsed[i] = false;
                }
                else if (_pendingAttempts[i] >= TransportKeyRetryPolicy.Attempts)
                {
                    _pendingUsed[i] = false;
                    TransportKeysUndelivered++;
                    Report("network key not delivered to ", _pendingDevice[i], " after " + _pendingAttempts[i].ToString() + " Transport-Keys (MAC status 0x" + Hex.Format(status, 2) + "); it may join again");
                }
                else
                {
                    // Sent again from the main loop, not from inside the MAC's confirm.
                    _pendingResend[i] = true;
                }

                return;
            }
        }

        private void Resend(int i)
        {
            ulong device = _pendingDevice[i];
            _pendingResend[i] = false;
            int member = _members.IndexOf(device);
            if (member < 0)
            {
                _pendingUsed[i] = false;
                return;
            }

            TransportKeyRetries++;
            ushort parent = _members.ParentAt(member);
            string problem = SendNetworkKey(device, _members.ShortAt(member), parent, true);
            if (problem != null)
            {
                _pendingUsed[i] = false;
                TransportKeysUndelivered++;
                Report("network key not delivered to ", device, ": " + problem);
            }
        }

        private void RequestLeave(ulong device)
        {
            INetworkLeave leave = Leave;
            LeavesRequested++;
            if (leave == null || !leave.RequestLeave(device, false))
            {
                Report("could not tell ", device, " to leave");
            }
        }

        private void SendRemoveDevice(ushort router, ulong device)
        {
            int routerSlot = RouterKeySlot(router);
            if (routerSlot < 0)
            {
                return;
            }

            _command.CommandId = ApsCommandId.RemoveDevice;
            _command.DestinationIeee = device;
            int handle = _sender.Send(router, _command, _linkKeys.Keys, _linkKeys.KeyOffset(routerSlot), AuxiliaryHeader.KeyIdData, true);
            if (handle < 0)
            {
                Report("Remove-Device for ", device, " not sent to its router: " + ApsCommandSender.Describe(handle));
            }
        }

        private int RouterKeySlot(ushort router)
        {
            int member = _members.IndexOfShort(router);
            return member < 0 ? -1 : _linkKeys.IndexOf(_members.DeviceAt(member));
        }

        private void StartRotation()
        {
            if (Entropy == null || KeyStore == null)
            {
                Report("network key not rotated after removing a device: ", 0, Entropy == null ? "no random source for keys" : "no store for the key");
                return;
            }

            // A rotation already under way restarts with a fresh key: the removed device may have read the staged one.
            Entropy.Fill(_nextKey);
            _nextSequence = (byte)(_nwk.Network.KeySequence + 1);

            // Children the hub restored from flash after a reboot hold the key too, though they joined before this boot.
            ChildTable children = _mac.Children;
            for (int c = 0; c < children.Capacity; c++)
            {
                ulong child = children.IsUsedAt(c) ? children.ExtendedAt(c) : 0;
                if (child != 0 && _members.IndexOf(child) < 0 && _linkKeys.IndexOf(child) >= 0)
                {
                    _members.Put(child, children.ShortAt(c), TrustCenterMembers.Direct);
                }
            }

            for (int i = 0; i < _members.Capacity; i++)
            {
                _rotationDue[i] = _members.UsedAt(i);
            }

            _switchAt = -1;
            _rotating = true;
        }

        /// <summary>A few Transport-Keys of the new key per main-loop turn (each is a keyed hash and a CCM* pass); then the switch is timed.</summary>
        private void SendRotationKeys()
        {
            int sent = 0;
            for (int i = 0; i < _members.Capacity && sent < KeyRotationPolicy.TransportKeysPerTurn; i++)
            {
                if (!_rotationDue[i])
                {
                    continue;
                }

                _rotationDue[i] = false;
                sent++;
                ulong device = _members.DeviceAt(i);
                int slot = _members.UsedAt(i) ? _linkKeys.IndexOf(device) : -1;
                if (slot < 0)
                {
                    continue;
                }

                // Under the device's own link key and the current network key: only the devices that remain can read it.
                FillNetworkKey(device, _nextKey, _nextSequence);
                int handle = _sender.Send(_members.ShortAt(i), _command, _linkKeys.Keys, _linkKeys.KeyOffset(slot), AuxiliaryHeader.KeyIdKeyTransport, true);
                if (handle < 0)
                {
                    Report("new network key not sent to ", device, ": " + ApsCommandSender.Describe(handle));
                    continue;
                }

                KeyTransportsForRotation++;
            }

            if (sent == 0)
            {
                _rotating = false;
                _switchAt = _clock.MonotonicMilliseconds + KeyRotationPolicy.SwitchDelayMilliseconds;
            }
        }

        private void SwitchKey()
        {
            _switchAt = -1;
            NetworkParameters current = _nwk.Network;
            NetworkParameters next = new NetworkParameters();
            next.ExtendedPanId = current.ExtendedPanId;
            next.PanId = current.PanId;
            next.Channel = current.Channel;
            next.KeySequence = _nextSequence;
            System.Array.Copy(_nextKey, next.NetworkKey, 16);

            // Saved first: a hub cut off now boots on the new key, which every remaining device already holds.
            KeyStore.Save(next);
            _command.CommandId = ApsCommandId.SwitchKey;
            _command.KeySequence = _nextSequence;
            for (int i = 0; i < _members.Capacity; i++)
            {
                if (!_members.UsedAt(i))
                {
                    continue;
                }

                // NWK security only (Zigbee specification 4.4.10.5), still under the old key the device is using.
                int handle = _sender.Send(_members.ShortAt(i), _command, null, 0, ApsCommandSender.NoApsSecurity, true);
                if (handle < 0)
                {
                    Report("Switch-Key not sent to ", _members.DeviceAt(i), ": " + ApsCommandSender.Describe(handle) + " (it switches on the first frame under the new key)");
                }
            }

            System.Array.Copy(_nextKey, current.NetworkKey, 16);
            current.KeySequence = _nextSequence;
            KeySwitches++;
            Report("network key switched to sequence number ", 0, _nextSequence.ToString());
        }

        private void OnApsCommand(ApsHeader header, ushort source, byte[] buffer, int offset, int length)
        {
            string problem = ApsCommandCodec.Decode(buffer, offset, length, _received);
            if (problem != null)
            {
                Drop(problem);
                return;
            }

            int member = _members.IndexOfShort(source);
            ulong sender = member >= 0 ? _members.DeviceAt(member) : header.Security && header.Auxiliary.ExtendedNonce ? header.Auxiliary.Source : 0;
            int slot = sender == 0 ? -1 : _linkKeys.IndexOf(sender);
            if (slot < 0)
            {
                CommandsFromUnknown++;
                LastProblem = "APS command 0x" + Hex.Format(_received.CommandId, 2) + " from 0x" + Hex.Format(source, 4) + ", a device the trust centre does not know";
                return;
            }

            switch (_received.CommandId)
            {
                case ApsCommandId.RequestKey:
                    OnRequestKey(sender, source, slot);
                    break;
                case ApsCommandId.VerifyKey:
                    OnVerifyKey(sender, source, slot);
                    break;
                case ApsCommandId.UpdateDevice:
                    OnUpdateDevice(source);
                    break;
                default:
                    Drop("APS command 0x" + Hex.Format(_received.CommandId, 2) + " is not one the trust centre takes");
                    break;
            }
        }

        private void OnRequestKey(ulong device, ushort source, int slot)
        {
            bool trustCentreKey = _received.KeyType == ApsCommandId.KeyTypeTrustCenterLink;
            if (trustCentreKey ? !RequestKeyPolicy.AnswerTrustCentreLinkKey : !RequestKeyPolicy.AnswerApplicationLinkKey)
            {
                KeyRequestsRefused++;
                Report("Request-Key refused for ", device, trustCentreKey ? ": trust-centre link keys are not handed out" : ": no application link keys in a GB HAN");
                return;
            }

            _command.CommandId = ApsCommandId.TransportKey;
            _command.KeyType = ApsCommandId.KeyTypeTrustCenterLink;
            System.Array.Copy(_linkKeys.Keys, _linkKeys.KeyOffset(slot), _command.Key, 0, 16);
            _command.DestinationIeee = device;
            _command.SourceIeee = _nwk.HubEui64;
            int handle = _sender.Send(source, _command, _linkKeys.Keys, _linkKeys.KeyOffset(slot), AuxiliaryHeader.KeyIdKeyTransport, true);
            if (handle < 0)
            {
                Report("Request-Key from ", device, " not answered: " + ApsCommandSender.Describe(handle));
                return;
            }

            KeyRequestsAnswered++;
        }

        private void OnVerifyKey(ulong device, ushort source, int slot)
        {
            byte status;
            if (_received.KeyType != ApsCommandId.KeyTypeTrustCenterLink || _received.SourceIeee != device)
            {
                status = ConfirmIllegalRequest;
                VerifyKeyFailures++;
            }
            else
            {
                _keyedHash.Compute(_linkKeys.Keys, _linkKeys.KeyOffset(slot), VerifyKeyHashInput, _hash, 0);
                status = ConfirmSuccess;
                for (int i = 0; i < 16; i++)
                {
                    if (_hash[i] != _received.Key[i])
                    {
                        status = ConfirmSecurityFailure;
                    }
                }

                if (status == ConfirmSuccess)
                {
                    KeysVerified++;
                }
                else
                {
                    VerifyKeyFailures++;
                    Report("Verify-Key from ", device, ": the hash does not match the link key the hub holds");
                }
            }

            _command.CommandId = ApsCommandId.ConfirmKey;
            _command.Status = status;
            _command.KeyType = _received.KeyType;
            _command.DestinationIeee = device;
            int handle = _sender.Send(source, _command, _linkKeys.Keys, _linkKeys.KeyOffset(slot), AuxiliaryHeader.KeyIdData, true);
            if (handle < 0)
            {
                Report("Confirm-Key to ", device, " not sent: " + ApsCommandSender.Describe(handle));
            }
        }

        private void OnUpdateDevice(ushort router)
        {
            ulong device = _received.DestinationIeee;
            ushort shortAddress = _received.ShortAddress;
            byte status = _received.Status;
            if (status == UpdateDeviceLeft)
            {
                _members.Remove(device);
                return;
            }

            bool listed = _log.InstallCodeOf(device, _code) != 0;
            bool admitted = status == UpdateUnsecuredJoin ? Admit(device) : listed;
            if (!admitted)
            {
                if (status != UpdateUnsecuredJoin)
                {
                    Refuse(device, "rejoin through a router refused: ", " is not in the Device Log");
                }

                RouterJoinsRefused++;
                SendRemoveDevice(router, device);
                return;
            }

            if (!(status == UpdateUnsecuredJoin ? LoadInstallCodeKey(device) : EnsureLinkKey(device)))
            {
                RouterJoinsRefused++;
                Report("no network key for ", device, ": " + LastProblem);
                SendRemoveDevice(router, device);
                return;
            }

            _members.Put(device, shortAddress, router);

            // The NWK layer names the device's frames (relayed, so secured under the router's address) by this entry.
            _nwk.AddKnownDevice(device, shortAddress);
            if (status == UpdateSecuredRejoin)
            {
                return;
            }

            string problem = SendNetworkKey(device, shortAddress, router, true);
            if (problem != null)
            {
                TransportKeyFailures++;
                Report("no network key for ", device, ": " + problem);
                return;
            }

            RouterJoinsAdmitted++;
        }

        private void Drop(string why)
        {
            CommandsDropped++;
            LastProblem = why;
        }

        private void Refuse(ulong device, string what, string why)
        {
            string line = what + Eui64.FromValue(device).ToString() + why;
            LastProblem = line;
            _log.JoinRefused(device, line);
            Emit(line);
        }

        private void Report(string what, ulong device, string why)
        {
            string line = device == 0 ? what + why : what + Eui64.FromValue(device).ToString() + why;
            LastProblem = line;
            Emit(line);
        }

        private void Emit(string line)
        {
            TrustCenterReportHandler report = Reported;
            if (report != null)
            {
                report(line);
            }
        }
    }
}
