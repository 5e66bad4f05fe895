using System;
using System.Collections.Generic;
using CommsHub.Platform;
using CommsHub.VirtualBoard.Emulators;

namespace CommsHub.VirtualBoard.Radio
{
    /// <summary>
    /// A register-level MRF24J40 for the host, written from the datasheet (DS39776) rather than from the driver:
    /// it answers SPI transactions (short and long register access, FIFOs with address auto-increment), keeps
    /// INTSTAT/TXSTAT/RFSTATE, drives the active-low INT line, and on the shared <see cref="RadioMedium"/> does
    /// what the chip does in hardware: unslotted CSMA-CA, automatic acknowledgment (with the frame-pending bit
    /// for Data Requests when DRPACK is set), acknowledgment wait and three retries, address filtering,
    /// promiscuous mode, energy detection, sleep and wake. Mistakes a real chip would punish silently (sending
    /// before the PLL is on, changing channel without resetting the RF state machine) are also recorded as
    /// <see cref="Violations"/> so tests can name them. With a <see cref="Clock"/> it also times the RESET line:
    /// SPI access while RESET is low, or sooner than 2 ms after it rises, is a violation. An energy-detect
    /// conversion takes <see cref="RssiConversionReads"/> reads of BBREG6, and reading RSSI before RSSIRDY is a
    /// violation. The SPI clock is not visible at this level, so its ceiling is checked on the pin map instead.
    /// </summary>
    public sealed class Mrf24j40Emulator : ISpiBus
    {
        private const int SymbolMicroseconds = 16;
        private const int BackoffMicroseconds = 20 * SymbolMicroseconds;
        private const int CcaMicroseconds = 8 * SymbolMicroseconds;
        private const int TurnaroundMicroseconds = 12 * SymbolMicroseconds;
        private const int MaxFrameRetries = 3;
        private const int MaxBackoffExponent = 5;

        private readonly RadioMedium _medium;
        private readonly byte[] _short = new byte[0x40];
        private readonly byte[] _long = new byte[0x400];
        private readonly Dictionary<Mrf24j40Emulator, int> _rssiFrom = new();

        private bool _rfReady;
        private bool _rfInReset;
        private bool _heldInReset;
        private long _resetReleasedAt = long.MinValue;
        private int _rssiReadsLeft;
        private bool _rssiFresh;
        private bool _asleep;
        private bool _transmitting;
        private long _transmittingUntil = -1;
        private long _listeningSince;
        private int _channel = 11;

        private byte[] _txPsdu;
        private bool _txAckRequest;
        private int _txRetries;
        private int _backoffs;
        private int _backoffExponent;
        private bool _awaitingAck;
        private int _txGeneration;

        public Mrf24j40Emulator(RadioMedium medium, string name, int interruptPinNumber = 0)
        {
            _medium = medium;
            Name = name;
            Interrupt = new VirtualGpioPin(interruptPinNumber, initialLevel: true);
            Reset = new VirtualGpioPin(interruptPinNumber + 1, initialLevel: true);
            Reset.SetEdgeHandler(rising: true, falling: true, OnResetEdge);
            PowerOnReset();
            medium.Attach(this);
        }

        public string Name { get; }

        /// <summary>The INT line: high when idle, low while an enabled interrupt is unread.</summary>
        public VirtualGpioPin Interrupt { get; }

        /// <summary>The active-low RESET input; high (running) unless the driver pulls it low.</summary>
        public VirtualGpioPin Reset { get; }

        /// <summary>Times the RESET recovery; null skips those checks (a bench whose clock does not run during calls).</summary>
        public IClock Clock { get; set; }

        /// <summary>Reads of BBREG6 an energy-detect conversion takes before RSSIRDY sets.</summary>
        public int RssiConversionReads { get; set; } = 2;

        /// <summary>Fault injection: the next transmission ends without raising its TXN interrupt.</summary>
        public bool LoseNextTransmitInterrupt { get; set; }

        /// <summary>Soft and hard resets seen, for recovery tests.</summary>
        public int Resets { get; private set; }

        public List<string> Violations { get; } = new();

        public int SpiTransactions { get; private set; }

        /// <summary>The channel the receiver is on, or -1 while asleep or not ready.</summary>
        public int ListeningChannel => _rfReady && !_asleep && !PoweredOff ? _channel : -1;

