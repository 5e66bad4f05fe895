using System;
using CommsHub.Ota.Server;
using CommsHub.Storage.Metadata;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Storage
{
    /// <summary>The 14-day and 24-hour timers across reboots and a wall clock the WAN moves either way.</summary>
    [TestClass]
    public class StoreClockTests
    {
        private const ulong Ppmid = 0x00DB1234567890A4;

        [TestMethod]
        public void The14DayTimerSurvivesAReboot()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x01000001), Ppmid);
            rig.Clock.Advance(TimeSpan.FromDays(10));

            rig.Reboot();
            Assert.IsTrue(rig.Store.ClockTrusted, "the clock kept running through the reboot");
            rig.Clock.Advance(TimeSpan.FromDays(4) - TimeSpan.FromMinutes(1));
            Assert.AreEqual(0, rig.Alerts.Count);
            rig.Clock.Advance(TimeSpan.FromMinutes(1));

            Assert.AreEqual($"{Ppmid:X} 8F89/1 v01000001", rig.AlertsText);
        }

        [TestMethod]
        public void AfterARebootTheStallClockRestartsSoItIsNeverEarly()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x01000001), Ppmid);
            rig.Store.OnBlockServed(Ppmid);
            rig.Clock.Advance(TimeSpan.FromHours(20));
            rig.Store.OnBlockServed(Ppmid);
            rig.Clock.Advance(TimeSpan.FromMinutes(30));

            rig.Reboot();
            rig.Clock.Advance(TimeSpan.FromHours(23));
            Assert.AreEqual(0, rig.Alerts.Count);
            rig.Clock.Advance(TimeSpan.FromHours(1));
            Assert.AreEqual($"{Ppmid:X} 8F89/3 v01000001", rig.AlertsText);
        }

        [TestMethod]
        public void AWallClockSetBackwardsNeverDiscardsEarly()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x01000001), Ppmid);
            rig.Clock.Advance(TimeSpan.FromDays(1));

            rig.Clock.SetUtcNow(rig.Clock.UtcNow.AddDays(-3));
            rig.Store.OnClockSet();
            rig.Clock.Advance(TimeSpan.FromDays(14));
            Assert.AreEqual(0, rig.Alerts.Count, "by the new clock the image is only 12 days old");
            rig.Clock.Advance(TimeSpan.FromDays(2));

            Assert.AreEqual(1, rig.Alerts.Count);
        }

        [TestMethod]
        public void AWallClockSetForwardsAppliesTheRulesAtTheNewTime()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x01000001), Ppmid);

            rig.Clock.SetUtcNow(rig.Clock.UtcNow.AddDays(15));
            rig.Store.OnClockSet();

            Assert.AreEqual($"{Ppmid:X} 8F89/1 v01000001", rig.AlertsText);
        }

        [TestMethod]
        public void WithoutATrustedClockNoTimeRuleRunsAndTheAgeStartsWhenTheWanSetsIt()
        {
            var rig = new StoreRig(setClock: false);
            rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x01000001), Ppmid);
            Assert.AreEqual(0L, rig.Block(StoreState.GsmeBlock).ArrivalTicks);

            rig.Clock.Advance(TimeSpan.FromDays(30));
            Assert.AreEqual(0, rig.Alerts.Count, "an untrusted clock must not age images");
            rig.Store.OnClockSet();
            rig.Clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1));
            Assert.AreEqual(0, rig.Alerts.Count);
            rig.Clock.Advance(TimeSpan.FromMinutes(1));

            Assert.AreEqual(1, rig.Alerts.Count);
        }

        [TestMethod]
        public void AClockThatWentBackAcrossAPowerLossIsNotTrustedUntilTheWanSetsIt()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x01000001), Ppmid);
            rig.Clock.SetUtcNow(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));

            rig.Reboot();

            Assert.IsFalse(rig.Store.ClockTrusted);
            rig.Clock.Advance(TimeSpan.FromDays(20));
            Assert.AreEqual(0, rig.Alerts.Count);
        }
    }
}
