using System;
using CommsHub.Platform;
using R = CommsHub.Radio.Mrf24j40.Mrf24j40Registers;

namespace CommsHub.Radio.Mrf24j40
{
    /// <summary>
    /// Driver for the Microchip MRF24J40 (MRF24J40MA module) over SPI with its active-low INT line. The chip
    /// does acknowledgments, unslotted CSMA-CA and up to three retries; the driver loads the TX normal FIFO,
    /// reads the RX FIFO and turns interrupt status into <see cref="TransmitDone"/> and <see cref="FrameReceived"/>.
    /// It never sleeps: where the datasheet asks for a delay the driver polls a status register instead.
    /// </summary>
    public sealed class Mrf24j40 : IRadio
    {
        /// <summary>
        /// TXMCR for unslotted CSMA-CA with the 802.15.4 defaults: macMinBE 3 (bits 4:3) and macMaxCSMABackoffs 4
        /// (bits 2:0). The chip's macMaxBE is 5 and its frame retries are 3, both fixed in silicon.
        /// </summary>
        private const int CsmaConfiguration = (3 << 3) | 4;

        /// <summary>How many status reads the driver allows a chip operation before declaring the chip absent.</summary>
        private const int PollLimit = 1000;

        /// <summary>The MRF24J40's SPI clock ceiling (datasheet DS39776, SPI timing: 10 MHz).</summary>
        public const int MaximumSpiClockHz = 10000000;

        /// <summary>Datasheet: after RESET is released the chip needs 2 ms (oscillator start-up) before SPI access.</summary>
        public const int ResetRecoveryMilliseconds = 2;

        /// <summary>RESET is held low this long; the datasheet's minimum pulse is far shorter.</summary>
        public const int ResetHoldMilliseconds = 1;

        /// <summary>
        /// A transmission whose completion interrupt has not come this long after TXNTRIG is given up and the chip
        /// re-initialised. The chip's own worst case is about 170 ms: four attempts, each with up to five CSMA
        /// backoffs at macMaxBE 5 (about 37 ms), the longest frame (4.3 ms) and the acknowledgment wait.
        /// </summary>
        public const int TransmitTimeoutMilliseconds = 250;

        /// <summary>An RSSI conversion takes 8 symbols (128 µs); a few milliseconds is already a fault.</summary>
        private const int EnergyDetectTimeoutMilliseconds = 5;

        /// <summary>Loop bound for a wait when the clock does not move (a paused virtual clock, or none).</summary>
        private const int SpinLimit = 200000;

        private readonly ISpiBus _spi;
        private readonly IGpioPin _interrupt;
        private readonly IGpioPin _reset;
        private readonly IClock _clock;
        private readonly byte[] _tx = new byte[3 + 128];
        private readonly byte[] _rx = new byte[3 + 128];
        private readonly byte[] _frame = new byte[128];

        private int _channel = 11;
        private ushort _panId = 0xFFFF;
        private ushort _shortAddress = 0xFFFF;
        private ulong _extendedAddress;
        private int _rxmcr;
        private bool _framePendingForDataRequests;
        private bool _transmitting;
        private long _transmitStartedAt;
        private bool _asleep;
        private bool _interruptSeen;

        public event RadioTransmitDoneHandler TransmitDone;

        public event RadioFrameReceivedHandler FrameReceived;

        public event RadioInterruptHandler Interrupted;

        /// <param name="reset">The RESET line, or null when it is tied high (soft reset only).</param>
        public Mrf24j40(ISpiBus spi, IGpioPin interrupt, IGpioPin reset)
            : this(spi, interrupt, reset, null)
        {
        }

        /// <param name="clock">
        /// Times the reset recovery, the energy-detect wait and the transmit timeout; without one there is no
        /// transmit timeout and the waits are bounded by loop counts only.
        /// </param>
        public Mrf24j40(ISpiBus spi, IGpioPin interrupt, IGpioPin reset, IClock clock)
        {
            if (spi == null || interrupt == null)
            {
                throw new ArgumentNullException(spi == null ? "spi" : "interrupt");
            }

            _spi = spi;
            _interrupt = interrupt;
            _reset = reset;
            _clock = clock;

            // INT falls when the chip has news: note it so the main loop knows there is radio work without sleeping.
            _interrupt.SetEdgeHandler(false, true, OnInterruptEdge);
        }

