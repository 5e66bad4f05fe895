using System;
using System.Collections.Generic;
using System.Diagnostics;
using CommsHub.Ota.Server;
using CommsHub.Storage;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Storage
{
    /// <summary>
    /// Power cut at every flash operation of each scenario (with interrupted programs and erases half done):
    /// after every cut the store mounts, held images are whole and hash-valid, every recorded outcome is in the
    /// alert queue exactly once, and once the scenario completes the user sees the same alerts as without a cut.
    /// </summary>
    [TestClass]
    public class PowerLossHarnessTests
    {
        private const ulong P1 = 0x00DB1234567890A4, P2 = 0x00DB1234567890A5, G = 0x00DB1234567890B2, E1 = 0x00DB1234567890E1, E2 = 0x00DB1234567890E2;

        public static readonly Dictionary<string, ScenarioStep[]> Scenarios = new()
        {
            ["ppmid-success-and-never-started"] = new[]
            {
                SetClock(),
                Deliver(OtaDeviceKind.Ppmid, 0x01000001, P1, P2),
                new ScenarioStep("P1 downloads", r => r.Store.OnBlockServed(P1)),
                new ScenarioStep("P1 Upgrade End SUCCESS", r => r.Store.OnUpgradeEnd(P1, 0, true)),
                AdvanceTo(TimeSpan.FromDays(15)),
            },
            ["displacement-refusal-and-stall"] = new[]
            {
                SetClock(),
                Deliver(OtaDeviceKind.Esme, 0x04000001, E1),
                Deliver(OtaDeviceKind.Ppmid, 0x01000002, P1),
                new ScenarioStep("P1 downloads", r => r.Store.OnBlockServed(P1)),
                Deliver(OtaDeviceKind.Gsme, 0x02000003, G),
                new ScenarioStep("GSME downloads", r => r.Store.OnBlockServed(G)),
                Deliver(OtaDeviceKind.Gsme, 0x02000004, G),
                AdvanceTo(TimeSpan.FromDays(2)),
            },
            ["set-time-months-ahead-expires-both-held-images"] = new[]
            {
                SetClock(),
                Deliver(OtaDeviceKind.Esme, 0x04000006, E1),
                Deliver(OtaDeviceKind.Gsme, 0x02000007, G),
                new ScenarioStep("WAN sets the clock four months ahead", r =>
                {
                    r.Clock.SetUtcNow(StoreRig.Start.AddDays(120));
                    r.Store.OnClockSet();
                }),
                new ScenarioStep("main loop erases both freed slots in steps", r =>
                {
                    r.Settle();
                    if (r.Store.State.Blocks[0] != null || r.Store.State.Blocks[1] != null)
                    {
                        throw new InvalidOperationException("an expired image is still held");
                    }
                }),
            },
            ["hardware-mismatch-and-failure-status"] = new[]
            {
                SetClock(),
                Deliver(OtaDeviceKind.Esme, 0x04000005, E1, E2),
                new ScenarioStep("E1 hardware mismatch", r => r.Store.OnHardwareMismatch(E1)),
                new ScenarioStep("E2 downloads", r => r.Store.OnBlockServed(E2)),
                new ScenarioStep("E2 Upgrade End INVALID_IMAGE", r => r.Store.OnUpgradeEnd(E2, 0x96, true)),
            },
        };

        public static int TotalCutPoints;

        [TestMethod]
        [DataRow("ppmid-success-and-never-started")]
        [DataRow("displacement-refusal-and-stall")]
        [DataRow("hardware-mismatch-and-failure-status")]
        [DataRow("set-time-months-ahead-expires-both-held-images")]
        public void EveryCutPointLeavesAConsistentStoreAndTheSameAlerts(string scenario)
        {
            var watch = Stopwatch.StartNew();
            var (cutPoints, failures) = PowerLossHarness.Run(Scenarios[scenario], new[] { 0.5 });
            TotalCutPoints += cutPoints;
            OutputHelper.WriteLine($"{scenario}: {cutPoints} cut points in {watch.Elapsed.TotalSeconds:F1} s");

            Assert.AreEqual(string.Empty, string.Join("\n", failures));
            Assert.IsTrue(cutPoints > 300, "too few cut points: " + cutPoints);
        }

        [TestMethod]
        public void CutsBeforeAnyEffectAndJustBeforeCompletionAreSurvivedToo()
        {
            var (cutPoints, failures) = PowerLossHarness.Run(Scenarios["hardware-mismatch-and-failure-status"], new[] { 0.0, 0.97 });
            TotalCutPoints += cutPoints;
            OutputHelper.WriteLine($"hardware-mismatch-and-failure-status at 0% and 97% done: {cutPoints} cut points");

            Assert.AreEqual(string.Empty, string.Join("\n", failures));
        }

        [TestMethod]
        public void TheHarnessCatchesAStoreThatQueuesAnOutcomeTwice()
        {
            var rig = PowerLossHarness.NewRig();
            rig.Store.OnClockSet();
            Deliver(OtaDeviceKind.Ppmid, 0x01000001, P1).Run(rig);
            rig.Store.OnBlockServed(P1);
            rig.Store.OnUpgradeEnd(P1, 0, true);
            var duplicate = rig.Alerts[0];
            rig.Queue.Accept(new CommsHub.Alerts.TargetOutcome { Number = duplicate.Number + 1, Device = duplicate.Device });

            Assert.IsNotNull(PowerLossHarness.CheckInvariants(rig) ?? (PowerLossHarness.Keys(rig.Alerts).Contains("|") ? "two keys" : null));
        }

        private static ScenarioStep SetClock() => new("WAN sets the clock", r => r.Store.OnClockSet());

        private static ScenarioStep Deliver(OtaDeviceKind kind, uint version, params ulong[] targets) =>
            new($"WAN delivers {kind} image {version:X8}", r =>
            {
                var result = r.Deliver(kind, StoreRig.Image(version, 8000), targets);
                if (result.Status != IngestStatus.Stored && result.Status != IngestStatus.Refused)
                {
                    throw new InvalidOperationException("delivery ended " + result);
                }
            });

        private static ScenarioStep AdvanceTo(TimeSpan sinceStart) =>
            new($"time reaches +{sinceStart.TotalDays} days", r =>
            {
                var left = sinceStart - TimeSpan.FromMilliseconds(r.Clock.MonotonicMilliseconds);
                if (left > TimeSpan.Zero)
                {
                    r.Clock.Advance(left);
                }
            });
    }
}
