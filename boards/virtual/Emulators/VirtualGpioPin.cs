using CommsHub.Platform;

namespace CommsHub.VirtualBoard.Emulators
{
    /// <summary>A GPIO line between the firmware and an emulated part; either side may drive it.</summary>
    public sealed class VirtualGpioPin : IGpioPin
    {
        private bool _level;
        private bool _rising;
        private bool _falling;
        private PinEdgeHandler _handler;

        public VirtualGpioPin(int pinNumber, bool initialLevel = false)
        {
            PinNumber = pinNumber;
            _level = initialLevel;
        }

        public int PinNumber { get; }

        public bool Read() => _level;

        public void Write(bool high) => Drive(high);

        public void SetEdgeHandler(bool rising, bool falling, PinEdgeHandler handler)
        {
            _rising = rising;
            _falling = falling;
            _handler = handler;
        }

        /// <summary>The emulated part (or the firmware) changes the line level; edges reach the handler.</summary>
        public void Drive(bool high)
        {
            if (high == _level)
            {
                return;
            }

            _level = high;
            if (_handler != null && ((high && _rising) || (!high && _falling)))
            {
                _handler(this, high);
            }
        }
    }
}
