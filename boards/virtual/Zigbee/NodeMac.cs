using System;
using System.Collections.Generic;
using CommsHub.Mac;
using CommsHub.Platform;
using CommsHub.Radio;

namespace CommsHub.VirtualBoard.Zigbee
{
    /// <summary>
    /// The 802.15.4 MAC of an emulated Zigbee node on its own MRF24J40: active scan, association with a parent
    /// (request, aResponseWaitTime, poll for the indirect response), acknowledged unicast data to any neighbour,
    /// polls with Data Requests, and sleep for a sleepy device. A router node also answers beacon requests,
    /// admits children by association and holds frames for its sleepy children until they poll. One frame is
    /// on the radio at a time; the rest wait in order.
    /// </summary>
    public sealed class NodeMac
    {
        /// <summary>aResponseWaitTime: 32 × aBaseSuperframeDuration (960 symbols of 16 µs).</summary>
        public const long ResponseWaitMilliseconds = 492;

        /// <summary>How long a sleepy node keeps its receiver on after an ack that says a frame is pending.</summary>
        public const long FrameWaitMilliseconds = 40;

        /// <summary>macTransactionPersistenceTime at its default (500 superframes of 15.36 ms).</summary>
        public const long IndirectPersistenceMilliseconds = 7680;

        private readonly IRadio _radio;
        private readonly IClock _clock;
        private readonly MacFrame _rx = new();
        private readonly MacFrame _tx = new();
        private readonly byte[] _payload = new byte[MacFrame.MaxLength];
        private readonly List<Outgoing> _queue = new();
        private readonly List<Indirect> _indirect = new();
        private readonly Dictionary<ulong, Child> _children = new();
        private readonly Dictionary<ushort, byte> _lastSequence = new();
        private readonly Random _addresses;
        private Outgoing _inFlight;
        private byte _sequence;
        private byte _beaconSequence;
        private ClockTimer _sleepTimer;
        private bool _awaitingAssociation;
        private bool _scanning;

        public NodeMac(IRadio radio, IClock clock, ulong extendedAddress, bool sleepy, bool router)
        {
            _radio = radio;
            _clock = clock;
            ExtendedAddress = extendedAddress;
            Sleepy = sleepy;
            Router = router;
            _sequence = (byte)extendedAddress;
            _addresses = new Random((int)(extendedAddress ^ (extendedAddress >> 32)));
            _radio.TransmitDone += OnTransmitDone;
            _radio.FrameReceived += OnFrameReceived;
        }

        public ulong ExtendedAddress { get; }

        public bool Sleepy { get; }

        public bool Router { get; }

        public ushort ShortAddress { get; private set; } = 0xFFFF;

        public ushort PanId { get; private set; } = 0xFFFF;

        public ushort ParentShortAddress { get; private set; } = 0xFFFF;

        public ulong ExtendedPanId { get; set; }

        /// <summary>0xFF until an association response arrives, then its status.</summary>
        public byte AssociationStatus { get; private set; } = 0xFF;

        /// <summary>A router admits children while this is set.</summary>
        public bool PermitJoining { get; set; }

        /// <summary>Beacons heard in the current scan.</summary>
        public List<HeardBeacon> Beacons { get; } = new();

        public int Polls { get; private set; }

        public int TransmitFailures { get; private set; }

        public int IndirectExpired { get; private set; }

        /// <summary>Data frames received twice (same sender and sequence number) and passed up once.</summary>
        public int MacDuplicates { get; private set; }

        /// <summary>Every MAC data frame addressed to this node: the sender's short address and the MSDU (the NWK frame).</summary>
        public event Action<ushort, byte[]> DataReceived;

        /// <summary>A router's child finished association (its response was delivered): EUI-64, short address, rx-on-when-idle.</summary>
        public event Action<ulong, ushort, bool> ChildAssociated;

        public event Action<string> Step;

        /// <summary>The association response arrived: its status (0 success).</summary>
        public event Action<byte> Associated;

