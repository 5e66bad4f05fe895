namespace CommsHub.Radio
{
    /// <summary>What the chip reports when a transmission ends.</summary>
    public static class RadioTransmitStatus
    {
        /// <summary>Sent; acknowledged when an acknowledgment was requested.</summary>
        public const int Success = 0;

        /// <summary>Acknowledgment requested and none came back after the chip's retries.</summary>
        public const int NoAck = 1;

        /// <summary>CSMA-CA found the channel busy on every backoff.</summary>
        public const int ChannelAccessFailure = 2;

        /// <summary>The chip never reported the end of the transmission; the driver gave up and re-initialised it.</summary>
        public const int Timeout = 3;

        public static string Name(int status)
        {
            return status == Success ? "success" : status == NoAck ? "no ack" : status == ChannelAccessFailure ? "channel busy" : status == Timeout ? "timeout" : "unknown";
        }
    }

    /// <summary>Called from <see cref="IRadio.Process"/> when a transmission ends.</summary>
    public delegate void RadioTransmitDoneHandler(int status, bool framePendingInAck, int retries);

    /// <summary>
    /// Called from <see cref="IRadio.Process"/> with a received MAC frame (FCS removed). The buffer is the
    /// driver's and is reused: copy what must outlive the call.
    /// </summary>
    public delegate void RadioFrameReceivedHandler(byte[] frame, int length, byte linkQuality, byte rssi);

    /// <summary>Raised from the interrupt context when the chip asserts INT; handlers only signal the main loop.</summary>
    public delegate void RadioInterruptHandler();

    /// <summary>
    /// An IEEE 802.15.4 transceiver that does acknowledgments, CSMA-CA and retries itself: managed code on the
    /// device cannot meet the standard's microsecond timings. Everything happens on the caller's thread; the
    /// interrupt line only makes <see cref="Process"/> worth calling.
    /// </summary>
    public interface IRadio
    {
        event RadioTransmitDoneHandler TransmitDone;

        event RadioFrameReceivedHandler FrameReceived;

        /// <summary>The chip asserted INT: a main loop waiting idle can wake now instead of at its next tick.</summary>
        event RadioInterruptHandler Interrupted;

        /// <summary>Resets the chip and runs its initialisation sequence; addresses and channel are re-applied.</summary>
        void Initialize();

        int Channel { get; }

        /// <summary>Channels 11–26 (2.4 GHz O-QPSK).</summary>
        void SetChannel(int channel);

        void SetPanId(ushort panId);

        void SetShortAddress(ushort shortAddress);

        void SetExtendedAddress(ulong extendedAddress);

        /// <summary>PAN coordinator: accepts frames that carry only a source address in its PAN.</summary>
        void SetPanCoordinator(bool coordinator);

        /// <summary>Receive every frame with a good FCS, whatever its addresses; acknowledges nothing.</summary>
        void SetPromiscuous(bool promiscuous);

        /// <summary>Sets the frame-pending bit in the acknowledgment the chip sends for a Data Request command.</summary>
        void SetFramePendingForDataRequests(bool pending);

        /// <summary>
        /// Starts sending a MAC frame (no FCS); an acknowledgment is awaited when the frame's Ack Request bit is set.
        /// False when a transmission is still in progress.
        /// </summary>
        bool Transmit(byte[] frame, int offset, int length);

        bool IsTransmitting { get; }

        /// <summary>True while <see cref="Process"/> has something to do (interrupt pending, transmission under way).</summary>
        bool HasWork { get; }

        /// <summary>Energy on the current channel, 0 (quiet) to 255, from the chip's energy detection.</summary>
        int EnergyDetect();

        /// <summary>Receiver and oscillator off; nothing is received until <see cref="Wake"/>.</summary>
        void Sleep();

        void Wake();

        /// <summary>Services the chip's interrupt: raises <see cref="TransmitDone"/> and <see cref="FrameReceived"/>.</summary>
        void Process();
    }
}
