using CommsHub.Mac;
using CommsHub.Mac.Coordinator;

namespace CommsHub.Nwk
{
    /// <summary>
    /// Who is in the network, at the NWK level: leave in both directions, secured and trust centre rejoin, R21 end
    /// device timeouts, and the devices known by EUI-64 beyond the hub's children.
    /// </summary>
    public sealed partial class NwkLayer
    {
        /// <summary>Leave command options (Zigbee specification 3.4.4.3.1).</summary>
        public const byte LeaveRemoveChildren = 0x80;
        public const byte LeaveRequest = 0x40;
        public const byte LeaveRejoin = 0x20;

        /// <summary>Rejoin Response status values: those of the MAC's Association Response.</summary>
        public const byte RejoinSuccess = AssociationStatus.Successful;
        public const byte RejoinAtCapacity = AssociationStatus.PanAtCapacity;
        public const byte RejoinAccessDenied = AssociationStatus.PanAccessDenied;

        private const int PendingLeaveCapacity = 8;

        private readonly NwkCommand _rxCommand = new NwkCommand();
        private readonly NwkCommand _txCommand = new NwkCommand();
        private readonly byte[] _commandFrame = new byte[CommandOffset + MacPayloadMax];
        private readonly int[] _leaveHandle = new int[PendingLeaveCapacity];
        private readonly ulong[] _leaveDevice = new ulong[PendingLeaveCapacity];
        private readonly ushort[] _leaveShort = new ushort[PendingLeaveCapacity];
        private readonly bool[] _leaveRejoin = new bool[PendingLeaveCapacity];
        private bool _rejoinRxOn;

        /// <summary>A device told the hub it left; raised after it was forgotten.</summary>
        public event NwkLeaveHandler LeaveIndication;

        /// <summary>The hub told a device to leave and has forgotten it (the MAC sent the Leave, or gave up on it).</summary>
        public event NwkLeaveHandler LeaveSent;

        /// <summary>A device rejoined and was answered with its address.</summary>
        public event NwkRejoinHandler RejoinIndication;

        /// <summary>Who may rejoin (the trust centre decides); null refuses every rejoin.</summary>
        public NwkRejoinAdmission RejoinAdmission { get; set; }

        /// <summary>Rejoin requests refused (not admitted, or no room).</summary>
        public int RejoinsRefused { get; private set; }

        /// <summary>Children forgotten because they stayed silent past their end device timeout.</summary>
        public int ChildrenAgedOut { get; private set; }

        /// <summary>
        /// Tells a device to leave (the NWK Leave command with the request bit, and the rejoin bit when it should come
        /// back), held for its poll if it sleeps; once the MAC is done with the frame the device is forgotten (neighbour
        /// table, the MAC's child table, routes). Returns the MAC's handle or a negative Send... value.
        /// </summary>
        public int SendLeave(ushort shortAddress, ulong device, bool rejoin)
        {
            _txCommand.CommandId = NwkCommandId.Leave;
            _txCommand.Options = (byte)(LeaveRequest | (rejoin ? LeaveRejoin : 0));
            int handle = SendCommandPayload(shortAddress, 1, true, device, ResolveHop, 0);
            if (handle <= 0)
            {
                return handle;
            }

            for (int i = 0; i < PendingLeaveCapacity; i++)
            {
                if (_leaveHandle[i] == 0)
                {
                    _leaveHandle[i] = handle;
                    _leaveDevice[i] = device;
                    _leaveShort[i] = shortAddress;
                    _leaveRejoin[i] = rejoin;
                    return handle;
                }
            }

            // No slot to wait in: the frame is queued already (the MAC keeps it), so forget the device now.
            Forget(device, shortAddress);
            RaiseLeaveSent(device, shortAddress, rejoin);
            return handle;
        }

        /// <summary>
        /// Accepts frames from a device beyond the hub's children (the trust centre learnt it from a router's
        /// Update-Device); false when the table is full.
        /// </summary>
        public bool AddKnownDevice(ulong device, ushort shortAddress)
        {
            if (_neighbours.IndexOf(device) >= 0)
            {
                return true;
            }

            return _known.Put(device, shortAddress, true);
        }

        private void OnMacConfirm(int handle, int status)
        {
            for (int i = 0; i < PendingLeaveCapacity; i++)
            {
                if (_leaveHandle[i] == handle)
                {
                    // Told, or given up on after retries or expiry: either way it is no longer in the network.
                    _leaveHandle[i] = 0;
                    Forget(_leaveDevice[i], _leaveShort[i]);
                    RaiseLeaveSent(_leaveDevice[i], _leaveShort[i], _leaveRejoin[i]);
                    return;
                }
            }
        }

