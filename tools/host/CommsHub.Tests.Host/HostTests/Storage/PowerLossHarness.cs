using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.Alerts;
using CommsHub.Storage.Metadata;
using CommsHub.VirtualBoard.Emulators;

namespace CommsHub.Tests.HostTests.Storage
{
    /// <summary>One step of a scenario: something the WAN, a HAN device or time does to the hub. Steps must be safe to repeat,
    /// as their originators repeat them when the hub went quiet (a head-end re-sends, a device retries).</summary>
    public sealed record ScenarioStep(string Name, Action<StoreRig> Run);

    /// <summary>
    /// Cuts power at every SPI transaction of a scenario in turn, reboots, checks the store, lets the scenario finish,
    /// and compares what reached the alert queue with an uninterrupted run.
    /// </summary>
    public static class PowerLossHarness
    {
        public const int ChipCapacityCode = 0x14;
        public const int ImageCapacity = 12 * 1024;

        public static StoreRig NewRig() => new StoreRig(ChipCapacityCode, ImageCapacity);

        public static (int CutPoints, List<string> Failures) Run(IReadOnlyList<ScenarioStep> steps, double[] fractions)
        {
            var reference = NewRig();
            foreach (var step in steps)
            {
                step.Run(reference);
            }

            long transactions = reference.Chip.TransactionsSincePowerOn;
            var expected = Keys(reference.Alerts);
            var failures = new List<string>();
            int cutPoints = 0;
            for (long cut = 0; cut < transactions; cut++)
            {
                foreach (double fraction in fractions)
                {
                    cutPoints++;
                    string failure = RunWithCut(steps, cut, fraction, expected);
                    if (failure != null && failures.Count < 10)
                    {
                        failures.Add($"cut at transaction {cut} ({fraction:P0} done): {failure}");
                    }
                }
            }

            return (cutPoints, failures);
        }

        private static string RunWithCut(IReadOnlyList<ScenarioStep> steps, long cut, double fraction, string expected)
        {
            StoreRig rig;
            var chip = new NorFlashEmulator(ChipCapacityCode);
            chip.CutPowerAt(new PowerCut(cut, fraction));
            int resumeAt = 0;
            try
            {
                rig = StoreRigOn(chip);
                for (int i = 0; i < steps.Count; i++)
                {
                    resumeAt = i;
                    steps[i].Run(rig);
                }

                return null;
            }
            catch (PowerLossException)
            {
            }

            try
            {
                rig = RebootOn(chip);
                string broken = CheckInvariants(rig);
                if (broken != null)
                {
                    return "after reboot in step '" + steps[resumeAt].Name + "': " + broken;
                }

                for (int i = resumeAt; i < steps.Count; i++)
                {
                    steps[i].Run(rig);
                }

                broken = CheckInvariants(rig);
                if (broken != null)
                {
                    return "at the end: " + broken;
                }

                string got = Keys(rig.Alerts);
                return got == expected ? null : "alerts differ from the uninterrupted run:\n  expected " + expected + "\n  got      " + got;
            }
            catch (Exception e)
            {
                return "after reboot in step '" + steps[resumeAt].Name + "': " + e.GetType().Name + ": " + e.Message;
            }
        }

        /// <summary>What must hold after any power cut: the store mounts, held images are whole, outcomes are each queued once.</summary>
        public static string CheckInvariants(StoreRig rig)
        {
            var state = rig.Store.State;
            for (int b = 0; b < 2; b++)
            {
                if (state.Blocks[b] != null && !rig.HeldImageIsIntact(b))
                {
                    return (b == 0 ? "ESME" : "GSME") + " block image fails its SHA-256";
                }
            }

            if (state.Blocks[0] != null && state.Blocks[1] != null && state.Blocks[0].Slot == state.Blocks[1].Slot)
            {
                return "both blocks claim slot " + state.Blocks[0].Slot;
            }

            var numbers = rig.Alerts.Select(a => a.Number).ToList();
            if (numbers.Distinct().Count() != numbers.Count)
            {
                return "an outcome was queued twice: " + string.Join(",", numbers);
            }

            for (uint n = 1; n < state.NextOutcomeNumber; n++)
            {
                if (!numbers.Contains(n))
                {
                    return "outcome #" + n + " was recorded but never reached the alert queue";
                }
            }

            return null;
        }

        /// <summary>The alerts as the user sees them: distinct target, alert code, response code and version.</summary>
        public static string Keys(IEnumerable<TargetOutcome> alerts) =>
            string.Join(" | ", alerts.Select(a => $"{a.Device:X}/{a.AlertCode:X4}/{a.ResponseCode}/{a.FileVersion:X8}").Distinct().OrderBy(k => k, StringComparer.Ordinal));

        private static StoreRig StoreRigOn(NorFlashEmulator chip) => StoreRig.On(chip, ImageCapacity, setClock: true);

        private static StoreRig RebootOn(NorFlashEmulator chip)
        {
            chip.PowerOn();
            return StoreRig.On(chip, ImageCapacity, setClock: false);
        }
    }
}
