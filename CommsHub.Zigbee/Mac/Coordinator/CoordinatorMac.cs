using System;
using System.Collections;
using CommsHub.Platform;
using CommsHub.Radio;

namespace CommsHub.Mac.Coordinator
{
    /// <summary>
    /// The PAN coordinator's MAC on a non-beacon network: answers Beacon Requests with a Zigbee beacon, associates
    /// devices and allocates their short addresses, delivers data with acknowledgments, holds frames for sleepy
    /// children until they poll (setting frame-pending in the chip's acknowledgments), drops duplicates and
    /// handles disassociation. Frames reach the radio one at a time from a queue; nothing here waits or sleeps.
    /// </summary>
    public sealed class CoordinatorMac
    {
        public const ushort CoordinatorShortAddress = 0x0000;
        private const int MaxQueuedFrames = 16;

        /// <summary>How soon a held frame that was on the air when it expired is looked at again; a transmission with retries takes a few ms.</summary>
        private const long ExpiryRecheckMilliseconds = 50;

        private readonly IRadio _radio;
        private readonly IClock _clock;
        private readonly IEntropySource _entropy;
        private readonly ulong _extendedAddress;
        private readonly ulong _extendedPanId;
        private readonly ChildTable _children = new ChildTable(32);
        private readonly IndirectQueue _indirect = new IndirectQueue(8);
        private readonly bool[] _indirectInFlight = new bool[8];
        private readonly DuplicateFilter _duplicates = new DuplicateFilter(32);
        private readonly ArrayList _queue = new ArrayList();
        private readonly ArrayList _spare = new ArrayList();
        private readonly MacFrame _rx = new MacFrame();
        private readonly MacFrame _tx = new MacFrame();
        private readonly MacFrame _held = new MacFrame();
        private readonly ZigbeeBeacon _beacon = new ZigbeeBeacon();
        private readonly byte[] _payload = new byte[MacFrame.MaxLength];
        private readonly byte[] _frame = new byte[MacFrame.MaxLength];
        private readonly byte[] _random = new byte[2];

        private ushort _panId;
        private byte _dataSequence;
        private byte _beaconSequence;
        private int _nextHandle = 1;
        private OutgoingFrame _inFlight;

        public event MacDataIndicationHandler DataIndication;

        public event MacDataConfirmHandler DataConfirm;

        public event MacChildHandler ChildAssociated;

        public event MacChildHandler ChildLeft;

        /// <summary>A child sent a Data Request: proof of life for its end device timeout.</summary>
        public event MacChildHandler ChildPolled;

        public CoordinatorMac(IRadio radio, IClock clock, IEntropySource entropy, ulong extendedAddress, ulong extendedPanId)
        {
            _radio = radio;
            _clock = clock;
            _entropy = entropy;
            _extendedAddress = extendedAddress;
            _extendedPanId = extendedPanId;
            _radio.TransmitDone += OnTransmitDone;
            _radio.FrameReceived += OnFrameReceived;
        }

        /// <summary>The network's permit-join state, advertised in beacons; the hub decides it.</summary>
        public bool PermitJoining { get; set; }

        /// <summary>Who may join, when the network has a trust centre; null admits anyone while joining is permitted.</summary>
        public MacAdmitHandler Admission { get; set; }

        public ushort PanId
        {
            get { return _panId; }
        }

        public int Channel
        {
            get { return _radio.Channel; }
        }

        public ChildTable Children
        {
            get { return _children; }
        }

        public int IndirectFramesHeld
        {
            get { return _indirect.Count; }
        }

        /// <summary>Association Requests answered with nothing because the indirect queue was full (the device retries).</summary>
        public int AssociationsDropped { get; private set; }

        /// <summary>Initialises the radio as PAN coordinator on <paramref name="channel"/> with short address 0x0000.</summary>
        public void Start(ushort panId, int channel)
        {
            if (panId == 0xFFFF)
            {
                throw new ArgumentException("PAN id 0xFFFF is the broadcast PAN");
            }

            _panId = panId;
            _radio.Initialize();
            _radio.SetExtendedAddress(_extendedAddress);
            _radio.SetPanId(panId);
            _radio.SetShortAddress(CoordinatorShortAddress);
            _radio.SetPanCoordinator(true);
            _radio.SetChannel(channel);
            _radio.SetFramePendingForDataRequests(false);
        }

