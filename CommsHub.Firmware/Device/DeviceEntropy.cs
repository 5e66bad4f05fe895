using System;
using CommsHub.Platform;

namespace CommsHub.Device
{
    /// <summary>
    /// nanoFramework's Random. Unpredictable enough for short addresses and link epochs; not for keys, because
    /// the ESP32's generator is pseudo-random without RF running (see KeyEntropyPolicy).
    /// </summary>
    public sealed class DeviceEntropy : IEntropySource
    {
        private readonly Random _random = new Random();

        public void Fill(byte[] buffer)
        {
            _random.NextBytes(buffer);
        }
    }
}
