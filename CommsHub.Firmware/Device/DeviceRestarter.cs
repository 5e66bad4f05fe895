using System;
using CommsHub.Hub;
using nanoFramework.Runtime.Native;

namespace CommsHub.Device
{
    /// <summary>Restarts the ESP32: nanoFramework's Power.RebootDevice resets the chip and does not return.</summary>
    public sealed class DeviceRestarter : IRestarter
    {
        public void Restart(string reason)
        {
            Console.WriteLine("Restarting: " + reason);
            Power.RebootDevice();
        }
    }
}