        /// <summary>The device around the chip is switched off: its receiver hears nothing (the bench's power-off).</summary>
        public bool PoweredOff { get; set; }

        public bool Asleep => _asleep;

        public int RssiFrom(Mrf24j40Emulator sender) => _rssiFrom.TryGetValue(sender, out int v) ? v : 0xC0;

        public void SetRssiFrom(Mrf24j40Emulator sender, int rssi) => _rssiFrom[sender] = rssi;

        public void TransferFullDuplex(byte[] writeBuffer, byte[] readBuffer, int length)
        {
            SpiTransactions++;
            if (_heldInReset)
            {
                Violations.Add("SPI access while RESET is held low; the chip ignores it");
                return;
            }

            if (Clock != null && _resetReleasedAt != long.MinValue)
            {
                long since = Clock.MonotonicMilliseconds - _resetReleasedAt;
                _resetReleasedAt = long.MinValue;
                if (since < 2)
                {
                    Violations.Add("first SPI access " + since + " ms after RESET was released; the datasheet asks for 2 ms");
                }
            }

            if (length < 2)
            {
                Violations.Add("SPI transaction of " + length + " bytes is too short for any MRF24J40 access");
                return;
            }

            byte first = writeBuffer[0];
            if ((first & 0x80) == 0)
            {
                int address = (first >> 1) & 0x3F;
                if (length != 2)
                {
                    Violations.Add("short access to 0x" + address.ToString("X2") + " with " + length + " bytes; the chip ignores the rest");
                }

                if ((first & 0x01) != 0)
                {
                    WriteShort(address, writeBuffer[1]);
                }
                else if (readBuffer != null)
                {
                    readBuffer[1] = ReadShort(address);
                }

                return;
            }

            if (length < 3)
            {
                Violations.Add("long access with no data byte");
                return;
            }

            int longAddress = ((first & 0x7F) << 3) | (writeBuffer[1] >> 5);
            bool write = (writeBuffer[1] & 0x10) != 0;
            for (int i = 2; i < length; i++)
            {
                int a = (longAddress + i - 2) & 0x3FF;
                if (write)
                {
                    WriteLong(a, writeBuffer[i]);
                }
                else if (readBuffer != null)
                {
                    readBuffer[i] = ReadLong(a);
                }
            }
        }

        internal bool CouldReceiveSince(long start)
        {
            // The receiver is on whenever the chip is not sending: during CSMA backoffs and while awaiting an ack too.
            return _transmittingUntil <= start && _listeningSince <= start && (_short[R.BBREG1] & R.BBREG1_RXDECINV) == 0;
        }

        internal void Receive(byte[] psdu, int rssi)
        {
            if (!Header.TryRead(psdu, out Header h))
            {
                return;
            }

            if (_awaitingAck && h.FrameType == 2 && psdu.Length == 5 && psdu[2] == _txPsdu[2])
            {
                _awaitingAck = false;
                FinishTransmission(failed: false, ccaFailure: false, framePending: (psdu[0] & 0x10) != 0);
                return;
            }

            bool promiscuous = (_short[R.RXMCR] & R.RXMCR_PROMI) != 0;
            if (!promiscuous && !Accepts(h))
            {
                return;
            }

            // One RX FIFO: a new frame replaces an unread one, which is why drivers set RXDECINV while reading.
            _long[R.RxFifo] = (byte)psdu.Length;
            Array.Copy(psdu, 0, _long, R.RxFifo + 1, psdu.Length);
            _long[R.RxFifo + 1 + psdu.Length] = (byte)Math.Min(255, rssi + 0x40);
            _long[R.RxFifo + 2 + psdu.Length] = (byte)rssi;
            _short[R.INTSTAT] |= R.INT_RX;
            UpdateInterruptLine();

            bool ackRequested = h.AckRequest && h.FrameType != 2 && !h.BroadcastDestination;
            if (ackRequested && !promiscuous && (_short[R.RXMCR] & R.RXMCR_NOACKRSP) == 0)
            {
                bool pending = (_short[R.ACKTMOUT] & R.ACKTMOUT_DRPACK) != 0 && h.FrameType == 3 && h.CommandId == 0x04;
                byte sequence = psdu[2];
                _medium.Schedule(TurnaroundMicroseconds, () => SendAcknowledgment(sequence, pending));
            }
        }

