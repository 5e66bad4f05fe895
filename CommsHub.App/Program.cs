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
            HubFirmware hub = new HubFirmware(Esp32DevKitCMrf24j40.Wire());
            hub.Reported += Console.WriteLine;
            string[] report = hub.Boot();
            for (int i = 0; i < report.Length; i++)
            {
                Console.WriteLine(report[i]);
            }

            while (true)
            {
                hub.Poll();

                // Yield to the radio and UART interrupt threads; all timing lives in the clock, not here.
                Thread.Sleep(1);
            }
        }
    }
}
