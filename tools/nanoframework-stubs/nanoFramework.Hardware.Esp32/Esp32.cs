// Reference stub of nanoFramework.Hardware.Esp32 1.6.42 (values as in DeviceTypePins.cs).
namespace nanoFramework.Hardware.Esp32
{
    public enum DeviceFunction
    {
        SPI1_MOSI = 0x10100, SPI1_MISO = 0x10101, SPI1_CLOCK = 0x10102,
        SPI2_MOSI = 0x10200, SPI2_MISO = 0x10201, SPI2_CLOCK = 0x10202,
        COM1_TX = 0x30100, COM1_RX = 0x30101,
        COM2_TX = 0x30200, COM2_RX = 0x30201, COM2_RTS = 0x30202, COM2_CTS = 0x30203,
    }

    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value) { throw null; }
        public static int GetFunctionPin(DeviceFunction function) { throw null; }
    }
}