        private bool Accepts(Header h)
        {
            ushort panId = (ushort)(_short[R.PANIDL] | (_short[R.PANIDH] << 8));
            if (h.FrameType == 2)
            {
                return false;
            }

            if (h.FrameType == 0)
            {
                return panId == 0xFFFF || h.SourcePanId == panId;
            }

            if (h.DestinationMode == 0)
            {
                return (_short[R.RXMCR] & R.RXMCR_PANCOORD) != 0 && h.SourcePanId == panId;
            }

            if (h.DestinationPanId != 0xFFFF && h.DestinationPanId != panId)
            {
                return false;
            }

            if (h.DestinationMode == 2)
            {
                ushort own = (ushort)(_short[R.SADRL] | (_short[R.SADRH] << 8));
                return h.DestinationShort == 0xFFFF || h.DestinationShort == own;
            }

            for (int i = 0; i < 8; i++)
            {
                if ((byte)(h.DestinationExtended >> (8 * i)) != _short[R.EADR0 + i])
                {
                    return false;
                }
            }

            return true;
        }

        private void SendAcknowledgment(byte sequence, bool framePending)
        {
            // The acknowledgment goes out even in the middle of CSMA-CA for the chip's own frame; only being on
            // the air already (or asleep) prevents it.
            if (_transmittingUntil > _medium.NowMicroseconds || ListeningChannel < 0)
            {
                return;
            }

            byte[] ack = WithFcs(new byte[] { (byte)(0x02 | (framePending ? 0x10 : 0)), 0x00, sequence });
            StartAirtime(ack);
        }

        private void StartTransmission()
        {
            if (!_rfReady || _asleep)
            {
                Violations.Add("TXNTRIG set while the RF state machine is " + (_asleep ? "asleep" : "not initialised (PLL, FIFO enable, RF reset)"));
                return;
            }

            if (_transmitting)
            {
                Violations.Add("TXNTRIG set while a transmission is still in progress");
                return;
            }

            int frameLength = _long[R.TxNormalFifo + 1];
            if (frameLength < 3 || frameLength > 125)
            {
                Violations.Add("TX normal FIFO frame length " + frameLength + " is outside 3–125");
                return;
            }

            var frame = new byte[frameLength];
            Array.Copy(_long, R.TxNormalFifo + 2, frame, 0, frameLength);
            _txPsdu = WithFcs(frame);
            _txAckRequest = (_short[R.TXNCON] & R.TXNCON_TXNACKREQ) != 0;
            if (_txAckRequest != ((frame[0] & 0x20) != 0))
            {
                Violations.Add("TXNACKREQ does not match the frame's Ack Request bit");
            }

            _transmitting = true;
            _txRetries = 0;
            _txGeneration++;
            BeginChannelAccess();
        }

        private void BeginChannelAccess()
        {
            _backoffs = 0;
            _backoffExponent = (_short[R.TXMCR] >> 3) & 0x03;
            if ((_short[R.TXMCR] & 0x80) != 0)
            {
                _medium.Schedule(0, SendTxFrame);
                return;
            }

            ScheduleBackoff();
        }

        private void ScheduleBackoff()
        {
            int generation = _txGeneration;
            long delay = (long)_medium.Random(1 << _backoffExponent) * BackoffMicroseconds + CcaMicroseconds;
            _medium.Schedule(delay, () =>
            {
                if (generation != _txGeneration)
                {
                    return;
                }

                int threshold = _short[R.CCAEDTH];
                int energy = _medium.EnergyOn(_channel, this);
                if (energy > 0 && energy >= threshold)
                {
                    _backoffs++;
                    _backoffExponent = Math.Min(_backoffExponent + 1, MaxBackoffExponent);
                    if (_backoffs > (_short[R.TXMCR] & 0x07))
                    {
                        FinishTransmission(failed: true, ccaFailure: true, framePending: false);
                        return;
                    }

                    ScheduleBackoff();
                    return;
                }

                _medium.Schedule(TurnaroundMicroseconds, SendTxFrame);
            });
        }

