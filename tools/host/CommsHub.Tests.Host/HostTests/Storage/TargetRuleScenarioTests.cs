using System;
using CommsHub.Ota.Server;
using CommsHub.Storage.Metadata;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Storage
{
    /// <summary>ch-firmware-rules.md section 4 (FIA Table 4), one test per trigger, on the virtual clock.</summary>
    [TestClass]
    public class TargetRuleScenarioTests
    {
        private const ulong Ppmid = 0x00DB1234567890A4, Other = 0x00DB1234567890A5, Esme = 0x00DB1234567890E1;

        [TestMethod]
        public void UpgradeEndRequestWithStatusSuccessGives8F8AAndTheImageLeavesFlash()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x01000001), Ppmid);
            int slot = rig.Block(StoreState.GsmeBlock).Slot;
            rig.Store.OnBlockServed(Ppmid);

            Assert.IsTrue(rig.Store.OnUpgradeEnd(Ppmid, 0x00, downloadSeen: true));

            Assert.AreEqual($"{Ppmid:X} 8F8A/0 v01000001", rig.AlertsText);
            Assert.IsNull(rig.Block(StoreState.GsmeBlock));
            Assert.IsTrue(rig.SlotIsBlank(slot), "the image must leave flash when no target is pending");
            Assert.IsTrue(rig.Store.OnUpgradeEnd(Ppmid, 0x00, true) == false && rig.Alerts.Count == 1, "no second alert");
        }

        [TestMethod]
        public void QueryNextImageWithAHardwareVersionOutsideTheRangeGives8F89Code2()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Esme, StoreRig.Image(0x01000001, hardware: (2, 4)), Esme);

            rig.Store.OnHardwareMismatch(Esme);

            Assert.AreEqual($"{Esme:X} 8F89/2 v01000001", rig.AlertsText);
        }

        [TestMethod]
        public void UpgradeEndRequestWithAnyOtherStatusGives8F89Code3()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x01000001), Ppmid);
            rig.Store.OnBlockServed(Ppmid);

            Assert.IsFalse(rig.Store.OnUpgradeEnd(Ppmid, 0x96, downloadSeen: true));

            Assert.AreEqual($"{Ppmid:X} 8F89/3 v01000001", rig.AlertsText);
        }

        [TestMethod]
        public void StartedThenNoBlockRequestFor24HoursGives8F89Code3()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x01000001), Ppmid);
            rig.Store.OnBlockServed(Ppmid);

            rig.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
            Assert.AreEqual(0, rig.Alerts.Count, "23:59:59 is not yet a stall");
            rig.Clock.Advance(TimeSpan.FromSeconds(1));

            Assert.AreEqual($"{Ppmid:X} 8F89/3 v01000001", rig.AlertsText);
        }

        [TestMethod]
        public void ABlockRequestRestartsThe24HourClock()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x01000001), Ppmid);
            for (int i = 0; i < 10; i++)
            {
                rig.Store.OnBlockServed(Ppmid);
                rig.Clock.Advance(TimeSpan.FromHours(23));
            }

            Assert.AreEqual(0, rig.Alerts.Count);
        }

        [TestMethod]
        public void TransferFailedAfterAllZigbeeRetriesGives8F89Code3()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x01000001), Ppmid, Other);
            rig.Store.OnBlockServed(Ppmid);

            rig.Store.OnTransferFailed(Ppmid);

            Assert.AreEqual($"{Ppmid:X} 8F89/3 v01000001", rig.AlertsText);
            Assert.IsNotNull(rig.Store.OfferFor(Other), "the other target still gets the image");
        }

        [TestMethod]
        public void ATargetThatLeavesMidDownloadGives8F89Code3AndOneThatNeverStartedKeepsItsPlace()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x01000001), Ppmid, Other);
            rig.Store.OnBlockServed(Ppmid);

            rig.Store.OnTargetLeft(Other);
            Assert.AreEqual(0, rig.Alerts.Count, "a target that had not started is not failed by leaving");

            rig.Store.OnTargetLeft(Ppmid);
            rig.Store.OnTargetLeft(Ppmid);
            Assert.AreEqual($"{Ppmid:X} 8F89/3 v01000001", rig.AlertsText);
            Assert.IsNotNull(rig.Store.OfferFor(Other), "the target that left before starting still gets the image");
        }

        [TestMethod]
        public void NeverStartedWithin14DaysGives8F89Code1OnePerTarget()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x01000001), Ppmid, Other);

            rig.Clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1));
            Assert.AreEqual(0, rig.Alerts.Count, "14 days is a minimum");
            rig.Clock.Advance(TimeSpan.FromMinutes(1));

            Assert.AreEqual($"{Ppmid:X} 8F89/1 v01000001; {Other:X} 8F89/1 v01000001", rig.AlertsText);
            Assert.IsNull(rig.Block(StoreState.GsmeBlock));
        }

        [TestMethod]
        public void EveryAlertCarriesTheTargetTheTimeAndTheImagesFileVersion()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x0123ABCD), Ppmid);
            rig.Clock.Advance(TimeSpan.FromHours(5));
            rig.Store.OnBlockServed(Ppmid);
            rig.Store.OnUpgradeEnd(Ppmid, 0, true);

            var alert = rig.Alerts[0];
            Assert.AreEqual(Ppmid, alert.Device);
            Assert.AreEqual(0x0123ABCDu, alert.FileVersion);
            Assert.AreEqual(StoreRig.Start.AddHours(5).Ticks, alert.Ticks);
        }

        [TestMethod]
        public void SuccessWithoutADownloadDoesNotCountButASeenDownloadDoes()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x01000001), Ppmid);

            Assert.IsFalse(rig.Store.OnUpgradeEnd(Ppmid, 0, downloadSeen: false));
            Assert.AreEqual(0, rig.Alerts.Count);
            Assert.IsTrue(rig.Store.OnUpgradeEnd(Ppmid, 0, downloadSeen: true));
            Assert.AreEqual(1, rig.Alerts.Count);
        }
    }
}