        /// <summary>
        /// True while the chip has something for <see cref="Process"/>: INT is low, an edge was seen since the last
        /// Process, or a transmission is under way. A main loop keeps turning without yielding while this holds.
        /// </summary>
        public bool HasWork
        {
            get { return _interruptSeen || _transmitting || !_interrupt.Read(); }
        }

        /// <summary>Transmissions given up because their completion interrupt never came.</summary>
        public int TransmitTimeouts { get; private set; }

        public int Channel
        {
            get { return _channel; }
        }

        public bool IsTransmitting
        {
            get { return _transmitting; }
        }

        public void Initialize()
        {
            if (_reset != null)
            {
                // A bounded wait, at initialisation only: the chip is unusable until it has passed.
                _reset.Write(false);
                WaitMilliseconds(ResetHoldMilliseconds);
                _reset.Write(true);
                WaitMilliseconds(ResetRecoveryMilliseconds);
            }

            WriteShort(R.SOFTRST, R.SOFTRST_ALL);
            PollShort(R.SOFTRST, R.SOFTRST_ALL, 0, "soft reset did not complete: is the MRF24J40 connected?");

            // Datasheet initialisation sequence (section 3.2): FIFO enable and TX on time, RF stabilisation, PLL
            // and VCO optimisation, filter, sleep clock, CCA mode 1 (energy above threshold), RSSI with each frame.
            WriteShort(R.PACON2, 0x98);
            WriteShort(R.TXSTBL, 0x95);
            WriteLong(R.RFCON0, 0x03);
            WriteLong(R.RFCON1, 0x01);
            WriteLong(R.RFCON2, R.RFCON2_PLLEN);
            WriteLong(R.RFCON6, 0x90);
            WriteLong(R.RFCON7, 0x80);
            WriteLong(R.RFCON8, 0x10);
            WriteLong(R.SLPCON1, 0x21);
            WriteShort(R.BBREG2, 0x80);
            WriteShort(R.CCAEDTH, 0x60);
            WriteShort(R.BBREG6, R.BBREG6_RSSIMODE2);
            WriteShort(R.INTCON, 0xFF & ~(R.INT_TXN | R.INT_RX));
            WriteShort(R.TXMCR, CsmaConfiguration);

            // A wrong bit here (a marginal SPI clock, a swapped MOSI/MISO) leaves a chip that looks alive and
            // never transmits: read the registers that matter back and name the first that differs.
            Expect("PACON2", ReadShort(R.PACON2), 0x98);
            Expect("TXSTBL", ReadShort(R.TXSTBL), 0x95);
            Expect("RFCON1", ReadLong(R.RFCON1), 0x01);
            Expect("RFCON2", ReadLong(R.RFCON2), R.RFCON2_PLLEN);
            Expect("RFCON6", ReadLong(R.RFCON6), 0x90);
            Expect("RFCON7", ReadLong(R.RFCON7), 0x80);
            Expect("RFCON8", ReadLong(R.RFCON8), 0x10);
            Expect("BBREG2", ReadShort(R.BBREG2), 0x80);
            Expect("CCAEDTH", ReadShort(R.CCAEDTH), 0x60);
            Expect("TXMCR", ReadShort(R.TXMCR) & 0x3F, CsmaConfiguration);

            _rxmcr &= ~R.RXMCR_NOACKRSP;
            WriteShort(R.RXMCR, _rxmcr);
            WriteShort(R.ACKTMOUT, 0x39 | (_framePendingForDataRequests ? R.ACKTMOUT_DRPACK : 0));
            WritePanId();
            WriteShortAddress();
            WriteExtendedAddress();
            _transmitting = false;
            _asleep = false;
            TuneChannel();

            // A pending interrupt from before the reset must not be taken for a new one.
            ReadShort(R.INTSTAT);
        }