        private void SendTxFrame()
        {
            if (_transmittingUntil > _medium.NowMicroseconds)
            {
                // The chip is sending an acknowledgment it owed (its CCA does not hear itself): one transmitter, so
                // the frame follows the acknowledgment rather than going on the air over it.
                _medium.Schedule(_transmittingUntil - _medium.NowMicroseconds, SendTxFrame);
                return;
            }

            long airtime = StartAirtime(_txPsdu);
            if (!_txAckRequest)
            {
                _medium.Schedule(airtime, () => FinishTransmission(false, false, false));
                return;
            }

            int generation = _txGeneration;
            long ackWait = (_short[R.ACKTMOUT] & 0x7F) * SymbolMicroseconds;
            _medium.Schedule(airtime, () => _awaitingAck = true);
            _medium.Schedule(airtime + ackWait, () =>
            {
                if (generation != _txGeneration || !_awaitingAck)
                {
                    return;
                }

                _awaitingAck = false;
                if (_txRetries >= MaxFrameRetries)
                {
                    FinishTransmission(failed: true, ccaFailure: false, framePending: false);
                    return;
                }

                _txRetries++;
                BeginChannelAccess();
            });
        }

        private long StartAirtime(byte[] psdu)
        {
            long airtime = _medium.Transmit(this, _channel, psdu);
            _transmittingUntil = Math.Max(_transmittingUntil, _medium.NowMicroseconds + airtime);
            return airtime;
        }

        private void FinishTransmission(bool failed, bool ccaFailure, bool framePending)
        {
            _transmitting = false;
            _txGeneration++;
            _short[R.TXSTAT] = (byte)((_txRetries << 6) | (ccaFailure ? R.TXSTAT_CCAFAIL : 0) | (failed ? R.TXSTAT_TXNSTAT : 0));
            _short[R.TXNCON] = (byte)((_short[R.TXNCON] & ~R.TXNCON_FPSTAT & ~R.TXNCON_TXNTRIG) | (framePending ? R.TXNCON_FPSTAT : 0));
            if (LoseNextTransmitInterrupt)
            {
                LoseNextTransmitInterrupt = false;
                return;
            }

            _short[R.INTSTAT] |= R.INT_TXN;
            UpdateInterruptLine();
        }

        private void OnResetEdge(IGpioPin pin, bool rising)
        {
            _heldInReset = !rising;
            if (rising)
            {
                _resetReleasedAt = Clock != null ? Clock.MonotonicMilliseconds : long.MinValue;
            }
            else
            {
                PowerOnReset();
            }
        }

        private byte ReadShort(int address)
        {
            if (address == R.BBREG6 && _rssiReadsLeft > 0 && --_rssiReadsLeft == 0)
            {
                _long[R.RSSI] = (byte)(ListeningChannel < 0 ? 0 : _medium.EnergyOn(_channel, this));
                _short[R.BBREG6] |= R.BBREG6_RSSIRDY;
                _rssiFresh = true;
            }

            byte value = _short[address];
            if (address == R.INTSTAT)
            {
                _short[R.INTSTAT] = 0;
                UpdateInterruptLine();
            }

            return value;
        }

        private void WriteShort(int address, byte value)
        {
            switch (address)
            {
                case R.SOFTRST:
                    if ((value & R.SOFTRST_ALL) != 0)
                    {
                        PowerOnReset();
                    }

                    return;
                case R.TXNCON:
                    _short[address] = (byte)((value & ~R.TXNCON_FPSTAT) | (_short[address] & R.TXNCON_FPSTAT));
                    if ((value & R.TXNCON_TXNTRIG) != 0)
                    {
                        StartTransmission();
                    }

                    return;
                case R.RXFLUSH:
                    _short[address] = (byte)(value & ~0x01);
                    return;
                case R.INTSTAT:
                case R.TXSTAT:
                    return;
                case R.INTCON:
                    _short[address] = value;
                    UpdateInterruptLine();
                    return;
                case R.RFCTL:
                    bool wasInReset = _rfInReset;
                    _rfInReset = (value & R.RFCTL_RFRST) != 0;
                    _short[address] = value;
                    if (_rfInReset)
                    {
                        _rfReady = false;
                    }
                    else if (wasInReset)
                    {
                        LeaveRfReset();
                    }

                    return;
                case R.SLPACK:
                    _short[address] = (byte)(value & 0x7F);
                    if ((value & R.SLPACK_SLPACK) != 0)
                    {
                        _asleep = true;
                        _rfReady = false;
                    }

                    return;
                case R.WAKECON:
                    if ((_short[address] & R.WAKECON_REGWAKE) != 0 && (value & R.WAKECON_REGWAKE) == 0)
                    {
                        _asleep = false;
                    }

                    _short[address] = value;
                    return;
                case R.BBREG6:
                    _short[address] = (byte)(value & 0xC0);
                    _rssiFresh = false;
                    _rssiReadsLeft = 0;
                    if ((value & R.BBREG6_RSSIMODE1) != 0)
                    {
                        // A conversion starts; RSSIRDY sets once it is done (the chip takes 8 symbols).
                        _rssiReadsLeft = Math.Max(1, RssiConversionReads);
                    }

                    return;
                case R.BBREG1:
                    bool resume = (_short[address] & R.BBREG1_RXDECINV) != 0 && (value & R.BBREG1_RXDECINV) == 0;
                    _short[address] = value;
                    if (resume)
                    {
                        _listeningSince = _medium.NowMicroseconds;
                    }

                    return;
                default:
                    _short[address] = value;
                    return;
            }
        }

