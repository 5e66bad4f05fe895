using System.Device.Gpio;
using CommsHub.Platform;

namespace CommsHub.Device
{
    /// <summary>An <see cref="IGpioPin"/> over a nanoFramework GpioPin.</summary>
    public sealed class GpioPinDevice : IGpioPin
    {
        private readonly GpioPin _pin;
        private PinEdgeHandler _handler;
        private bool _rising;
        private bool _falling;
        private bool _subscribed;

        public GpioPinDevice(GpioController controller, int pinNumber, bool output)
        {
            _pin = controller.OpenPin(pinNumber, output ? PinMode.Output : PinMode.Input);
        }

        public int PinNumber
        {
            get { return _pin.PinNumber; }
        }

        public bool Read()
        {
            return _pin.Read() == PinValue.High;
        }

        public void Write(bool high)
        {
            _pin.Write(high ? PinValue.High : PinValue.Low);
        }

        public void SetEdgeHandler(bool rising, bool falling, PinEdgeHandler handler)
        {
            _rising = rising;
            _falling = falling;
            _handler = handler;
            if (!_subscribed && handler != null)
            {
                _pin.ValueChanged += OnValueChanged;
                _subscribed = true;
            }
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            PinEdgeHandler handler = _handler;
            if (handler == null)
            {
                return;
            }

            bool rising = e.ChangeType == PinEventTypes.Rising;
            if ((rising && _rising) || (!rising && _falling))
            {
                handler(this, rising);
            }
        }
    }
}
