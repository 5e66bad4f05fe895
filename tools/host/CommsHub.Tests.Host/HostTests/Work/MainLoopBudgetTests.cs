using System;
using System.Linq;
using CommsHub.Crypto;
using CommsHub.Ota.Server;
using CommsHub.Storage;
using CommsHub.Storage.Metadata;
using CommsHub.Tests.HostTests.Storage;
using CommsHub.Work;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Work
{
    /// <summary>
    /// The hub on the virtual board, driven by a head-end through every long path (key creation, a transfer resumed
    /// after a reboot, alert signing and resending, a slot freed, both held images expired by a Set Time months
    /// ahead): no main-loop turn may cost more than <see cref="WorkBudget.TurnUnits"/> counted operations.
    /// </summary>
    [TestClass]
    public class MainLoopBudgetTests
    {
        private const ulong Ppmid = 0x00DB1234567890A4, Gsme = 0x00DB1234567890B2, Esme = 0x00DB1234567890E1;

        [TestMethod]
        public void EveryLongPathStaysWithinTheTurnBudget()
        {
            var bench = new BudgetBench();
            Assert.IsTrue(bench.Hub.Keys.Busy, "a first boot derives its public key in main-loop steps");

            var identity = bench.HeadEnd.GetIdentity();
            Assert.IsTrue(bench.Hub.Keys.HasKey);
            Assert.IsTrue(identity.PublicKey.AsSpan().SequenceEqual(new P256().PublicKey(bench.Hub.Keys.PrivateKey)));
            Assert.AreEqual("ok", bench.HeadEnd.SetTime(StoreRig.Start));

            // A 300 KB image; the hub reboots once three checkpoints are in flash, and the head-end resumes.
            byte[] image = StoreRig.Image(0x01000007, 300_000);
            bool rebooted = false;
            var reply = bench.HeadEnd.SendImage(image, 2, 0x01000007, new[] { Ppmid }, (at, size) =>
            {
                if (!rebooted && bench.Hub.Store.State.Ingest != null && bench.Hub.Store.State.Ingest.Checkpoint >= 3 * ImageStore.CheckpointInterval)
                {
                    rebooted = true;
                    bench.RebootAtTurn = bench.Turns + 1;
                }
            });
            Assert.AreEqual("stored", reply.StatusName, reply.Reason);
            Assert.AreEqual(1, bench.Reboots, "the transfer was resumed after a reboot");

            // The PPMID finishes: its alert is signed in steps, and resends reuse the signature.
            bench.Hub.Store.OnBlockServed(Ppmid);
            bench.Hub.Store.OnUpgradeEnd(Ppmid, 0, true);
            bench.HeadEnd.TakeAlerts = false;
            bench.HeadEnd.CollectAlerts(TimeSpan.FromSeconds(70));
            bench.HeadEnd.TakeAlerts = true;
            var alerts = bench.HeadEnd.CollectAlerts(TimeSpan.FromSeconds(35));
            Assert.AreEqual(1, alerts.Count);
            Assert.IsTrue(alerts[0].Alert.SignatureValid == true, alerts[0].Alert.Text);
            Assert.IsTrue(bench.Hub.Wan.AlertsSent >= 3, "the unacknowledged alert was resent: " + bench.Hub.Wan.AlertsSent);
            Assert.AreEqual(1, bench.Hub.Wan.AlertsSigned, "an alert is signed once, however often it is sent");

            // The freed GSME slot is erased in steps.
            bench.Settle();
            Assert.IsNull(bench.Hub.Store.State.Blocks[StoreState.GsmeBlock]);

            // Two held images, then a Set Time four months ahead expires both; both slots are erased in steps.
            Assert.AreEqual("stored", bench.HeadEnd.SendImage(StoreRig.Image(0x04000001, 40_000), 0, 0x04000001, new[] { Esme }, null).StatusName);
            Assert.AreEqual("stored", bench.HeadEnd.SendImage(StoreRig.Image(0x02000001, 40_000), 1, 0x02000001, new[] { Gsme }, null).StatusName);
            int esmeSlot = bench.Hub.Store.State.Blocks[StoreState.EsmeBlock].Slot, gsmeSlot = bench.Hub.Store.State.Blocks[StoreState.GsmeBlock].Slot;
            Assert.AreEqual("ok", bench.HeadEnd.SetTime(StoreRig.Start.AddDays(120)));
            int turns = bench.Settle();
            Assert.IsNull(bench.Hub.Store.State.Blocks[StoreState.EsmeBlock]);
            Assert.IsNull(bench.Hub.Store.State.Blocks[StoreState.GsmeBlock]);
            Assert.IsTrue(SlotBlank(bench, esmeSlot) && SlotBlank(bench, gsmeSlot), "both expired images' slots are erased");
            Assert.IsTrue(turns > 20, "the erase took many turns, not one: " + turns);

            OutputHelper.WriteLine($"{bench.Turns} turns; largest {bench.LargestTurnUnits} units of {WorkBudget.TurnUnits}: {bench.Hub.Meter.LargestTurnDescription}");
            Assert.AreEqual(string.Empty, string.Join("\n", bench.OverBudget));
        }

        [TestMethod]
        public void TheMetadataLogWrapsItsRingWithoutWaitingForAnErase()
        {
            var bench = new BudgetBench(headEnd: false);
            bench.Hub.Store.OnClockSet();
            bench.Settle();
            var log = bench.Hub.Store.Log;
            int records = 0;
            int erasesBefore = (int)bench.Chip.SectorErases;
            while (log.RecordsWritten < 3 * (bench.Hub.Layout.MetadataLength / 256))
            {
                // A state change inside a turn, made as the WAN service makes one: not while the flash erases.
                var change = new StateChange(bench);
                bench.Hub.Work.Add(change);
                while (!change.Done)
                {
                    bench.Turn();
                }

                records++;
            }

            bench.Settle();
            Assert.IsTrue(bench.Chip.SectorErases - erasesBefore >= 2 * FlashLayoutSectors(bench), "the ring wrapped: " + (bench.Chip.SectorErases - erasesBefore) + " erases");
            Assert.AreEqual(0, log.Erases, "the log never had to erase inside an append");
            Assert.AreEqual(string.Empty, string.Join("\n", bench.OverBudget));

            long trusted = bench.Hub.Store.State.LastTrustedTicks;
            bench.Reboot();
            Assert.AreEqual(trusted, bench.Hub.Store.State.LastTrustedTicks, "the newest record survived every reclaim");
        }

        private static int FlashLayoutSectors(BudgetBench bench) => bench.Hub.Layout.MetadataLength / bench.Hub.Layout.SectorSize;

        [TestMethod]
        public void TheBudgetCheckCatchesAnUnslicedErase()
        {
            var bench = new BudgetBench(headEnd: false);
            bench.Settle();
            bench.Hub.Work.Add(new UnslicedWork(() =>
            {
                // What freeing a slot did before: blank-check and erase every sector in one go, waiting for each erase.
                var layout = bench.Hub.Layout;
                var page = new byte[256];
                for (int at = layout.SlotStart(0); at < layout.SlotStart(0) + (8 * layout.SectorSize); at += layout.SectorSize)
                {
                    bench.Hub.Flash.ProgramPage(at, new byte[] { 0 }, 0, 1);
                    bench.Hub.Flash.Read(at, page, 0, page.Length);
                    bench.Hub.Flash.EraseSector(at);
                }
            }));

            bench.Turn();

            Assert.AreEqual(1, bench.OverBudget.Count);
            Assert.IsTrue(bench.OverBudget[0].Contains(" 8 erases waited for"), bench.OverBudget[0]);
        }

        [TestMethod]
        public void TheBudgetCheckCatchesAnUnslicedSignature()
        {
            var bench = new BudgetBench(headEnd: false);
            bench.Settle();
            var curve = new P256 { Meter = bench.Hub.Meter };
            bench.Hub.Work.Add(new UnslicedWork(() => curve.SignHash(new byte[32], bench.Hub.Keys.PrivateKey)));

            bench.Turn();

            Assert.AreEqual(1, bench.OverBudget.Count);
            Assert.IsTrue(bench.Hub.Meter.FieldMultiplications > 4000, bench.OverBudget[0]);
        }

        private static bool SlotBlank(BudgetBench bench, int slot)
        {
            int start = bench.Hub.Layout.SlotStart(slot);
            for (int a = start; a < start + bench.Hub.Layout.SlotLength; a++)
            {
                if (bench.Chip.PeekByte(a) != 0xFF)
                {
                    return false;
                }
            }

            return true;
        }

        private sealed class StateChange : IWorkItem
        {
            private readonly BudgetBench _bench;

            public StateChange(BudgetBench bench) => _bench = bench;

            public bool Done { get; private set; }

            public int LargestStepUnits => 12000;

            public bool WaitsForHardware { get; private set; }

            public bool Step()
            {
                WaitsForHardware = !_bench.Hub.Store.FlashIdle;
                if (WaitsForHardware)
                {
                    return false;
                }

                _bench.Hub.Store.OnClockSet();
                Done = true;
                return true;
            }
        }

        /// <summary>Long work done the old way, in one step that claims to be small.</summary>
        private sealed class UnslicedWork : IWorkItem
        {
            private readonly Action _work;
            private readonly int _largest;

            public UnslicedWork(Action work, int largest = 0)
            {
                _work = work;
                _largest = largest;
            }

            public int LargestStepUnits => _largest;

            public bool WaitsForHardware => false;

            public bool Step()
            {
                _work();
                return true;
            }
        }
    }
}