        private byte ReadLong(int address)
        {
            if (address == R.RSSI && (_short[R.BBREG6] & R.BBREG6_RSSIMODE1) != 0 && !_rssiFresh)
            {
                Violations.Add("RSSI read before RSSIRDY: the energy-detect conversion had not finished");
            }

            if (address == R.RFSTATE)
            {
                // State field (bits 7:5): RESET 0x00, SLEEP 0x40, TX 0x80, RX 0xA0.
                if (_asleep)
                {
                    return 0x40;
                }

                if (!_rfReady)
                {
                    return 0x00;
                }

                return (byte)(_transmittingUntil > _medium.NowMicroseconds ? 0x80 : R.RFSTATE_RX);
            }

            return _long[address];
        }

        private void WriteLong(int address, byte value)
        {
            // A channel written to RFCON0 is only picked up at the next RF state machine reset (LeaveRfReset).
            _long[address] = value;
        }

        private void LeaveRfReset()
        {
            bool pll = (_long[R.RFCON2] & R.RFCON2_PLLEN) != 0;
            bool fifo = (_short[R.PACON2] & R.PACON2_FIFOEN) != 0;
            if (!pll || !fifo || _asleep)
            {
                return;
            }

            _channel = (_long[R.RFCON0] >> 4) + 11;
            _rfReady = true;
            _listeningSince = _medium.NowMicroseconds + TurnaroundMicroseconds;
        }

        private void PowerOnReset()
        {
            Resets++;
            _rssiReadsLeft = 0;
            _rssiFresh = false;
            Array.Clear(_short);
            Array.Clear(_long, 0x200, 0x100);
            _short[R.TXMCR] = 0x1C;
            _short[R.ACKTMOUT] = 0x39;
            _short[R.INTCON] = 0xFF;
            _short[R.PACON2] = 0x88;
            _short[R.TXSTBL] = 0x75;
            _short[R.BBREG2] = 0x48;
            _short[R.PANIDL] = 0xFF;
            _short[R.PANIDH] = 0xFF;
            _short[R.SADRL] = 0xFF;
            _short[R.SADRH] = 0xFF;
            _rfReady = false;
            _rfInReset = false;
            _asleep = false;
            _transmitting = false;
            _awaitingAck = false;
            _txGeneration++;
            _channel = 11;
            UpdateInterruptLine();
        }

        private void UpdateInterruptLine()
        {
            bool asserted = (_short[R.INTSTAT] & ~_short[R.INTCON] & 0xFF) != 0;
            if (Interrupt.Read() == asserted)
            {
                Interrupt.Drive(!asserted);
            }
        }

        private static byte[] WithFcs(byte[] frame)
        {
            var psdu = new byte[frame.Length + 2];
            Array.Copy(frame, psdu, frame.Length);
            ushort fcs = Fcs(frame);
            psdu[frame.Length] = (byte)fcs;
            psdu[frame.Length + 1] = (byte)(fcs >> 8);
            return psdu;
        }

