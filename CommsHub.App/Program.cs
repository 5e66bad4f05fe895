using System;
using System.Threading;
using CommsHub.Boards;
using CommsHub.Hub;

namespace CommsHub.App
{
    /// <summary>Entry point on the ESP32: wire the board, boot the hub, run its main loop for ever.</summary>
    public class Program
    {
        public static void Main()
        {
            HubHardware hardware = Esp32DevKitCMrf24j40.Wire();
            HubFirmware hub = new HubFirmware(hardware);
            hub.Reported += Console.WriteLine;

            // The radio's interrupt ends an idle wait at once: a sleepy device's poll is not kept waiting for a tick.
            AutoResetEvent radioWork = new AutoResetEvent(false);
            if (hardware.Radio != null)
            {
                hardware.Radio.Interrupted += delegate { radioWork.Set(); };
            }

            string[] report = hub.Boot();
            for (int i = 0; i < report.Length; i++)
            {
                Console.WriteLine(report[i]);
            }

            while (true)
            {
                hub.Poll();

                // Yield only when idle, and then only until the radio interrupts or the wait ends.
                if (MainLoopPolicy.ShouldYield(hub.HasWork))
                {
                    radioWork.WaitOne(MainLoopPolicy.IdleWaitMilliseconds, false);
                }
            }
        }
    }
}