        public void SetChannel(int channel)
        {
            if (channel < 11 || channel > 26)
            {
                throw new ArgumentOutOfRangeException("channel", "2.4 GHz channels are 11 to 26");
            }

            _channel = channel;
            TuneChannel();
        }

        public void SetPanId(ushort panId)
        {
            _panId = panId;
            WritePanId();
        }

        public void SetShortAddress(ushort shortAddress)
        {
            _shortAddress = shortAddress;
            WriteShortAddress();
        }

        public void SetExtendedAddress(ulong extendedAddress)
        {
            _extendedAddress = extendedAddress;
            WriteExtendedAddress();
        }

        public void SetPanCoordinator(bool coordinator)
        {
            _rxmcr = coordinator ? _rxmcr | R.RXMCR_PANCOORD | R.RXMCR_COORD : _rxmcr & ~(R.RXMCR_PANCOORD | R.RXMCR_COORD);
            WriteShort(R.RXMCR, _rxmcr);
        }

        public void SetPromiscuous(bool promiscuous)
        {
            _rxmcr = promiscuous ? _rxmcr | R.RXMCR_PROMI : _rxmcr & ~R.RXMCR_PROMI;
            WriteShort(R.RXMCR, _rxmcr);
        }

        public void SetFramePendingForDataRequests(bool pending)
        {
            if (pending == _framePendingForDataRequests)
            {
                return;
            }

            _framePendingForDataRequests = pending;
            WriteShort(R.ACKTMOUT, 0x39 | (pending ? R.ACKTMOUT_DRPACK : 0));
        }

        public bool Transmit(byte[] frame, int offset, int length)
        {
            if (length < 3 || length > 125)
            {
                throw new ArgumentOutOfRangeException("length", "a MAC frame without FCS is 3 to 125 bytes");
            }

            if (_transmitting || _asleep)
            {
                return false;
            }

            // TX normal FIFO: header length, frame length, then the frame; the chip appends the FCS.
            _tx[0] = (byte)(0x80 | (R.TxNormalFifo >> 3));
            _tx[1] = (byte)(((R.TxNormalFifo << 5) & 0xE0) | 0x10);
            _tx[2] = (byte)HeaderLength(frame, offset, length);
            _tx[3] = (byte)length;
            Array.Copy(frame, offset, _tx, 4, length);
            _spi.TransferFullDuplex(_tx, null, 4 + length);

            bool ackRequest = (frame[offset] & 0x20) != 0;
            _transmitting = true;
            _transmitStartedAt = _clock != null ? _clock.MonotonicMilliseconds : 0;
            WriteShort(R.TXNCON, R.TXNCON_TXNTRIG | (ackRequest ? R.TXNCON_TXNACKREQ : 0));
            return true;
        }

        public int EnergyDetect()
        {
            // As the reference drivers do: RSSIMODE1 alone starts one conversion; RSSIRDY says the RSSI register
            // holds it. RSSIMODE2 (RSSI appended to each received frame) is restored afterwards.
            WriteShort(R.BBREG6, R.BBREG6_RSSIMODE1);
            long start = _clock != null ? _clock.MonotonicMilliseconds : 0;
            int polls = 0;
            while ((ReadShort(R.BBREG6) & R.BBREG6_RSSIRDY) == 0)
            {
                polls++;
                long waited = _clock != null ? _clock.MonotonicMilliseconds - start : 0;
                if (waited > EnergyDetectTimeoutMilliseconds || polls >= PollLimit)
                {
                    WriteShort(R.BBREG6, R.BBREG6_RSSIMODE2);
                    throw new InvalidOperationException("MRF24J40 energy detection never completed (RSSIRDY still clear after "
                        + polls.ToString() + " reads)");
                }
            }

            int energy = ReadLong(R.RSSI);
            WriteShort(R.BBREG6, R.BBREG6_RSSIMODE2);
            return energy;
        }

        public void Sleep()
        {
            if (_asleep)
            {
                return;
            }

            WriteShort(R.SLPACK, R.SLPACK_SLPACK);
            _asleep = true;
        }

