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
        /// <summary>Not driven: the firmware wakes the radio by register (WAKECON), so WAKE is tied to GND.</summary>
        public const int RadioWake = -1;

        public const int FlashChipSelect = 21;

        /// <summary>
        /// 5 MHz: half the MRF24J40's 10 MHz ceiling, margin for jumper wires. nanoFramework's ESP32 SPI runs every
        /// device on a bus at one clock, so the flash (good for 100 MHz+) shares the radio's limit.
        /// </summary>
        public const int SpiClockFrequency = 5000000;

        /// <summary>
        /// COM2 is the ESP32's UART1, remapped to GPIO16/17. On a WROVER module GPIO16/17 drive the PSRAM: use
        /// GPIO32/33 there instead.
        /// </summary>
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

            DeviceClock clock = new DeviceClock();
            HubHardware hardware = new HubHardware(
                Name,
                new SpiBusDevice(SpiBus, FlashChipSelect, SpiClockFrequency),
                clock,
                new SerialPortDevice(WanPort, WanBaudRate));
            hardware.Entropy = new DeviceEntropy();
            hardware.EntropyFitForKeys = KeyEntropyPolicy.Esp32RandomFitForKeys;
            hardware.Restarter = new DeviceRestarter();
            hardware.Radio = new Mrf24j40(
                new SpiBusDevice(SpiBus, RadioChipSelect, SpiClockFrequency),
                new GpioPinDevice(gpio, RadioInterrupt, false),
                radioReset,
                clock);
            return hardware;
        }
    }
}
