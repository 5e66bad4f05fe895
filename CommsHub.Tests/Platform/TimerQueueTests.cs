using System.Collections;
using CommsHub.Platform;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Platform
{
    [TestClass]
    public class TimerQueueTests
    {
        private static ArrayList s_fired;

        [TestMethod]
        public void TimersComeOutInDueOrderWhateverTheOrderTheyWereAdded()
        {
            TimerQueue queue = new TimerQueue();
            s_fired = new ArrayList();
            queue.Add(300, Record, "third");
            queue.Add(100, Record, "first");
            queue.Add(200, Record, "second");

            FireAllDue(queue, 1000);

            Assert.AreEqual(3, s_fired.Count);
            Assert.AreEqual("first", (string)s_fired[0]);
            Assert.AreEqual("second", (string)s_fired[1]);
            Assert.AreEqual("third", (string)s_fired[2]);
        }

        [TestMethod]
        public void TimersDueAtTheSameInstantFireInTheOrderTheyWereStarted()
        {
            TimerQueue queue = new TimerQueue();
            s_fired = new ArrayList();
            queue.Add(50, Record, "a");
            queue.Add(50, Record, "b");
            queue.Add(50, Record, "c");

            FireAllDue(queue, 50);

            Assert.AreEqual("a", (string)s_fired[0]);
            Assert.AreEqual("b", (string)s_fired[1]);
            Assert.AreEqual("c", (string)s_fired[2]);
        }

        [TestMethod]
        public void NothingFiresBeforeItsDueTime()
        {
            TimerQueue queue = new TimerQueue();
            queue.Add(100, Record, "x");

            Assert.IsNull(queue.TakeDue(99));
            Assert.IsNotNull(queue.TakeDue(100));
        }

        [TestMethod]
        public void CancelledTimersNeverFireAndLeaveTheQueue()
        {
            TimerQueue queue = new TimerQueue();
            s_fired = new ArrayList();
            ClockTimer cancelled = queue.Add(10, Record, "cancelled");
            queue.Add(20, Record, "kept");
            cancelled.Cancel();

            Assert.AreEqual(20L, queue.NextDueAt());
            FireAllDue(queue, 100);

            Assert.AreEqual(1, s_fired.Count);
            Assert.AreEqual("kept", (string)s_fired[0]);
            Assert.AreEqual(-1L, queue.NextDueAt());
        }

        [TestMethod]
        public void ATimerFiresAtMostOnce()
        {
            TimerQueue queue = new TimerQueue();
            s_fired = new ArrayList();
            ClockTimer timer = queue.Add(1, Record, "once");
            ClockTimer taken = queue.TakeDue(5);

            TimerQueue.Fire(taken);
            TimerQueue.Fire(taken);

            Assert.AreEqual(1, s_fired.Count);
            Assert.IsTrue(timer.HasFired);
        }

        private static void Record(object state)
        {
            s_fired.Add(state);
        }

        private static void FireAllDue(TimerQueue queue, long now)
        {
            ClockTimer due;
            while ((due = queue.TakeDue(now)) != null)
            {
                TimerQueue.Fire(due);
            }
        }
    }
}
