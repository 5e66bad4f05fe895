// Reference stub of nanoFramework.System.Device.Spi 1.3.89.
namespace System.Device.Spi
{
    public enum SpiMode { Mode0, Mode1, Mode2, Mode3 }

    public enum DataFlow { MsbFirst, LsbFirst }

    public sealed class SpiConnectionSettings
    {
        public SpiConnectionSettings(int busId, int chipSelectLine = -1) { }
        public int BusId { get { throw null; } set { } }
        public int ChipSelectLine { get { throw null; } set { } }
        public SpiMode Mode { get { throw null; } set { } }
        public int DataBitLength { get { throw null; } set { } }
        public int ClockFrequency { get { throw null; } set { } }
        public DataFlow DataFlow { get { throw null; } set { } }
    }

    // Concrete with no virtual members: firmware code reaches it only through the ISpiBus seam.
    public class SpiDevice : IDisposable
    {
        public SpiDevice(SpiConnectionSettings settings) { }
        public static SpiDevice Create(SpiConnectionSettings settings) { throw null; }
        public SpiConnectionSettings ConnectionSettings { get { throw null; } }
        public byte ReadByte() { throw null; }
        public void WriteByte(byte value) { throw null; }
        public void Read(SpanByte buffer) { throw null; }
        public void Write(SpanByte buffer) { throw null; }
        public void TransferFullDuplex(SpanByte writeBuffer, SpanByte readBuffer) { throw null; }
        public void Dispose() { throw null; }
    }
}
