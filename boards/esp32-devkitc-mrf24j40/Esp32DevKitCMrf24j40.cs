using System.Device.Gpio;
using nanoFramework.Hardware.Esp32;
using CommsHub.Device;
using CommsHub.Hub;
using CommsHub.Radio.Mrf24j40;

namespace CommsHub.Boards
{
    /// <summary>
    /// Pin map of the reference bench board: ESP32-DevKitC with an MRF24J40MA radio module and a W25Q
    /// flash chip sharing SPI1, and UART2 (COM2) to the head-end. See README.md beside this file.
    /// </summary>
    public static class Esp32DevKitCMrf24j40
    {
        public const string Name = "ESP32-DevKitC + MRF24J40MA + W25Q";

        public const int SpiBus = 1;
        public const int SpiMosi = 23;
        public const int SpiMiso = 25;
        public const int SpiClock = 19;

        public const int RadioChipSelect = 5;
        public const int RadioInterrupt = 4;
        public const int RadioReset = 26;
        public const int RadioWake = 27;

        public const int FlashChipSelect = 21;

        /// <summary>10 MHz: half the MRF24J40's 20 MHz ceiling, leaving margin for bench wiring; the W25Q runs far faster.</summary>
        public const int SpiClockFrequency = 10000000;

        public const string WanPort = "COM2";
        public const int WanTx = 17;
        public const int WanRx = 16;
        public const int WanBaudRate = 115200;

        public static HubHardware Wire()
        {
            Configuration.SetPinFunction(SpiMosi, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(SpiMiso, DeviceFunction.SPI1_MISO);
            Configuration.SetPinFunction(SpiClock, DeviceFunction.SPI1_CLOCK);
            Configuration.SetPinFunction(WanTx, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(WanRx, DeviceFunction.COM2_RX);

            GpioController gpio = new GpioController();

            // Hold the radio in reset until its driver initialises it, so it cannot answer on the shared bus.
            GpioPinDevice radioReset = new GpioPinDevice(gpio, RadioReset, true);
            radioReset.Write(false);

            HubHardware hardware = new HubHardware(
                Name,
                new SpiBusDevice(SpiBus, FlashChipSelect, SpiClockFrequency),
                new DeviceClock(),
                new SerialPortDevice(WanPort, WanBaudRate));
            hardware.Entropy = new DeviceEntropy();
            hardware.Restarter = new DeviceRestarter();
            hardware.Radio = new Mrf24j40(
                new SpiBusDevice(SpiBus, RadioChipSelect, SpiClockFrequency),
                new GpioPinDevice(gpio, RadioInterrupt, false),
                radioReset);
            return hardware;
        }
    }
}