        public IEnumerable<(ulong Eui, ushort Short, bool RxOn)> Children
        {
            get
            {
                foreach (var c in _children.Values)
                {
                    if (c.Associated)
                    {
                        yield return (c.Eui, c.Short, c.RxOn);
                    }
                }
            }
        }

        public void Start(int channel)
        {
            _radio.Initialize();
            _radio.SetExtendedAddress(ExtendedAddress);
            _radio.SetChannel(channel);
        }

        public void SendBeaconRequest()
        {
            Beacons.Clear();
            // The receiver stays on for the scan: beacons answer within a few milliseconds.
            _scanning = true;
            _radio.Wake();
            _tx.Clear();
            _tx.FrameType = MacFrameType.Command;
            _tx.Sequence = _sequence++;
            _tx.DestinationPanId = 0xFFFF;
            _tx.Destination = MacAddress.FromShort(0xFFFF);
            _tx.CommandId = MacCommandId.BeaconRequest;
            Enqueue((Action<int, bool>)null);
        }

        public void RequestAssociation(ushort panId, ushort parent)
        {
            _scanning = false;
            PanId = panId;
            ParentShortAddress = parent;
            AssociationStatus = 0xFF;
            _radio.SetPanId(panId);
            _payload[0] = (byte)(CapabilityInformation.AllocateAddress
                | (Sleepy ? 0 : CapabilityInformation.ReceiverOnWhenIdle | CapabilityInformation.MainsPowered)
                | (Router ? CapabilityInformation.FullFunctionDevice : 0));
            _tx.Clear();
            _tx.FrameType = MacFrameType.Command;
            _tx.AckRequest = true;
            _tx.Sequence = _sequence++;
            _tx.DestinationPanId = panId;
            _tx.Destination = MacAddress.FromShort(parent);
            _tx.SourcePanId = 0xFFFF;
            _tx.Source = MacAddress.FromExtended(ExtendedAddress);
            _tx.CommandId = MacCommandId.AssociationRequest;
            _tx.Payload = _payload;
            _tx.PayloadLength = 1;
            _awaitingAssociation = true;
            Enqueue(status =>
            {
                if (status == RadioTransmitStatus.Success)
                {
                    // The parent holds the response: ask for it after aResponseWaitTime.
                    _clock.StartTimer(ResponseWaitMilliseconds, _ => Poll(), null);
                }
                else
                {
                    _awaitingAssociation = false;
                    Note("association request not acknowledged");
                }
            });
        }

        /// <summary>A Data Request to the parent: whatever it holds for this node comes back.</summary>
        public void Poll()
        {
            _radio.Wake();
            _tx.Clear();
            _tx.FrameType = MacFrameType.Command;
            _tx.AckRequest = true;
            _tx.Sequence = _sequence++;
            _tx.DestinationPanId = PanId;
            _tx.PanIdCompression = true;
            _tx.Destination = MacAddress.FromShort(ParentShortAddress);
            _tx.Source = ShortAddress == 0xFFFF ? MacAddress.FromExtended(ExtendedAddress) : MacAddress.FromShort(ShortAddress);
            _tx.CommandId = MacCommandId.DataRequest;
            Polls++;
            Enqueue((status, pending) => AfterPoll(status, pending));
        }

        /// <summary>Sends a NWK frame to a neighbour (unicast, acknowledged) or to 0xFFFF (broadcast).</summary>
        public void SendData(ushort destination, byte[] msdu, Action<int> done = null)
        {
            if (Router && destination != 0xFFFF && IsSleepyChild(destination, out var child))
            {
                HoldFor(child, msdu, done);
                return;
            }

            _radio.Wake();
            BuildData(destination, msdu, framePending: false);
            Enqueue(done == null ? null : (s, _) => done(s));
        }

        public void Process()
        {
            _radio.Process();
            StartNext();
        }