        private void RaiseLeaveSent(ulong device, ushort shortAddress, bool rejoin)
        {
            NwkLeaveHandler sent = LeaveSent;
            if (sent != null)
            {
                sent(device, shortAddress, rejoin);
            }
        }

        /// <summary>Forgets a device everywhere the NWK layer and the MAC keep it.</summary>
        private void Forget(ulong device, ushort shortAddress)
        {
            _neighbours.Remove(device);
            _known.Remove(device);
            _mac.RemoveChild(device);
            _routers.Remove(shortAddress);
            _routes.Remove(shortAddress);
            _routes.RemoveThrough(shortAddress);
        }

        private void OnLeave()
        {
            if ((_rxCommand.Options & LeaveRequest) != 0)
            {
                Drop(NwkDrop.MalformedCommand, "leave request to the hub: the coordinator does not leave its own network");
                return;
            }

            ushort source = _rx.Source;
            int index = _neighbours.IndexOfShort(source);
            ulong device;
            if (index >= 0)
            {
                device = _neighbours.ExtendedAt(index);
            }
            else
            {
                index = _known.IndexOfShort(source);
                if (index < 0)
                {
                    Drop(NwkDrop.UnknownDevice, "leave from a NWK source address the hub does not know");
                    return;
                }

                device = _known.ExtendedAt(index);
            }

            Forget(device, source);
            NwkLeaveHandler left = LeaveIndication;
            if (left != null)
            {
                left(device, source, (_rxCommand.Options & LeaveRejoin) != 0);
            }
        }

        /// <summary>A rejoin request secured by the device itself, one hop: the auxiliary source is the device.</summary>
        private void OnSecuredRejoin(MacFrame frame)
        {
            ulong device = _rx.Auxiliary.Source;
            bool oneHop = frame.Source.Mode == MacAddressMode.Extended ? frame.Source.Extended == device : frame.Source.Short == _rx.Source;
            if (!oneHop || (_rx.HasSourceIeee && _rx.SourceIeee != device))
            {
                Drop(NwkDrop.MalformedCommand, "rejoin request not sent by the device it names (a rejoin is one hop, secured by the device)");
                return;
            }

            OnRejoinRequest(frame, device, true, _rx.Auxiliary.FrameCounter);
        }

        private void OnUnsecuredRejoin(MacFrame frame)
        {
            ulong device = _rx.HasSourceIeee ? _rx.SourceIeee
                : frame.Source.Mode == MacAddressMode.Extended ? frame.Source.Extended : 0;
            if (device == 0)
            {
                Drop(NwkDrop.MalformedCommand, "unsecured rejoin request names no EUI-64 (NWK source IEEE or MAC source)");
                return;
            }

            OnRejoinRequest(frame, device, false, 0);
        }

        /// <summary>
        /// Answers a Rejoin Request: the device keeps the short address the hub knows it by, or gets a new one from the
        /// MAC's child table; a device the trust centre does not admit is refused.
        /// </summary>
        private void OnRejoinRequest(MacFrame frame, ulong device, bool secured, uint counter)
        {
            string problem = NwkCommandCodec.Decode(frame.Payload, _rx.PayloadOffset, _rx.PayloadLength, _rxCommand);
            if (problem != null)
            {
                Drop(NwkDrop.MalformedCommand, problem);
                return;
            }

            bool rxOn = (_rxCommand.Capability & CapabilityInformation.ReceiverOnWhenIdle) != 0;
            ushort oldAddress = _rx.Source;
            NwkRejoinAdmission admission = RejoinAdmission;
            byte status = RejoinSuccess;
            ushort address = 0xFFFF;
            if (admission == null || !admission(device))
            {
                status = RejoinAccessDenied;
            }
            else
            {
                address = AdmitRejoin(device, rxOn);
                status = address == 0xFFFF ? RejoinAtCapacity : RejoinSuccess;
            }

            if (status != RejoinSuccess)
            {
                RejoinsRefused++;
            }

            int index = _neighbours.IndexOf(device);
            if (secured && index >= 0)
            {
                _neighbours.Accept(index, counter);
            }

            if (index >= 0)
            {
                _neighbours.Heard(index, Now());
            }

            _txCommand.CommandId = NwkCommandId.RejoinResponse;
            _txCommand.Address = address;
            _txCommand.Status = status;
            _rejoinRxOn = rxOn;
            SendCommandPayload(oldAddress, 1, secured, device, ResolveHop, device);
            if (status != RejoinSuccess)
            {
                return;
            }

            NwkRejoinHandler rejoined = RejoinIndication;
            if (rejoined != null)
            {
                rejoined(device, address, secured);
            }
        }

