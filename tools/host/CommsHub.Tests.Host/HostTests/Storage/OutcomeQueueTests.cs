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