        private void BuildData(ushort destination, byte[] msdu, bool framePending)
        {
            _tx.Clear();
            _tx.FrameType = MacFrameType.Data;
            _tx.AckRequest = destination != 0xFFFF;
            _tx.FramePending = framePending;
            _tx.PanIdCompression = true;
            _tx.Sequence = _sequence++;
            _tx.DestinationPanId = PanId;
            _tx.Destination = MacAddress.FromShort(destination);
            _tx.Source = MacAddress.FromShort(ShortAddress);
            _tx.Payload = msdu;
            _tx.PayloadOffset = 0;
            _tx.PayloadLength = msdu.Length;
        }

        private void Enqueue(Action<int> done) => Enqueue(done == null ? null : (s, _) => done(s));

        private void Enqueue(Action<int, bool> done)
        {
            byte[] frame = new byte[MacFrame.MaxLength];
            int length = MacFrameCodec.Encode(_tx, frame, 0);
            _queue.Add(new Outgoing { Bytes = frame, Length = length, Done = done });
            StartNext();
        }

        private void StartNext()
        {
            if (_inFlight != null || _queue.Count == 0 || _radio.IsTransmitting)
            {
                return;
            }

            var next = _queue[0];
            _radio.Wake();
            if (_radio.Transmit(next.Bytes, 0, next.Length))
            {
                _queue.RemoveAt(0);
                _inFlight = next;
            }
        }

        private void OnTransmitDone(int status, bool framePending, int retries)
        {
            var done = _inFlight;
            _inFlight = null;
            if (status != RadioTransmitStatus.Success)
            {
                TransmitFailures++;
            }

            done?.Done?.Invoke(status, framePending);
            if (_queue.Count == 0 && Sleepy && !_awaitingAssociation && !_scanning && (_sleepTimer == null || !framePending))
            {
                SleepSoon(framePending ? FrameWaitMilliseconds : 2);
            }

            StartNext();
        }

        private void AfterPoll(int status, bool framePending)
        {
            if (Sleepy && status == RadioTransmitStatus.Success)
            {
                SleepSoon(framePending ? FrameWaitMilliseconds : 2);
            }
        }

        private void OnFrameReceived(byte[] bytes, int length, byte lqi, byte rssi)
        {
            if (MacFrameCodec.Decode(bytes, 0, length, _rx) != null)
            {
                return;
            }

            switch (_rx.FrameType)
            {
                case MacFrameType.Beacon:
                    OnBeacon();
                    return;
                case MacFrameType.Command:
                    OnCommand();
                    return;
                case MacFrameType.Data:
                    if (ShortAddress == 0xFFFF || (_rx.Destination.Mode == MacAddressMode.Short && _rx.Destination.Short != ShortAddress && _rx.Destination.Short != 0xFFFF))
                    {
                        return;
                    }

                    ushort sender = _rx.Source.Mode == MacAddressMode.Short ? _rx.Source.Short : (ushort)0xFFFE;
                    if (_rx.AckRequest && _lastSequence.TryGetValue(sender, out byte last) && last == _rx.Sequence)
                    {
                        // A retransmission whose ack was lost: the chip acked it again, the frame goes up once.
                        MacDuplicates++;
                        return;
                    }

                    if (_rx.AckRequest)
                    {
                        _lastSequence[sender] = _rx.Sequence;
                    }

                    var msdu = new byte[_rx.PayloadLength];
                    Array.Copy(_rx.Payload, _rx.PayloadOffset, msdu, 0, msdu.Length);
                    ushort from = _rx.Source.Mode == MacAddressMode.Short ? _rx.Source.Short : (ushort)0xFFFE;
                    // A broadcast heard while waiting says nothing of what the parent holds for this device.
                    bool forMe = !(_rx.Destination.Mode == MacAddressMode.Short && _rx.Destination.Short == 0xFFFF);
                    if (Sleepy && forMe && !_rx.FramePending)
                    {
                        SleepSoon(2);
                    }
                    else if (Sleepy && forMe && ShortAddress != 0xFFFF)
                    {
                        // The parent holds more for this device: ask for it now, before it expires at the parent.
                        Poll();
                    }

                    DataReceived?.Invoke(from, msdu);
                    return;
            }
        }