        /// <summary>
        /// Measures the energy on every channel of the mask (a ZDO energy scan) and returns to the network's channel;
        /// frames on the air during the scan are missed, as on any single-radio scan.
        /// </summary>
        public void EnergyScan(int channelMask, int samplesPerChannel, int[] energyByChannel)
        {
            int channel = _radio.Channel;
            QuietestChannel(channelMask, samplesPerChannel, energyByChannel);
            _radio.SetChannel(channel);
        }

        /// <summary>Measures every channel in the mask (bit n = channel n) and returns the quietest.</summary>
        public int QuietestChannel(int channelMask, int samplesPerChannel, int[] energyByChannel)
        {
            int best = -1;
            int bestEnergy = int.MaxValue;
            for (int channel = 11; channel <= 26; channel++)
            {
                if ((channelMask & (1 << channel)) == 0)
                {
                    continue;
                }

                _radio.SetChannel(channel);
                int peak = 0;
                for (int i = 0; i < samplesPerChannel; i++)
                {
                    int e = _radio.EnergyDetect();
                    peak = e > peak ? e : peak;
                }

                if (energyByChannel != null)
                {
                    energyByChannel[channel] = peak;
                }

                if (peak < bestEnergy)
                {
                    bestEnergy = peak;
                    best = channel;
                }
            }

            if (best < 0)
            {
                throw new ArgumentException("channel mask names no channel from 11 to 26");
            }

            return best;
        }

        /// <summary>
        /// Queues a data frame to a child by short address: sent at once to a child whose receiver is on, held
        /// for a sleepy child's poll. Returns the handle <see cref="DataConfirm"/> will report, or -1 when the
        /// destination is unknown or the queues are full.
        /// </summary>
        public int SendData(ushort destination, byte[] payload, int offset, int length)
        {
            CheckLength(length);
            int child = destination == MacAddress.BroadcastShort ? -1 : _children.IndexOfShort(destination);
            if (destination != MacAddress.BroadcastShort && child < 0)
            {
                return -1;
            }

            return SendTo(MacAddress.FromShort(destination), child, payload, offset, length);
        }

        /// <summary>
        /// Sends a data frame at once to a router in radio range that is not a child (the NWK layer learnt it from
        /// its link status). Returns the handle, or -1 when the queue is full.
        /// </summary>
        public int SendDataDirect(ushort destination, byte[] payload, int offset, int length)
        {
            CheckLength(length);
            int child = _children.IndexOfShort(destination);
            return SendTo(MacAddress.FromShort(destination), child, payload, offset, length);
        }

        /// <summary>
        /// Sends a data frame by extended address: a device that rejoined answers to its extended address until it has
        /// read its short address from the frame. Held for its poll if it sleeps (its child table entry says, or
        /// <paramref name="rxOnWhenIdle"/> for a device that is not a child); -1 when the queues are full.
        /// </summary>
        public int SendDataExtended(ulong destination, bool rxOnWhenIdle, byte[] payload, int offset, int length)
        {
            CheckLength(length);
            int child = _children.IndexOf(destination);
            if (child < 0 && !rxOnWhenIdle)
            {
                return HoldFor(destination, payload, offset, length);
            }

            return SendTo(MacAddress.FromExtended(destination), child, payload, offset, length);
        }

        /// <summary>
        /// Makes a device a child with a fresh short address, as association would: for a device that rejoins the
        /// network through the hub without associating. Returns its short address, or 0xFFFF when the table is full.
        /// </summary>
        public ushort AddChild(ulong extendedAddress, bool rxOnWhenIdle)
        {
            int existing = _children.IndexOf(extendedAddress);
            if (existing >= 0)
            {
                _children.Put(extendedAddress, _children.ShortAt(existing), rxOnWhenIdle);
                return _children.ShortAt(existing);
            }

            ushort shortAddress = AllocateShortAddress();
            return _children.Put(extendedAddress, shortAddress, rxOnWhenIdle) ? shortAddress : (ushort)0xFFFF;
        }

