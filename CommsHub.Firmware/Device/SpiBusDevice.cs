using System;
using System.Device.Spi;
using CommsHub.Platform;

namespace CommsHub.Device
{
    /// <summary>An <see cref="ISpiBus"/> over nanoFramework's SpiDevice; the chip select is driven by the SPI driver.</summary>
    public sealed class SpiBusDevice : ISpiBus
    {
        private readonly SpiDevice _device;
        private byte[] _discard = new byte[0];

        public SpiBusDevice(int busId, int chipSelectPin, int clockFrequency)
        {
            SpiConnectionSettings settings = new SpiConnectionSettings(busId, chipSelectPin);
            settings.ClockFrequency = clockFrequency;
            settings.Mode = SpiMode.Mode0;
            settings.DataFlow = DataFlow.MsbFirst;
            _device = SpiDevice.Create(settings);
        }

        public void TransferFullDuplex(byte[] writeBuffer, byte[] readBuffer, int length)
        {
            if (readBuffer == null)
            {
                // nanoFramework clocks exactly readBuffer.Length bytes in, so a write-only transfer still needs a sink.
                if (_discard.Length < length)
                {
                    _discard = new byte[length];
                }

                readBuffer = _discard;
            }

            _device.TransferFullDuplex(new SpanByte(writeBuffer, 0, length), new SpanByte(readBuffer, 0, length));
        }
    }
}
