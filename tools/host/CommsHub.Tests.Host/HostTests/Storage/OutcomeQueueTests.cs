using CommsHub.Alerts;
using CommsHub.Storage;
using CommsHub.Storage.W25q;
using CommsHub.VirtualBoard.Emulators;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Storage
{
    [TestClass]
    public class OutcomeQueueTests
    {
        [TestMethod]
        public void AcceptedOutcomesAreInFlashAfterARemount()
        {
            var (flash, layout) = Flash();
            var queue = new OutcomeQueue(flash, layout.AlertQueueStart, layout.AlertQueueLength);
            queue.Mount();
            for (uint n = 1; n <= 5; n++)
            {
                queue.Accept(new TargetOutcome { Number = n, Device = 0x00DB1234567890A0UL + n, AlertCode = 0x8F89, ResponseCode = 1, FileVersion = 0x01020304, Ticks = 42 });
            }

            var again = new OutcomeQueue(flash, layout.AlertQueueStart, layout.AlertQueueLength);
            again.Mount();

            Assert.AreEqual(5, again.Count);
            Assert.AreEqual(5u, again.AcceptedThrough);
            Assert.AreEqual(0x00DB1234567890A3UL, again.Outcome(2).Device);
            Assert.AreEqual(0x01020304u, again.Outcome(4).FileVersion);
        }

        [TestMethod]
        public void AnOutcomeAlreadyAcceptedIsNotWrittenAgain()
        {
            var (flash, layout) = Flash();
            var queue = new OutcomeQueue(flash, layout.AlertQueueStart, layout.AlertQueueLength);
            queue.Mount();
            var outcome = new TargetOutcome { Number = 1, Device = 7 };
            queue.Accept(outcome);
            queue.Accept(outcome);

            var again = new OutcomeQueue(flash, layout.AlertQueueStart, layout.AlertQueueLength);
            again.Mount();
            Assert.AreEqual(1, again.Count);
        }

        private static (W25qFlash, FlashLayout) Flash()
        {
            var flash = new W25qFlash(new NorFlashEmulator(0x14));
            flash.Identify();
            return (flash, FlashLayout.For(flash, 12 * 1024));
        }
    }
}

namespace CommsHub.Tests.HostTests.Storage
{
    using CommsHub.Alerts;
    using nanoFramework.TestFramework;

    [TestClass]
    public class OutcomeQueueAcknowledgementTests
    {
        [TestMethod]
        public void AcknowledgementsSurviveARemountAndLeaveOnlyTheRestToSend()
        {
            var rig = PowerLossHarness.NewRig();
            for (uint n = 1; n <= 4; n++)
            {
                rig.Queue.Accept(new TargetOutcome { Number = n, Device = 10 + n });
            }

            rig.Queue.Acknowledge(1);
            rig.Queue.Acknowledge(3);
            rig.Reboot();

            Assert.AreEqual(2, rig.Queue.UnacknowledgedCount);
            Assert.AreEqual(2u, rig.Queue.NextUnacknowledged(0).Number);
            Assert.AreEqual(4u, rig.Queue.NextUnacknowledged(2).Number);
            Assert.IsNull(rig.Queue.NextUnacknowledged(4));
        }

        [TestMethod]
        public void TheRingNeverErasesAnUnacknowledgedAlertAndSaysWhenFull()
        {
            var rig = PowerLossHarness.NewRig();
            int capacity = rig.Hub.Layout.AlertQueueLength / OutcomeQueue.RecordLength;
            uint n = 1;
            for (; n <= capacity; n++)
            {
                rig.Queue.Accept(new TargetOutcome { Number = n, Device = n });
            }

            try
            {
                rig.Queue.Accept(new TargetOutcome { Number = n, Device = n });
                Assert.IsTrue(false, "a full queue accepted another alert");
            }
            catch (System.InvalidOperationException full)
            {
                Assert.IsTrue(full.Message.Contains("not acknowledged"), full.Message);
            }

            for (uint a = 1; a <= 64; a++)
            {
                rig.Queue.Acknowledge(a);
            }

            rig.Queue.Accept(new TargetOutcome { Number = n, Device = n });
            rig.Reboot();
            Assert.AreEqual(capacity - 64 + 1, rig.Queue.UnacknowledgedCount);
            Assert.AreEqual(n, rig.Queue.AcceptedThrough);

            // After the reboot writing continues in the reclaimed sector, right after the newest record.
            rig.Queue.Accept(new TargetOutcome { Number = n + 1, Device = n + 1 });
            rig.Reboot();
            Assert.AreEqual(capacity - 64 + 2, rig.Queue.UnacknowledgedCount);
        }
    }
}
