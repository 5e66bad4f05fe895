// Reference stub of nanoFramework.System.Device.Gpio 1.1.62.
namespace System.Device.Gpio
{
    public enum PinMode { Input, InputPullDown, InputPullUp, Output, OutputOpenDrain, OutputOpenDrainPullUp, OutputOpenSource, OutputOpenSourcePullDown }

    [Flags]
    public enum PinEventTypes { None = 0, Rising = 1, Falling = 2 }

    public readonly struct PinValue
    {
        public static PinValue High { get { throw null; } }
        public static PinValue Low { get { throw null; } }
        public static implicit operator PinValue(int value) { throw null; }
        public static implicit operator PinValue(bool value) { throw null; }
        public static explicit operator byte(PinValue value) { throw null; }
        public static explicit operator int(PinValue value) { throw null; }
        public static explicit operator bool(PinValue value) { throw null; }
        public bool Equals(PinValue other) { throw null; }
        public override bool Equals(object obj) { throw null; }
        public static bool operator ==(PinValue a, PinValue b) { throw null; }
        public static bool operator !=(PinValue a, PinValue b) { throw null; }
        public override int GetHashCode() { throw null; }
        public override string ToString() { throw null; }
    }

    public class PinValueChangedEventArgs : nanoFramework.Runtime.Events.BaseEvent
    {
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber) { }
        public PinEventTypes ChangeType { get { throw null; } }
        public int PinNumber { get { throw null; } }
    }

    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);

    public sealed class GpioPin : IDisposable
    {
        private GpioPin() { }
        public int PinNumber { get { throw null; } }
        public PinValue Read() { throw null; }
        public void Write(PinValue value) { throw null; }
        public void Toggle() { throw null; }
        public event PinValueChangedEventHandler ValueChanged { add { } remove { } }
        public void Dispose() { throw null; }
    }

    public sealed class GpioController : IDisposable
    {
        public GpioController() { }
        public GpioPin OpenPin(int pinNumber) { throw null; }
        public GpioPin OpenPin(int pinNumber, PinMode mode) { throw null; }
        public void ClosePin(int pinNumber) { throw null; }
        public void Dispose() { throw null; }
    }
}
