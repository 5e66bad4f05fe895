using System;
using CommsHub.Crypto;
using CommsHub.Platform;
using CommsHub.Work;

namespace CommsHub.Wan.Link
{
    /// <summary>
    /// Reliable, ordered delivery of payloads over a byte stream that may drop, corrupt or duplicate bytes: COBS
    /// frames with CRC-32, go-back-N with a send window, cumulative acknowledgements and retransmission on a clock
    /// timer. Each side names its session with an epoch; a new epoch from the peer means the peer restarted.
    /// The same code runs in the hub and in the head-end.
    /// </summary>
    public sealed class WanLink
    {
        private readonly ISerialPort _port;
        private readonly IClock _clock;
        private readonly LinkSettings _settings;
        private readonly uint _epoch;
        private readonly byte[][] _slots;
        private readonly int[] _slotLengths;
        private readonly byte[] _frame = new byte[LinkFrame.Overhead + LinkFrame.MaximumPayload];
        private readonly byte[] _encoded = new byte[Cobs.MaximumEncodedLength(LinkFrame.Overhead + LinkFrame.MaximumPayload) + 1];
        private readonly byte[] _rxRaw = new byte[Cobs.MaximumEncodedLength(LinkFrame.Overhead + LinkFrame.MaximumPayload) + 1];
        private readonly byte[] _rxFrame = new byte[LinkFrame.Overhead + LinkFrame.MaximumPayload];
        private readonly byte[] _readBuffer = new byte[256];
        private readonly byte[] _ack = new byte[LinkFrame.Overhead];
        private readonly ClockTimerCallback _onRetransmit;
        private int _rxLength;
        private bool _rxOverflow;
        private ushort _sendBase;
        private ushort _sendNext;
        private uint _peerEpoch;
        private uint _replacedEpoch;
        private bool _peerKnown;
        private ushort _expected;
        private ClockTimer _retransmitTimer;

        public WanLink(ISerialPort port, IClock clock, uint epoch, LinkSettings settings)
        {
            _port = port;
            _clock = clock;
            _epoch = epoch;
            _settings = settings == null ? new LinkSettings() : settings;
            _slots = new byte[_settings.Window][];
            _slotLengths = new int[_settings.Window];
            for (int i = 0; i < _slots.Length; i++)
            {
                _slots[i] = new byte[_encoded.Length];
            }

            _onRetransmit = OnRetransmit;
        }

        public ILinkListener Listener { get; set; }

        /// <summary>
        /// The hub's turn meter: framing bytes are counted, and the port is read only while the turn has room to scan
        /// a buffer and decode a whole frame (the rest waits in the UART buffer for the next turn). Null on the head-end.
        /// </summary>
        public WorkMeter Meter { get; set; }

        public uint Epoch
        {
            get { return _epoch; }
        }

        /// <summary>Frames sent but not yet acknowledged.</summary>
        public int InFlight
        {
            get { return (ushort)(_sendNext - _sendBase); }
        }

        public bool CanSend
        {
            get { return InFlight < _slots.Length; }
        }

        public int FramesRejected { get; private set; }

        public int Retransmissions { get; private set; }

        public long WireBytesSent { get; private set; }

        /// <summary>Queues one payload; false when the window is full (try again after <see cref="Poll"/>).</summary>
        public bool Send(byte[] payload, int offset, int count)
        {
            if (count > LinkFrame.MaximumPayload)
            {
                throw new ArgumentException("A link payload is at most " + LinkFrame.MaximumPayload.ToString() + " bytes, not " + count.ToString());
            }

            if (!CanSend)
            {
                return false;
            }

            int slot = _sendNext % _slots.Length;
            int length = Build(LinkFrame.Data, _epoch, _sendNext, payload, offset, count, _frame);
            int encoded = Cobs.Encode(_frame, 0, length, _slots[slot], 0);
            CountEncoded(length);
            _slots[slot][encoded] = 0;
            _slotLengths[slot] = encoded + 1;
            _sendNext++;
            Transmit(_slots[slot], _slotLengths[slot]);
            if (_retransmitTimer == null)
            {
                _retransmitTimer = _clock.StartTimer(_settings.RetransmitMilliseconds, _onRetransmit, null);
            }

            return true;
        }

        /// <summary>Reads whatever the port holds and acts on every complete frame.</summary>
        public void Poll()
        {
            int readUnits = (_readBuffer.Length * WorkBudget.LinkScanByteUnits) + (_rxRaw.Length * (WorkBudget.LinkCobsDecodeByteUnits + WorkBudget.CrcByteUnits));
            while (_port.BytesToRead > 0 && (Meter == null || Meter.HasRoomFor(readUnits)))
            {
                int n = _port.Read(_readBuffer, 0, _readBuffer.Length);
                if (Meter != null)
                {
                    Meter.LinkBytesScanned += n;
                }

                for (int i = 0; i < n; i++)
                {
                    byte b = _readBuffer[i];
                    if (b != 0)
                    {
                        if (_rxLength < _rxRaw.Length)
                        {
                            _rxRaw[_rxLength++] = b;
                        }
                        else
                        {
                            _rxOverflow = true;
                        }

                        continue;
                    }

                    if (_rxLength > 0 && !_rxOverflow)
                    {
                        FrameReceived();
                    }
                    else if (_rxOverflow)
                    {
                        FramesRejected++;
                    }

                    _rxLength = 0;
                    _rxOverflow = false;
                }
            }
        }