        /// <summary>
        /// Forgets a child without a disassociation frame, because the NWK layer told it to leave or it timed out;
        /// frames still held for it expire on their own. No <see cref="ChildLeft"/> event: the caller knows.
        /// </summary>
        public bool RemoveChild(ulong extendedAddress)
        {
            return _children.Remove(extendedAddress);
        }

        private static void CheckLength(int length)
        {
            if (length < 0 || length > MacFrame.MaxLength - 9)
            {
                throw new ArgumentOutOfRangeException("length", "a data payload with short addressing is at most 116 bytes");
            }
        }

        private int SendTo(MacAddress destination, int child, byte[] payload, int offset, int length)
        {
            bool broadcast = destination.Mode == MacAddressMode.Short && destination.Short == MacAddress.BroadcastShort;
            if (destination.Mode == MacAddressMode.Extended && length > MacFrame.MaxLength - 15)
            {
                return -1;
            }

            _tx.Clear();
            _tx.FrameType = MacFrameType.Data;
            _tx.AckRequest = !broadcast;
            _tx.PanIdCompression = true;
            _tx.Sequence = _dataSequence++;
            _tx.DestinationPanId = _panId;
            _tx.Destination = destination;
            _tx.Source = MacAddress.FromShort(CoordinatorShortAddress);
            _tx.Payload = payload;
            _tx.PayloadOffset = offset;
            _tx.PayloadLength = length;
            int handle = _nextHandle++;
            int frameLength = MacFrameCodec.Encode(_tx, _frame, 0);
            if (child >= 0 && !_children.RxOnWhenIdleAt(child))
            {
                return Hold(_frame, frameLength, handle, _children.ExtendedAt(child), _children.ShortAt(child)) ? handle : -1;
            }

            OutgoingFrame f = Enqueue(OutgoingFrame.KindData, _frame, frameLength);
            if (f == null)
            {
                return -1;
            }

            f.Handle = handle;
            return handle;
        }

        private int HoldFor(ulong destination, byte[] payload, int offset, int length)
        {
            _tx.Clear();
            _tx.FrameType = MacFrameType.Data;
            _tx.AckRequest = true;
            _tx.PanIdCompression = true;
            _tx.Sequence = _dataSequence++;
            _tx.DestinationPanId = _panId;
            _tx.Destination = MacAddress.FromExtended(destination);
            _tx.Source = MacAddress.FromShort(CoordinatorShortAddress);
            _tx.Payload = payload;
            _tx.PayloadOffset = offset;
            _tx.PayloadLength = length;
            int handle = _nextHandle++;
            int frameLength = MacFrameCodec.Encode(_tx, _frame, 0);
            return Hold(_frame, frameLength, handle, destination, 0xFFFE) ? handle : -1;
        }

        /// <summary>Tells a child to leave (Disassociation Notification, reason 1), through its polls if it sleeps.</summary>
        public bool Disassociate(ulong extendedAddress)
        {
            int child = _children.IndexOf(extendedAddress);
            if (child < 0)
            {
                return false;
            }

            _payload[0] = 0x01;
            int length = EncodeCommand(MacAddress.FromExtended(extendedAddress), MacCommandId.DisassociationNotification, 1);
            ushort shortAddress = _children.ShortAt(child);
            bool sent = _children.RxOnWhenIdleAt(child)
                ? Enqueue(OutgoingFrame.KindData, _frame, length) != null
                : Hold(_frame, length, 0, extendedAddress, shortAddress);
            _children.Remove(extendedAddress);
            MacChildHandler left = ChildLeft;
            if (left != null)
            {
                left(extendedAddress, shortAddress);
            }

            return sent;
        }

        /// <summary>Services the radio and starts the next queued transmission; call it from the main loop.</summary>
        public void Process()
        {
            _radio.Process();
            StartNext();
        }

