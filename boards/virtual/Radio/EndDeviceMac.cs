using System;
using System.Collections.Generic;
using CommsHub.Mac;
using CommsHub.Platform;
using CommsHub.Radio;

namespace CommsHub.VirtualBoard.Radio
{
    /// <summary>
    /// A minimal end-device MAC for the bench, the other side of the coordinator: active scan, association
    /// (request, wait aResponseWaitTime, poll for the response), acknowledged data to the coordinator, and
    /// polling with Data Requests. A sleepy device keeps its radio asleep except around its own polls.
    /// </summary>
    public sealed class EndDeviceMac
    {
        /// <summary>aResponseWaitTime: 32 × aBaseSuperframeDuration (960 symbols of 16 µs).</summary>
        public const long ResponseWaitMilliseconds = 492;

        /// <summary>How long the receiver stays on after an acknowledgment with frame-pending set.</summary>
        public const long FrameWaitMilliseconds = 40;

        private readonly IRadio _radio;
        private readonly IClock _clock;
        private readonly MacFrame _rx = new();
        private readonly MacFrame _tx = new();
        private readonly byte[] _frame = new byte[MacFrame.MaxLength];
        private readonly byte[] _payload = new byte[MacFrame.MaxLength];
        private byte _sequence = 0x80;
        private ClockTimer _sleepTimer;
        private bool _collectingAssociation;
        private bool _scanning;

        public EndDeviceMac(IRadio radio, IClock clock, ulong extendedAddress, bool sleepy)
        {
            _radio = radio;
            _clock = clock;
            ExtendedAddress = extendedAddress;
            Sleepy = sleepy;
            _radio.TransmitDone += OnTransmitDone;
            _radio.FrameReceived += OnFrameReceived;
        }

        public ulong ExtendedAddress { get; }

        public bool Sleepy { get; }

        public ushort ShortAddress { get; private set; } = 0xFFFF;

        public ushort PanId { get; private set; } = 0xFFFF;

        public byte AssociationStatus { get; private set; } = 0xFF;

        public List<(ushort PanId, ZigbeeBeacon Beacon)> Beacons { get; } = new();

        public List<byte[]> ReceivedData { get; } = new();

        /// <summary>Outcome of the last transmission (a <see cref="RadioTransmitStatus"/> value), -1 while one is in flight.</summary>
        public int LastTransmitStatus { get; private set; } = -1;

        public bool LastAckHadFramePending { get; private set; }

        public int Polls { get; private set; }

        public event Action<string> Step;

        public void Start(int channel)
        {
            _radio.Initialize();
            _radio.SetExtendedAddress(ExtendedAddress);
            _radio.SetChannel(channel);
        }

        public void SendBeaconRequest()
        {
            // The receiver stays on for the scan: beacons answer within a few milliseconds.
            _scanning = true;
            _tx.Clear();
            _tx.FrameType = MacFrameType.Command;
            _tx.Sequence = _sequence++;
            _tx.DestinationPanId = 0xFFFF;
            _tx.Destination = MacAddress.FromShort(0xFFFF);
            _tx.CommandId = MacCommandId.BeaconRequest;
            Send();
        }

        public void RequestAssociation(ushort panId)
        {
            PanId = panId;
            _scanning = false;
            _radio.SetPanId(panId);
            _payload[0] = (byte)(CapabilityInformation.AllocateAddress | (Sleepy ? 0 : CapabilityInformation.ReceiverOnWhenIdle | CapabilityInformation.MainsPowered));
            _tx.Clear();
            _tx.FrameType = MacFrameType.Command;
            _tx.AckRequest = true;
            _tx.Sequence = _sequence++;
            _tx.DestinationPanId = panId;
            _tx.Destination = MacAddress.FromShort(0x0000);
            _tx.SourcePanId = 0xFFFF;
            _tx.Source = MacAddress.FromExtended(ExtendedAddress);
            _tx.CommandId = MacCommandId.AssociationRequest;
            _tx.Payload = _payload;
            _tx.PayloadLength = 1;
            _collectingAssociation = true;
            Send();
        }

        public void Poll()
        {
            _radio.Wake();
            _tx.Clear();
            _tx.FrameType = MacFrameType.Command;
            _tx.AckRequest = true;
            _tx.Sequence = _sequence++;
            _tx.DestinationPanId = PanId;
            _tx.Destination = MacAddress.FromShort(0x0000);
            if (ShortAddress == 0xFFFF)
            {
                _tx.SourcePanId = PanId;
                _tx.PanIdCompression = true;
                _tx.Source = MacAddress.FromExtended(ExtendedAddress);
            }
            else
            {
                _tx.PanIdCompression = true;
                _tx.Source = MacAddress.FromShort(ShortAddress);
            }

            _tx.CommandId = MacCommandId.DataRequest;
            Polls++;
            Send();
        }