        private void OnBeacon()
        {
            var beacon = new ZigbeeBeacon();
            if (beacon.Decode(_rx.Payload, _rx.PayloadOffset, _rx.PayloadLength) == null && _rx.Source.Mode == MacAddressMode.Short)
            {
                Beacons.Add(new HeardBeacon(_rx.SourcePanId, _rx.Source.Short, beacon));
            }
        }

        private void OnCommand()
        {
            switch (_rx.CommandId)
            {
                case MacCommandId.AssociationResponse:
                    if (_awaitingAssociation && _rx.PayloadLength >= 3)
                    {
                        _awaitingAssociation = false;
                        AssociationStatus = _rx.PayloadAt(2);
                        if (AssociationStatus == CommsHub.Mac.AssociationStatus.Successful)
                        {
                            ShortAddress = LittleEndian.U16(_rx.Payload, _rx.PayloadOffset);
                            _radio.SetShortAddress(ShortAddress);
                        }

                        Note("association response: status " + AssociationStatus + ", short address 0x" + ShortAddress.ToString("X4"));
                        if (Sleepy)
                        {
                            SleepSoon(2);
                        }

                        Associated?.Invoke(AssociationStatus);
                    }

                    return;
                case MacCommandId.BeaconRequest:
                    if (Router && ShortAddress != 0xFFFF)
                    {
                        SendBeacon();
                    }

                    return;
                case MacCommandId.AssociationRequest:
                    if (Router && ShortAddress != 0xFFFF && _rx.Source.Mode == MacAddressMode.Extended && _rx.PayloadLength >= 1)
                    {
                        Admit(_rx.Source.Extended, _rx.PayloadAt(0));
                    }

                    return;
                case MacCommandId.DataRequest:
                    if (Router)
                    {
                        AnswerPoll(_rx.Source);
                    }

                    return;
            }
        }

        private void SendBeacon()
        {
            var beacon = new ZigbeeBeacon
            {
                AssociationPermit = PermitJoining,
                PanCoordinator = false,
                RouterCapacity = PermitJoining,
                EndDeviceCapacity = PermitJoining,
                DeviceDepth = 1,
                ExtendedPanId = ExtendedPanId,
            };
            int payloadLength = beacon.Encode(_payload, 0);
            _tx.Clear();
            _tx.FrameType = MacFrameType.Beacon;
            _tx.Sequence = _beaconSequence++;
            _tx.SourcePanId = PanId;
            _tx.Source = MacAddress.FromShort(ShortAddress);
            _tx.Payload = _payload;
            _tx.PayloadLength = payloadLength;
            Enqueue((Action<int, bool>)null);
        }

        private void Admit(ulong eui, byte capability)
        {
            if (!_children.TryGetValue(eui, out var child))
            {
                if (!PermitJoining)
                {
                    return;
                }

                ushort address;
                do
                {
                    address = (ushort)_addresses.Next(1, 0xFFF8);
                }
                while (address == ShortAddress || FindChild(address) != null);

                child = new Child { Eui = eui, Short = address };
                _children[eui] = child;
            }

            child.RxOn = (capability & CapabilityInformation.ReceiverOnWhenIdle) != 0;
            _payload[0] = (byte)child.Short;
            _payload[1] = (byte)(child.Short >> 8);
            _payload[2] = CommsHub.Mac.AssociationStatus.Successful;
            _tx.Clear();
            _tx.FrameType = MacFrameType.Command;
            _tx.AckRequest = true;
            _tx.PanIdCompression = true;
            _tx.Sequence = _sequence++;
            _tx.DestinationPanId = PanId;
            _tx.Destination = MacAddress.FromExtended(eui);
            _tx.Source = MacAddress.FromExtended(ExtendedAddress);
            _tx.CommandId = MacCommandId.AssociationResponse;
            _tx.Payload = _payload;
            _tx.PayloadLength = 3;
            HoldEncoded(child, status =>
            {
                if (status == RadioTransmitStatus.Success && !child.Associated)
                {
                    child.Associated = true;
                    Note("child 0x" + child.Short.ToString("X4") + " associated");
                    ChildAssociated?.Invoke(child.Eui, child.Short, child.RxOn);
                }
            });
        }