        public void Wake()
        {
            if (!_asleep)
            {
                return;
            }

            // Register wake-up (datasheet 3.15.1.2): pulse REGWAKE, then reset the RF state machine.
            WriteShort(R.WAKECON, R.WAKECON_IMMWAKE | R.WAKECON_REGWAKE);
            WriteShort(R.WAKECON, R.WAKECON_IMMWAKE);
            _asleep = false;
            ResetRfStateMachine();
        }

        public void Process()
        {
            _interruptSeen = false;

            // INT is active low and stays low until INTSTAT is read, so level (not edge) decides.
            while (!_interrupt.Read())
            {
                int status = ReadShort(R.INTSTAT);
                if (status == 0)
                {
                    return;
                }

                if ((status & R.INT_RX) != 0)
                {
                    ReadReceivedFrame();
                }

                if ((status & R.INT_TXN) != 0)
                {
                    FinishTransmission();
                }
            }

            if (_transmitting && _clock != null && _clock.MonotonicMilliseconds - _transmitStartedAt > TransmitTimeoutMilliseconds)
            {
                RecoverFromLostTransmission();
            }
        }

        /// <summary>
        /// The completion interrupt never came (a glitch on INT, a chip upset by a supply dip): the chip's state is
        /// unknown, so it is re-initialised with its addresses and channel, and the caller hears of a failure.
        /// </summary>
        private void RecoverFromLostTransmission()
        {
            TransmitTimeouts++;
            _transmitting = false;
            Initialize();
            RadioTransmitDoneHandler handler = TransmitDone;
            if (handler != null)
            {
                handler(RadioTransmitStatus.Timeout, false, 0);
            }
        }

        private void OnInterruptEdge(IGpioPin pin, bool risingEdge)
        {
            _interruptSeen = true;
            RadioInterruptHandler handler = Interrupted;
            if (handler != null)
            {
                handler();
            }
        }

        private void Expect(string register, int read, int written)
        {
            if (read != written)
            {
                throw new InvalidOperationException("MRF24J40 " + register + " reads " + Hex.Format(read, 2) + " after writing " + Hex.Format(written, 2)
                    + ": check the SPI wiring (SDI/SDO/SCK) and lower the SPI clock");
            }
        }

        /// <summary>Busy-waits on the clock; only ever for the reset's few milliseconds at initialisation.</summary>
        private void WaitMilliseconds(int milliseconds)
        {
            if (_clock == null)
            {
                return;
            }

            long until = _clock.MonotonicMilliseconds + milliseconds;
            for (int i = 0; i < SpinLimit && _clock.MonotonicMilliseconds < until; i++)
            {
            }
        }

        private void FinishTransmission()
        {
            int txstat = ReadShort(R.TXSTAT);
            bool pending = (ReadShort(R.TXNCON) & R.TXNCON_FPSTAT) != 0;
            int retries = (txstat >> 6) & 0x03;
            int result = (txstat & R.TXSTAT_TXNSTAT) == 0
                ? RadioTransmitStatus.Success
                : (txstat & R.TXSTAT_CCAFAIL) != 0 ? RadioTransmitStatus.ChannelAccessFailure : RadioTransmitStatus.NoAck;
            _transmitting = false;
            RadioTransmitDoneHandler handler = TransmitDone;
            if (handler != null)
            {
                handler(result, result == RadioTransmitStatus.Success && pending, retries);
            }
        }