        public void SendData(byte[] payload)
        {
            _radio.Wake();
            _tx.Clear();
            _tx.FrameType = MacFrameType.Data;
            _tx.AckRequest = true;
            _tx.PanIdCompression = true;
            _tx.Sequence = _sequence++;
            _tx.DestinationPanId = PanId;
            _tx.Destination = MacAddress.FromShort(0x0000);
            _tx.Source = MacAddress.FromShort(ShortAddress);
            _tx.Payload = payload;
            _tx.PayloadLength = payload.Length;
            Send();
        }

        public void Process() => _radio.Process();

        private void Send()
        {
            int length = MacFrameCodec.Encode(_tx, _frame, 0);
            LastTransmitStatus = -1;
            if (!_radio.Transmit(_frame, 0, length))
            {
                throw new InvalidOperationException("the radio did not take the frame: still sending the previous one, or asleep");
            }
        }

        private void OnTransmitDone(int status, bool framePending, int retries)
        {
            LastTransmitStatus = status;
            LastAckHadFramePending = framePending;
            Step?.Invoke("transmit done: " + RadioTransmitStatus.Name(status) + (framePending ? ", ack says frame pending" : string.Empty) + (retries > 0 ? ", " + retries + " retries" : string.Empty));
            if (_collectingAssociation && status == RadioTransmitStatus.Success && ShortAddress == 0xFFFF && !Polling)
            {
                // The coordinator holds the response; ask for it after aResponseWaitTime.
                _clock.StartTimer(ResponseWaitMilliseconds, _ => Poll(), null);
                Polling = true;
                return;
            }

            if (!Sleepy || _scanning)
            {
                return;
            }

            _sleepTimer?.Cancel();
            _sleepTimer = framePending ? _clock.StartTimer(FrameWaitMilliseconds, _ => { if (!_radio.IsTransmitting) { _radio.Sleep(); } }, null) : null;
            if (!framePending && !_collectingAssociation)
            {
                SleepSoon();
            }
        }

        private bool Polling { get; set; }

        private void OnFrameReceived(byte[] bytes, int length, byte lqi, byte rssi)
        {
            if (MacFrameCodec.Decode(bytes, 0, length, _rx) != null)
            {
                return;
            }

            if (_rx.FrameType == MacFrameType.Beacon)
            {
                var beacon = new ZigbeeBeacon();
                if (beacon.Decode(_rx.Payload, _rx.PayloadOffset, _rx.PayloadLength) == null)
                {
                    Beacons.Add((_rx.SourcePanId, beacon));
                    Step?.Invoke("beacon from PAN 0x" + _rx.SourcePanId.ToString("X4") + (beacon.AssociationPermit ? ", permit join" : ", closed"));
                }

                return;
            }

            if (_rx.FrameType == MacFrameType.Command && _rx.CommandId == MacCommandId.AssociationResponse && _rx.PayloadLength >= 3)
            {
                AssociationStatus = _rx.PayloadAt(2);
                _collectingAssociation = false;
                Polling = false;
                if (AssociationStatus == 0)
                {
                    ShortAddress = LittleEndian.U16(_rx.Payload, _rx.PayloadOffset);
                    _radio.SetShortAddress(ShortAddress);
                }

                Step?.Invoke("association response: status " + AssociationStatus + ", short address 0x" + ShortAddress.ToString("X4"));
                SleepIfIdle();
                return;
            }

            if (_rx.FrameType == MacFrameType.Data)
            {
                var data = new byte[_rx.PayloadLength];
                Array.Copy(_rx.Payload, _rx.PayloadOffset, data, 0, data.Length);
                ReceivedData.Add(data);
                Step?.Invoke("data received: " + data.Length + " bytes" + (_rx.FramePending ? ", more pending" : string.Empty));
                if (!_rx.FramePending)
                {
                    SleepIfIdle();
                }
            }
        }

        private void SleepIfIdle()
        {
            if (Sleepy && !_radio.IsTransmitting)
            {
                SleepSoon();
            }
        }

        private void SleepSoon()
        {
            // Not at once: the chip is still sending its automatic acknowledgment for what just arrived.
            _sleepTimer?.Cancel();
            _sleepTimer = _clock.StartTimer(2, _ => { if (!_radio.IsTransmitting) { _radio.Sleep(); } }, null);
        }
    }
}
