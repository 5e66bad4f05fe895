using System;
using CommsHub.Platform;

namespace CommsHub.Device
{
    /// <summary>nanoFramework's Random, which the ESP32 port backs with the chip's hardware random number generator.</summary>
    public sealed class DeviceEntropy : IEntropySource
    {
        private readonly Random _random = new Random();

        public void Fill(byte[] buffer)
        {
            _random.NextBytes(buffer);
        }
    }
}