        private void FrameReceived()
        {
            int length = Cobs.Decode(_rxRaw, 0, _rxLength, _rxFrame, 0);
            if (Meter != null)
            {
                Meter.LinkBytesDecoded += _rxLength;
                Meter.LinkBytesChecked += length > LinkFrame.CrcLength ? length - LinkFrame.CrcLength : 0;
            }

            if (length < LinkFrame.Overhead || Crc32.Compute(_rxFrame, 0, length - LinkFrame.CrcLength) != LittleEndian.U32(_rxFrame, length - LinkFrame.CrcLength))
            {
                FramesRejected++;
                return;
            }

            byte type = _rxFrame[0];
            uint epoch = LittleEndian.U32(_rxFrame, 1);
            ushort sequence = (ushort)(_rxFrame[5] | (_rxFrame[6] << 8));
            if (type == LinkFrame.Ack)
            {
                if (epoch == _epoch)
                {
                    Acknowledge(sequence);
                }

                return;
            }

            if (type != LinkFrame.Data)
            {
                FramesRejected++;
                return;
            }

            if (_peerKnown && epoch != _peerEpoch && epoch == _replacedEpoch)
            {
                // A straggler from the session the peer's restart replaced: it must not take the stream back.
                FramesRejected++;
                return;
            }

            if (!_peerKnown || epoch != _peerEpoch)
            {
                // A new session: take its stream from the first frame we see (the peer resends from its oldest unacknowledged).
                bool restarted = _peerKnown;
                _replacedEpoch = _peerEpoch;
                _peerKnown = true;
                _peerEpoch = epoch;
                _expected = sequence;
                if (restarted && Listener != null)
                {
                    Listener.PeerRestarted();
                }
            }

            if (sequence == _expected)
            {
                _expected++;
                SendAck();
                if (Listener != null)
                {
                    Listener.PayloadReceived(_rxFrame, LinkFrame.HeaderLength, length - LinkFrame.Overhead);
                }

                return;
            }

            // A duplicate or a frame after a gap: go-back-N drops it and repeats what it expects next.
            SendAck();
        }

        private void Acknowledge(ushort nextExpected)
        {
            ushort acked = (ushort)(nextExpected - _sendBase);
            if (acked == 0 || acked > InFlight)
            {
                return;
            }

            _sendBase = nextExpected;
            if (_retransmitTimer != null)
            {
                _retransmitTimer.Cancel();
                _retransmitTimer = null;
            }

            if (InFlight > 0)
            {
                _retransmitTimer = _clock.StartTimer(_settings.RetransmitMilliseconds, _onRetransmit, null);
            }
        }

        private void OnRetransmit(object state)
        {
            _retransmitTimer = null;
            if (InFlight == 0)
            {
                return;
            }

            for (ushort s = _sendBase; s != _sendNext; s++)
            {
                int slot = s % _slots.Length;
                Transmit(_slots[slot], _slotLengths[slot]);
                Retransmissions++;
            }

            _retransmitTimer = _clock.StartTimer(_settings.RetransmitMilliseconds, _onRetransmit, null);
        }

        private void SendAck()
        {
            int length = Build(LinkFrame.Ack, _peerEpoch, _expected, null, 0, 0, _ack);
            int encoded = Cobs.Encode(_ack, 0, length, _encoded, 0);
            CountEncoded(length);
            _encoded[encoded] = 0;
            Transmit(_encoded, encoded + 1);
        }

        private void CountEncoded(int frameLength)
        {
            if (Meter != null)
            {
                Meter.LinkBytesEncoded += frameLength;
                Meter.LinkBytesChecked += frameLength - LinkFrame.CrcLength;
            }
        }

        private void Transmit(byte[] bytes, int count)
        {
            _port.Write(bytes, 0, count);
            WireBytesSent += count;
        }

        private static int Build(byte type, uint epoch, ushort sequence, byte[] payload, int offset, int count, byte[] frame)
        {
            frame[0] = type;
            LittleEndian.PutU32(frame, 1, epoch);
            frame[5] = (byte)sequence;
            frame[6] = (byte)(sequence >> 8);
            if (count > 0)
            {
                Array.Copy(payload, offset, frame, LinkFrame.HeaderLength, count);
            }

            int end = LinkFrame.HeaderLength + count;
            LittleEndian.PutU32(frame, end, Crc32.Compute(frame, 0, end));
            return end + LinkFrame.CrcLength;
        }

    }
}