        private void StartNext()
        {
            if (_inFlight != null || _queue.Count == 0 || _radio.IsTransmitting)
            {
                return;
            }

            OutgoingFrame next = (OutgoingFrame)_queue[0];
            _queue.RemoveAt(0);
            if (_radio.Transmit(next.Bytes, 0, next.Length))
            {
                _inFlight = next;
            }
            else
            {
                _queue.Insert(0, next);
            }
        }

        private void OnTransmitDone(int status, bool framePendingInAck, int retries)
        {
            OutgoingFrame done = _inFlight;
            _inFlight = null;
            if (done == null)
            {
                return;
            }

            int macStatus = status == RadioTransmitStatus.Success ? MacStatus.Success
                : status == RadioTransmitStatus.NoAck ? MacStatus.NoAck : MacStatus.ChannelAccessFailure;
            if (done.Kind == OutgoingFrame.KindIndirect)
            {
                FinishIndirect(done.IndirectSlot, macStatus);
            }
            else if (done.Kind == OutgoingFrame.KindData && done.Handle != 0)
            {
                Confirm(done.Handle, macStatus);
            }

            _spare.Add(done);
            StartNext();
        }

        private void FinishIndirect(int slot, int macStatus)
        {
            _indirectInFlight[slot] = false;
            if (macStatus != MacStatus.Success)
            {
                // Still held: the child may poll again before the transaction expires.
                return;
            }

            int handle = _indirect.HandleAt(slot);
            bool associationResponse = IsAssociationResponse(slot);
            ulong extended = _indirect.ExtendedAt(slot);
            _indirect.Remove(slot);
            UpdateFramePending();
            if (associationResponse)
            {
                int child = _children.IndexOf(extended);
                MacChildHandler joined = ChildAssociated;
                if (child >= 0 && joined != null)
                {
                    joined(extended, _children.ShortAt(child));
                }
            }
            else if (handle != 0)
            {
                Confirm(handle, MacStatus.Success);
            }
        }

        private void OnFrameReceived(byte[] bytes, int length, byte linkQuality, byte rssi)
        {
            if (MacFrameCodec.Decode(bytes, 0, length, _rx) != null)
            {
                return;
            }

            if (_rx.FrameType == MacFrameType.Command)
            {
                HandleCommand();
                return;
            }

            if (_rx.FrameType != MacFrameType.Data)
            {
                return;
            }

            if (_rx.AckRequest && _duplicates.IsDuplicate(_rx.Source, _rx.Sequence))
            {
                return;
            }

            MacDataIndicationHandler handler = DataIndication;
            if (handler != null)
            {
                handler(_rx, linkQuality);
            }
        }

        private void HandleCommand()
        {
            switch (_rx.CommandId)
            {
                case MacCommandId.BeaconRequest:
                    SendBeacon();
                    return;
                case MacCommandId.AssociationRequest:
                    if (!_duplicates.IsDuplicate(_rx.Source, _rx.Sequence))
                    {
                        Associate();
                    }

                    return;
                case MacCommandId.DataRequest:
                    // 802.15.4-2006 7.3.4: a Data Request names its source; one without cannot be answered.
                    if (_rx.Source.Mode == MacAddressMode.Short || _rx.Source.Mode == MacAddressMode.Extended)
                    {
                        AnswerDataRequest(_rx.Source);
                        Polled(_rx.Source);
                    }

                    return;
                case MacCommandId.DisassociationNotification:
                    Disassociated();
                    return;
                default:
                    return;
            }
        }

        private void SendBeacon()
        {
            _beacon.AssociationPermit = PermitJoining;
            _beacon.PanCoordinator = true;
            _beacon.RouterCapacity = PermitJoining;
            _beacon.EndDeviceCapacity = PermitJoining && _children.Count < _children.Capacity;
            _beacon.DeviceDepth = 0;
            _beacon.ExtendedPanId = _extendedPanId;
            int payloadLength = _beacon.Encode(_payload, 0);
            _tx.Clear();
            _tx.FrameType = MacFrameType.Beacon;
            _tx.Sequence = _beaconSequence++;
            _tx.SourcePanId = _panId;
            _tx.Source = MacAddress.FromShort(CoordinatorShortAddress);
            _tx.Payload = _payload;
            _tx.PayloadLength = payloadLength;
            int length = MacFrameCodec.Encode(_tx, _frame, 0);
            Enqueue(OutgoingFrame.KindBeacon, _frame, length);
        }