        /// <summary>The chip's CRC-16 (ITU-T, reflected, zero start), kept separate from the firmware's copy.</summary>
        private static ushort Fcs(byte[] data)
        {
            ushort crc = 0;
            foreach (byte b in data)
            {
                crc ^= b;
                for (int i = 0; i < 8; i++)
                {
                    crc = (ushort)((crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1);
                }
            }

            return crc;
        }

        /// <summary>Register map as the datasheet numbers it, independent of the driver's constants.</summary>
        private static class R
        {
            public const int RXMCR = 0x00, PANIDL = 0x01, PANIDH = 0x02, SADRL = 0x03, SADRH = 0x04, EADR0 = 0x05;
            public const int RXFLUSH = 0x0D, TXMCR = 0x11, ACKTMOUT = 0x12, PACON2 = 0x18, TXNCON = 0x1B, WAKECON = 0x22;
            public const int TXSTAT = 0x24, SOFTRST = 0x2A, TXSTBL = 0x2E, INTSTAT = 0x31, INTCON = 0x32, SLPACK = 0x35;
            public const int RFCTL = 0x36, BBREG1 = 0x39, BBREG2 = 0x3A, BBREG6 = 0x3E, CCAEDTH = 0x3F;
            public const int RFCON0 = 0x200, RFCON2 = 0x202, RFSTATE = 0x20F, RSSI = 0x210;
            public const int TxNormalFifo = 0x000, RxFifo = 0x300;
            public const int RXMCR_PROMI = 0x01, RXMCR_PANCOORD = 0x08, RXMCR_NOACKRSP = 0x20;
            public const int TXNCON_TXNTRIG = 0x01, TXNCON_TXNACKREQ = 0x04, TXNCON_FPSTAT = 0x10;
            public const int TXSTAT_TXNSTAT = 0x01, TXSTAT_CCAFAIL = 0x20, INT_TXN = 0x01, INT_RX = 0x08;
            public const int ACKTMOUT_DRPACK = 0x80, SOFTRST_ALL = 0x07, RFCTL_RFRST = 0x04, BBREG1_RXDECINV = 0x04;
            public const int BBREG6_RSSIMODE1 = 0x80, BBREG6_RSSIRDY = 0x01, RFCON2_PLLEN = 0x80, PACON2_FIFOEN = 0x80;
            public const int SLPACK_SLPACK = 0x80, WAKECON_REGWAKE = 0x40, RFSTATE_RX = 0xA0;
        }

        /// <summary>The few MAC header fields the chip's filter looks at.</summary>
        private struct Header
        {
            public int FrameType;
            public bool AckRequest;
            public int DestinationMode;
            public ushort DestinationPanId;
            public ushort DestinationShort;
            public ulong DestinationExtended;
            public ushort SourcePanId;
            public byte CommandId;

            public bool BroadcastDestination => DestinationMode == 2 && DestinationShort == 0xFFFF;

            public static bool TryRead(byte[] psdu, out Header h)
            {
                h = default;
                int end = psdu.Length - 2;
                if (end < 3)
                {
                    return false;
                }

                int fc = psdu[0] | (psdu[1] << 8);
                h.FrameType = fc & 7;
                h.AckRequest = (fc & 0x20) != 0;
                bool compressed = (fc & 0x40) != 0;
                h.DestinationMode = (fc >> 10) & 3;
                int sourceMode = (fc >> 14) & 3;
                if (h.FrameType > 3 || h.DestinationMode == 1 || sourceMode == 1)
                {
                    return false;
                }

                int at = 3;
                if (h.DestinationMode != 0)
                {
                    if (at + 2 > end) return false;
                    h.DestinationPanId = (ushort)(psdu[at] | (psdu[at + 1] << 8));
                    at += 2;
                    if (h.DestinationMode == 2)
                    {
                        if (at + 2 > end) return false;
                        h.DestinationShort = (ushort)(psdu[at] | (psdu[at + 1] << 8));
                        at += 2;
                    }
                    else
                    {
                        if (at + 8 > end) return false;
                        h.DestinationExtended = BitConverter.ToUInt64(psdu, at);
                        at += 8;
                    }
                }

                if (sourceMode != 0)
                {
                    if (compressed)
                    {
                        h.SourcePanId = h.DestinationPanId;
                    }
                    else
                    {
                        if (at + 2 > end) return false;
                        h.SourcePanId = (ushort)(psdu[at] | (psdu[at + 1] << 8));
                        at += 2;
                    }

                    at += sourceMode == 2 ? 2 : 8;
                }

                if (h.FrameType == 3)
                {
                    if (at >= end) return false;
                    h.CommandId = psdu[at];
                }

                return at <= end;
            }
        }
    }
}