        /// <summary>Makes the device a child, keeping the short address it is known by; 0xFFFF when there is no room.</summary>
        private ushort AdmitRejoin(ulong device, bool rxOn)
        {
            ChildTable children = _mac.Children;
            int child = children.IndexOf(device);
            ushort address;
            if (child >= 0)
            {
                address = children.ShortAt(child);
                children.Put(device, address, rxOn);
            }
            else
            {
                int known = _known.IndexOf(device);
                if (known >= 0 && children.IndexOfShort(_known.ShortAt(known)) < 0)
                {
                    address = _known.ShortAt(known);
                    if (!children.Put(device, address, rxOn))
                    {
                        return 0xFFFF;
                    }
                }
                else
                {
                    address = _mac.AddChild(device, rxOn);
                    if (address == 0xFFFF)
                    {
                        return address;
                    }
                }
            }

            // Carry the counter a known device had, so frames it sent before cannot be replayed to the child.
            int was = _known.IndexOf(device);
            bool heard = was >= 0;
            uint last = heard ? _known.IncomingCounterAt(was) : 0;
            _known.Remove(device);
            if (!_neighbours.Put(device, address, rxOn))
            {
                _mac.RemoveChild(device);
                return 0xFFFF;
            }

            if (heard)
            {
                _neighbours.Accept(_neighbours.IndexOf(device), last);
            }

            return address;
        }

        private void OnEndDeviceTimeoutRequest()
        {
            int child = _neighbours.IndexOfShort(_rx.Source);
            if (child < 0 || _neighbours.ExtendedAt(child) != _rx.Auxiliary.Source)
            {
                Drop(NwkDrop.UnknownDevice, "end device timeout request from a device that is not the hub's child");
                return;
            }

            byte status = EndDeviceTimeoutPolicy.IncorrectValue;
            if (EndDeviceTimeoutPolicy.Accepts(_rxCommand.Timeout, _rxCommand.Configuration))
            {
                _neighbours.SetTimeout(child, EndDeviceTimeoutPolicy.Milliseconds(_rxCommand.Timeout), Now());
                status = EndDeviceTimeoutPolicy.Success;
            }

            _txCommand.CommandId = NwkCommandId.EndDeviceTimeoutResponse;
            _txCommand.Status = status;
            _txCommand.Timeout = EndDeviceTimeoutPolicy.ParentInformation;
            SendCommandPayload(_rx.Source, 1, true, 0, ResolveHop, 0);
        }

        /// <summary>Forgets one child silent past its timeout per call, so a main-loop turn stays short.</summary>
        private void AgeChildren(long now)
        {
            for (int i = 0; i < _neighbours.Capacity; i++)
            {
                if (_neighbours.IsUsedAt(i) && _neighbours.TimedOut(i, now))
                {
                    ChildrenAgedOut++;
                    Forget(_neighbours.ExtendedAt(i), _neighbours.ShortAt(i));
                    return;
                }
            }
        }

        /// <summary>
        /// Encodes <see cref="_txCommand"/> and sends it; <paramref name="destinationIeee"/> not 0 adds both IEEE
        /// addresses to the NWK header (leave, rejoin response).
        /// </summary>
        private int SendCommandPayload(ushort destination, byte radius, bool secure, ulong destinationIeee, int hop, ulong macExtended)
        {
            int length = NwkCommandCodec.Encode(_txCommand, _commandFrame, CommandOffset);
            _tx.Reset();
            _tx.FrameType = NwkFrameType.Command;
            _tx.Destination = destination;
            _tx.Source = Hub;
            _tx.Radius = radius;
            _tx.Sequence = _sequence;
            _tx.Security = secure;
            if (destinationIeee != 0)
            {
                _tx.HasDestinationIeee = true;
                _tx.DestinationIeee = destinationIeee;
                _tx.HasSourceIeee = true;
                _tx.SourceIeee = _hub;
            }

            return Transmit(_commandFrame, CommandOffset, length, hop, macExtended);
        }
    }
}
