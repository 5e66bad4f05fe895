using System;
using System.Collections.Generic;
using CommsHub.Cli.Wan;
using CommsHub.Hub;
using CommsHub.Tests.HostTests.Storage;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.Work;

namespace CommsHub.Tests.HostTests.Work
{
    /// <summary>
    /// A hub on the virtual board with a head-end on its WAN, where every main-loop turn is checked against the
    /// budget of counted operations (<see cref="WorkBudget.TurnUnits"/>): each turn over it is kept with its figures.
    /// </summary>
    public sealed class BudgetBench
    {
        private readonly SerialPipe _pipe = new SerialPipe();

        public BudgetBench(NorFlashEmulator chip = null, bool headEnd = true)
        {
            Chip = chip ?? new NorFlashEmulator(0x16);
            Clock = new VirtualClock(StoreRig.Start);
            Boot();
            if (headEnd)
            {
                HeadEnd = new HeadEnd(_pipe.B, Clock, Turn, AlertLedger.InMemory());
            }
        }

        public NorFlashEmulator Chip { get; }

        public VirtualClock Clock { get; }

        public HubFirmware Hub { get; private set; }

        public HeadEnd HeadEnd { get; }

        public string[] BootReport { get; private set; }

        public long Turns { get; private set; }

        /// <summary>Turns that cost more than the budget, described by the meter.</summary>
        public List<string> OverBudget { get; } = new();

        public int LargestTurnUnits { get; private set; }

        /// <summary>Reboot the hub at this turn (as a power cut between turns would).</summary>
        public long RebootAtTurn { get; set; } = -1;

        public int Reboots { get; private set; }

        public void Boot()
        {
            Hub = new HubFirmware(new HubHardware("budget bench", Chip, Clock, _pipe.A) { Entropy = new HostEntropy() });
            BootReport = Hub.Boot();
        }

        public void Reboot()
        {
            Chip.PowerOn();
            Boot();
            Reboots++;
        }

        /// <summary>One main-loop turn, checked, then a millisecond of virtual time.</summary>
        public void Turn()
        {
            Turns++;
            if (Turns == RebootAtTurn)
            {
                Reboot();
            }

            Hub.Poll();
            int units = Hub.Meter.Units;
            LargestTurnUnits = Math.Max(LargestTurnUnits, units);
            if (units > WorkBudget.TurnUnits && OverBudget.Count < 20)
            {
                OverBudget.Add(Hub.Meter.Describe());
            }

            Clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        /// <summary>Turns until the hub has no long work left.</summary>
        public int Settle(int maximumTurns = 2_000_000)
        {
            int turns = 0;
            while ((Hub.Work.Count > 0 || (Hub.Wan != null && Hub.Wan.Held > 0)) && turns < maximumTurns)
            {
                Turn();
                turns++;
            }

            return turns;
        }
    }
}
