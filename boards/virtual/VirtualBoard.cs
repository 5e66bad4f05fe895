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
    public sealed class VirtualBoard : IDisposable, IRestarter
    {
        private readonly CommsHub.Platform.ISerialPort _wanPort;
        private readonly CommsHub.Radio.IRadio _radio;
        private readonly Func<CommsHub.Radio.IRadio> _newRadio;
        private string _restartReason;

        public const string Name = "virtual board (emulated W25Q32 flash)";

        public VirtualBoard(string flashFile, DateTime startUtc, CommsHub.Platform.ISerialPort wanPort = null, CommsHub.Radio.IRadio radio = null, VirtualClock clock = null,
            Func<CommsHub.Radio.IRadio> newRadio = null)
        {
            Flash = new NorFlashEmulator(capacityCode: 0x16, backingFile: flashFile);
            // A radio bench passes its own clock, so the hub's timers and the medium's time are one.
            Clock = clock ?? new VirtualClock(startUtc);
            Wan = new SerialPipe();
            _wanPort = wanPort ?? Wan.A;
            _radio = radio;
            // A radio chip on an emulated air: a fresh driver at every boot, as after a reset of the board.
            _newRadio = newRadio;
            Hub = NewFirmware();
        }

        /// <summary>Clean restarts the firmware asked for (repeated faults), and the reason for the last.</summary>
        public int Restarts { get; private set; }

        public string LastRestartReason { get; private set; }

        /// <summary>Console lines of the latest boot (a restart boots again).</summary>
        public string[] BootReport { get; private set; }

        public NorFlashEmulator Flash { get; }

        public VirtualClock Clock { get; }

        /// <summary>Unless another WAN port was given, end A is the hub's UART and a head-end talks on end B.</summary>
        public SerialPipe Wan { get; }

        public HubFirmware Hub { get; private set; }

        public string[] Boot() => BootReport = Hub.Boot();

        /// <summary>The firmware's restart seam: as on the ESP32, the next turn runs a new firmware object booted from flash.</summary>
        public void Restart(string reason) => _restartReason = reason;

        /// <summary>Moves virtual time on and gives the firmware one main-loop turn.</summary>
        public void Step(TimeSpan elapsed)
        {
            Clock.Advance(elapsed);
            Hub.Poll();
            if (_restartReason != null)
            {
                LastRestartReason = _restartReason;
                _restartReason = null;
                Restarts++;
                Flash.PowerOn();
                Hub = NewFirmware();
                Boot();
            }
        }

        private HubFirmware NewFirmware() =>
            new HubFirmware(new HubHardware(Name, Flash, Clock, _wanPort) { Entropy = new HostEntropy(), Radio = _newRadio != null ? _newRadio() : _radio, Restarter = this });

        public void Dispose() => Flash.Dispose();
    }
}