        private void Associate()
        {
            if (_rx.Source.Mode != MacAddressMode.Extended || _rx.PayloadLength < 1 || _rx.DestinationPanId != _panId)
            {
                return;
            }

            ulong device = _rx.Source.Extended;
            byte capability = _rx.PayloadAt(0);
            bool rxOnWhenIdle = (capability & CapabilityInformation.ReceiverOnWhenIdle) != 0;
            byte status = AssociationStatus.Successful;
            ushort shortAddress = 0xFFFF;
            bool added = false;
            int existing = _children.IndexOf(device);
            if (existing >= 0)
            {
                shortAddress = _children.ShortAt(existing);
                _children.Put(device, shortAddress, rxOnWhenIdle);
            }
            else if (!PermitJoining)
            {
                status = AssociationStatus.PanAccessDenied;
            }
            else if (Admission != null && !Admission(device))
            {
                status = AssociationStatus.PanAccessDenied;
            }
            else
            {
                shortAddress = AllocateShortAddress();
                added = _children.Put(device, shortAddress, rxOnWhenIdle);
                if (!added)
                {
                    status = AssociationStatus.PanAtCapacity;
                    shortAddress = 0xFFFF;
                }
            }

            LittleEndian.PutU16(_payload, 0, shortAddress);
            _payload[2] = status;
            int length = EncodeCommand(MacAddress.FromExtended(device), MacCommandId.AssociationResponse, 3);

            // The response is always indirect: the device polls for it after aResponseWaitTime. With no room to hold
            // it the device never learns its address, so it must not stay a child: it retries later.
            if (!Hold(_frame, length, 0, device, 0xFFFF) && added)
            {
                _children.Remove(device);
                AssociationsDropped++;
            }
        }

        private void Disassociated()
        {
            int child = _children.IndexOf(_rx.Source);
            if (child < 0)
            {
                return;
            }

            ulong extended = _children.ExtendedAt(child);
            ushort shortAddress = _children.ShortAt(child);
            _children.Remove(extended);
            MacChildHandler left = ChildLeft;
            if (left != null)
            {
                left(extended, shortAddress);
            }
        }

        private void Polled(MacAddress requester)
        {
            int child = _children.IndexOf(requester);
            MacChildHandler polled = ChildPolled;
            if (child >= 0 && polled != null)
            {
                polled(_children.ExtendedAt(child), _children.ShortAt(child));
            }
        }

        private void AnswerDataRequest(MacAddress requester)
        {
            int slot = _indirect.OldestFor(requester);
            if (slot >= 0 && !_indirectInFlight[slot])
            {
                OutgoingFrame f = Enqueue(OutgoingFrame.KindIndirect, _indirect.FrameAt(slot), _indirect.LengthAt(slot));
                if (f != null)
                {
                    f.IndirectSlot = slot;
                    _indirectInFlight[slot] = true;
                    if (_indirect.CountForSameDevice(slot) > 1)
                    {
                        f.Bytes[0] |= 0x10;
                    }
                    else
                    {
                        f.Bytes[0] &= 0xEF;
                    }
                }

                return;
            }

            if (slot < 0 && _indirect.Count > 0)
            {
                // The chip set frame-pending in its acknowledgment because something is held for someone; a device
                // told that wrongly gets an empty data frame so it can go back to sleep (802.15.4-2006 7.5.6.3).
                _tx.Clear();
                _tx.FrameType = MacFrameType.Data;
                _tx.PanIdCompression = true;
                _tx.Sequence = _dataSequence++;
                _tx.DestinationPanId = _panId;
                _tx.Destination = requester;
                _tx.Source = MacAddress.FromShort(CoordinatorShortAddress);
                int length = MacFrameCodec.Encode(_tx, _frame, 0);
                Enqueue(OutgoingFrame.KindEmptyData, _frame, length);
            }
        }

