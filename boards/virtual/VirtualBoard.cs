using System;
using CommsHub.Hub;
using CommsHub.VirtualBoard.Emulators;

namespace CommsHub.VirtualBoard
{
    /// <summary>
    /// The hub's firmware wired to emulated parts instead of an ESP32's: the same HubFirmware the board runs,
    /// a W25Q32 flash emulator whose array lives in a file (so state survives restarts), a virtual clock
    /// and an in-memory WAN cable.
    /// </summary>
    public sealed class VirtualBoard : IDisposable
    {
        public const string Name = "virtual board (emulated W25Q32 flash)";

        public VirtualBoard(string flashFile, DateTime startUtc, CommsHub.Platform.ISerialPort wanPort = null, CommsHub.Radio.IRadio radio = null)
        {
            Flash = new NorFlashEmulator(capacityCode: 0x16, backingFile: flashFile);
            Clock = new VirtualClock(startUtc);
            Wan = new SerialPipe();
            Hub = new HubFirmware(new HubHardware(Name, Flash, Clock, wanPort ?? Wan.A) { Entropy = new HostEntropy(), Radio = radio });
        }

        public NorFlashEmulator Flash { get; }

        public VirtualClock Clock { get; }

        /// <summary>Unless another WAN port was given, end A is the hub's UART and a head-end talks on end B.</summary>
        public SerialPipe Wan { get; }

        public HubFirmware Hub { get; }

        public string[] Boot() => Hub.Boot();

        /// <summary>Moves virtual time on and gives the firmware one main-loop turn.</summary>
        public void Step(TimeSpan elapsed)
        {
            Clock.Advance(elapsed);
            Hub.Poll();
        }

        public void Dispose() => Flash.Dispose();
    }
}