        private void ReadReceivedFrame()
        {
            // Stop the chip decoding new frames while the FIFO is read, or it could overwrite it mid-read.
            WriteShort(R.BBREG1, R.BBREG1_RXDECINV);
            int psduLength = ReadLong(R.RxFifo);
            bool sane = psduLength >= 5 && psduLength <= 127;
            int length = psduLength - 2;
            byte lqi = 0;
            byte rssi = 0;
            if (sane)
            {
                // RX FIFO: length, frame, FCS (2), LQI, RSSI.
                Array.Clear(_tx, 0, 2 + psduLength + 2);
                _tx[0] = (byte)(0x80 | ((R.RxFifo + 1) >> 3));
                _tx[1] = (byte)(((R.RxFifo + 1) << 5) & 0xE0);
                _spi.TransferFullDuplex(_tx, _rx, 2 + psduLength + 2);
                Array.Copy(_rx, 2, _frame, 0, length);
                lqi = _rx[2 + psduLength];
                rssi = _rx[3 + psduLength];
            }

            WriteShort(R.RXFLUSH, 0x01);
            WriteShort(R.BBREG1, 0x00);
            RadioFrameReceivedHandler handler = FrameReceived;
            if (sane && handler != null)
            {
                handler(_frame, length, lqi, rssi);
            }
        }

        private void TuneChannel()
        {
            WriteLong(R.RFCON0, ((_channel - 11) << 4) | 0x03);
            ResetRfStateMachine();
        }

        private void ResetRfStateMachine()
        {
            // A channel change or wake-up only takes effect after the RF state machine is reset; the datasheet's
            // 192 µs settling wait is replaced by waiting for RFSTATE to report receive.
            WriteShort(R.RFCTL, R.RFCTL_RFRST);
            WriteShort(R.RFCTL, 0x00);
            for (int i = 0; i < PollLimit; i++)
            {
                // RFSTATE's state field is its top three bits.
                if ((ReadLong(R.RFSTATE) & 0xE0) == R.RFSTATE_RX)
                {
                    return;
                }
            }

            throw new InvalidOperationException("MRF24J40 RF state machine never reached receive after a reset");
        }

        private void WritePanId()
        {
            WriteShort(R.PANIDL, _panId & 0xFF);
            WriteShort(R.PANIDH, _panId >> 8);
        }

        private void WriteShortAddress()
        {
            WriteShort(R.SADRL, _shortAddress & 0xFF);
            WriteShort(R.SADRH, _shortAddress >> 8);
        }

        private void WriteExtendedAddress()
        {
            for (int i = 0; i < 8; i++)
            {
                WriteShort(R.EADR0 + i, (int)((_extendedAddress >> (8 * i)) & 0xFF));
            }
        }

        private void PollShort(int address, int mask, int expected, string failure)
        {
            for (int i = 0; i < PollLimit; i++)
            {
                if ((ReadShort(address) & mask) == expected)
                {
                    return;
                }
            }

            throw new InvalidOperationException("MRF24J40 " + failure);
        }

        private static int HeaderLength(byte[] frame, int offset, int length)
        {
            int fc = frame[offset] | (frame[offset + 1] << 8);
            int destinationMode = (fc >> 10) & 3;
            int sourceMode = (fc >> 14) & 3;
            int header = 3;
            if (destinationMode != 0)
            {
                header += 2 + (destinationMode == 2 ? 2 : 8);
            }

            if (sourceMode != 0)
            {
                header += ((fc & 0x40) != 0 ? 0 : 2) + (sourceMode == 2 ? 2 : 8);
            }

            return header > length ? length : header;
        }

        private int ReadShort(int address)
        {
            _tx[0] = (byte)((address << 1) & 0x7E);
            _tx[1] = 0;
            _spi.TransferFullDuplex(_tx, _rx, 2);
            return _rx[1];
        }

        private void WriteShort(int address, int value)
        {
            _tx[0] = (byte)(((address << 1) & 0x7E) | 0x01);
            _tx[1] = (byte)value;
            _spi.TransferFullDuplex(_tx, null, 2);
        }

        private int ReadLong(int address)
        {
            _tx[0] = (byte)(0x80 | (address >> 3));
            _tx[1] = (byte)((address << 5) & 0xE0);
            _tx[2] = 0;
            _spi.TransferFullDuplex(_tx, _rx, 3);
            return _rx[2];
        }

        private void WriteLong(int address, int value)
        {
            _tx[0] = (byte)(0x80 | (address >> 3));
            _tx[1] = (byte)(((address << 5) & 0xE0) | 0x10);
            _tx[2] = (byte)value;
            _spi.TransferFullDuplex(_tx, null, 3);
        }
    }
}