        private bool Hold(byte[] frame, int length, int handle, ulong extended, ushort shortAddress)
        {
            int slot = _indirect.Add(frame, length, handle, extended, shortAddress);
            if (slot < 0)
            {
                if (handle != 0)
                {
                    Confirm(handle, MacStatus.TransactionOverflow);
                }

                return false;
            }

            _indirectInFlight[slot] = false;
            _indirect.SetExpiry(slot, _clock.StartTimer(IndirectQueue.PersistenceMilliseconds, Expire, slot));
            UpdateFramePending();
            return true;
        }

        private void Expire(object state)
        {
            int slot = (int)state;
            if (!_indirect.IsUsed(slot))
            {
                return;
            }

            if (_indirectInFlight[slot])
            {
                // On the air now: if that transmission fails the frame must still expire, so look again shortly.
                _indirect.SetExpiry(slot, _clock.StartTimer(ExpiryRecheckMilliseconds, Expire, slot));
                return;
            }

            int handle = _indirect.HandleAt(slot);
            bool associationResponse = IsAssociationResponse(slot);
            ulong extended = _indirect.ExtendedAt(slot);
            _indirect.SetExpiry(slot, null);
            _indirect.Remove(slot);
            UpdateFramePending();
            if (associationResponse)
            {
                // A device that never collected its response is not a child.
                _children.Remove(extended);
            }

            if (handle != 0)
            {
                Confirm(handle, MacStatus.TransactionExpired);
            }
        }

        private bool IsAssociationResponse(int slot)
        {
            return MacFrameCodec.Decode(_indirect.FrameAt(slot), 0, _indirect.LengthAt(slot), _held) == null
                && _held.FrameType == MacFrameType.Command
                && _held.CommandId == MacCommandId.AssociationResponse;
        }

        private void UpdateFramePending()
        {
            _radio.SetFramePendingForDataRequests(_indirect.Count > 0);
        }

        private int EncodeCommand(MacAddress destination, byte command, int payloadLength)
        {
            _tx.Clear();
            _tx.FrameType = MacFrameType.Command;
            _tx.AckRequest = true;
            _tx.PanIdCompression = true;
            _tx.Sequence = _dataSequence++;
            _tx.DestinationPanId = _panId;
            _tx.Destination = destination;
            _tx.Source = MacAddress.FromExtended(_extendedAddress);
            _tx.CommandId = command;
            _tx.Payload = _payload;
            _tx.PayloadLength = payloadLength;
            return MacFrameCodec.Encode(_tx, _frame, 0);
        }

        private ushort AllocateShortAddress()
        {
            while (true)
            {
                _entropy.Fill(_random);
                ushort candidate = (ushort)(_random[0] | (_random[1] << 8));

                // 0x0000 is the coordinator and 0xFFF8–0xFFFF are reserved or broadcast addresses.
                if (candidate != CoordinatorShortAddress && candidate < 0xFFF8 && _children.IndexOfShort(candidate) < 0)
                {
                    return candidate;
                }
            }
        }

        private OutgoingFrame Enqueue(int kind, byte[] frame, int length)
        {
            if (_queue.Count >= MaxQueuedFrames)
            {
                return null;
            }

            OutgoingFrame f;
            if (_spare.Count > 0)
            {
                f = (OutgoingFrame)_spare[_spare.Count - 1];
                _spare.RemoveAt(_spare.Count - 1);
            }
            else
            {
                f = new OutgoingFrame();
            }

            Array.Copy(frame, f.Bytes, length);
            f.Length = length;
            f.Kind = kind;
            f.Handle = 0;
            f.IndirectSlot = -1;
            _queue.Add(f);
            return f;
        }

        private void Confirm(int handle, int status)
        {
            MacDataConfirmHandler handler = DataConfirm;
            if (handler != null)
            {
                handler(handle, status);
            }
        }
    }
}