        private void HoldFor(Child child, byte[] msdu, Action<int> done)
        {
            BuildData(child.Short, msdu, framePending: false);
            HoldEncoded(child, done);
        }

        private void HoldEncoded(Child child, Action<int> done)
        {
            byte[] frame = new byte[MacFrame.MaxLength];
            int length = MacFrameCodec.Encode(_tx, frame, 0);
            _indirect.Add(new Indirect { Child = child, Bytes = frame, Length = length, Done = done, Queued = _clock.MonotonicMilliseconds });
            _radio.SetFramePendingForDataRequests(true);
        }

        private void AnswerPoll(MacAddress source)
        {
            _indirect.RemoveAll(i =>
            {
                bool expired = _clock.MonotonicMilliseconds - i.Queued > IndirectPersistenceMilliseconds;
                IndirectExpired += expired ? 1 : 0;
                return expired;
            });
            Indirect first = null;
            int waiting = 0;
            foreach (var i in _indirect)
            {
                bool matches = source.Mode == MacAddressMode.Extended ? i.Child.Eui == source.Extended : i.Child.Short == source.Short && i.Child.Associated;
                if (matches)
                {
                    first ??= i;
                    waiting++;
                }
            }

            if (first != null)
            {
                _indirect.Remove(first);
                if (waiting > 1)
                {
                    first.Bytes[0] |= 0x10;
                }

                _queue.Insert(0, new Outgoing { Bytes = first.Bytes, Length = first.Length, Done = first.Done == null ? null : (s, _) => first.Done(s) });
                StartNext();
            }

            _radio.SetFramePendingForDataRequests(_indirect.Count > 0);
        }

        private bool IsSleepyChild(ushort address, out Child child)
        {
            child = FindChild(address);
            return child != null && !child.RxOn;
        }

        private Child FindChild(ushort address)
        {
            foreach (var c in _children.Values)
            {
                if (c.Short == address)
                {
                    return c;
                }
            }

            return null;
        }

        /// <summary>Whether <paramref name="address"/> is an associated child of this router.</summary>
        public bool IsChild(ushort address) => FindChild(address) is { Associated: true };

        private void SleepSoon(long milliseconds)
        {
            // Not at once: the chip is still sending its automatic acknowledgment for what just arrived.
            _sleepTimer?.Cancel();
            _sleepTimer = _clock.StartTimer(milliseconds, _ =>
            {
                _sleepTimer = null;
                if (!_radio.IsTransmitting && _inFlight == null && _queue.Count == 0 && !_awaitingAssociation && !_scanning)
                {
                    _radio.Sleep();
                }
            }, null);
        }

        private void Note(string what) => Step?.Invoke(what);

        private sealed class Outgoing
        {
            public byte[] Bytes;
            public int Length;
            public Action<int, bool> Done;
        }

        private sealed class Indirect
        {
            public Child Child;
            public byte[] Bytes;
            public int Length;
            public Action<int> Done;
            public long Queued;
        }

        private sealed class Child
        {
            public ulong Eui;
            public ushort Short;
            public bool RxOn;
            public bool Associated;
        }
    }

    /// <summary>A beacon heard in a scan: the PAN, the sender's short address and its Zigbee beacon payload.</summary>
    public sealed record HeardBeacon(ushort PanId, ushort Source, ZigbeeBeacon Beacon);
}
