using System;
using System.Collections.Generic;
using CommsHub.VirtualBoard.Emulators;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests
{
    [TestClass]
    public class VirtualClockTests
    {
        private static readonly DateTime Start = new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc);

        [TestMethod]
        public void AFourteenDayJumpFiresEveryTimerOnTheWayInOrderEachAtItsOwnTime()
        {
            var clock = new VirtualClock(Start);
            var seen = new List<string>();
            long day = 24L * 60 * 60 * 1000;
            clock.StartTimer(14 * day, _ => seen.Add("14d@" + clock.MonotonicMilliseconds / day), null);
            clock.StartTimer(1 * day, _ => seen.Add("1d@" + clock.MonotonicMilliseconds / day), null);
            clock.StartTimer(15 * day, _ => seen.Add("15d"), null);
            clock.StartTimer(day / 24, _ =>
            {
                seen.Add("1h");

                // A timer started from a callback and due inside the jump fires in the same jump.
                clock.StartTimer(2 * day, __ => seen.Add("chained@" + (clock.UtcNow - Start).TotalHours + "h"), null);
            }, null);

            clock.Advance(TimeSpan.FromDays(14));

            Assert.AreEqual("1h,1d@1,chained@49h,14d@14", string.Join(",", seen));
            Assert.AreEqual(1, clock.PendingTimers);
            Assert.AreEqual(Start.AddDays(14), clock.UtcNow);
        }

        [TestMethod]
        public void SettingTheWallClockMovesUtcButNotTimers()
        {
            var clock = new VirtualClock(Start);
            bool fired = false;
            clock.StartTimer(60000, _ => fired = true, null);

            clock.SetUtcNow(Start.AddDays(-3));
            clock.RunDueTimers();
            Assert.IsFalse(fired);
            Assert.AreEqual(Start.AddDays(-3), clock.UtcNow);

            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.IsTrue(fired);
            Assert.AreEqual(Start.AddDays(-3).AddMinutes(1), clock.UtcNow);
        }

        [TestMethod]
        public void MonotonicTimeCannotGoBackwards()
        {
            var clock = new VirtualClock(Start);

            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => clock.Advance(TimeSpan.FromSeconds(-1)));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => clock.StartTimer(-5, _ => { }, null));
        }

        [TestMethod]
        public void ACancelledTimerStaysSilentThroughAJump()
        {
            var clock = new VirtualClock(Start);
            bool fired = false;
            var timer = clock.StartTimer(1000, _ => fired = true, null);
            timer.Cancel();

            clock.Advance(TimeSpan.FromDays(14));
            Assert.IsFalse(fired);
        }
    }
}
