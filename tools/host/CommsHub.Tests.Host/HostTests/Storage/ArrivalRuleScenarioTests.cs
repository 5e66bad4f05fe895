using System;
using CommsHub.Alerts;
using CommsHub.Ota.Server;
using CommsHub.Storage;
using CommsHub.Storage.Metadata;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Storage
{
    /// <summary>ch-firmware-rules.md section 3, one test per row, through the image store as the WAN and HAN drive it.</summary>
    [TestClass]
    public class ArrivalRuleScenarioTests
    {
        private const ulong Ppmid1 = 0x00DB1234567890A4, Ppmid2 = 0x00DB1234567890A5, Hcalcs = 0x00DB1234567890C1;
        private const ulong Gsme = 0x00DB1234567890B2, Esme1 = 0x00DB1234567890E1, Esme2 = 0x00DB1234567890E2;
        private const int G = StoreState.GsmeBlock, E = StoreState.EsmeBlock;

        [TestMethod]
        [DataRow(2)]
        [DataRow(3)]
        public void GsmeImageArrivesWhileAPpmidOrHcalcsImageHoldsTheBlock(int heldKind)
        {
            var rig = new StoreRig();
            ulong held = heldKind == 2 ? Ppmid1 : Hcalcs;
            Assert.AreEqual(IngestStatus.Stored, rig.Deliver((OtaDeviceKind)heldKind, StoreRig.Image(0x01000001), held).Status);
            rig.Store.OnBlockServed(held);

            var result = rig.Deliver(OtaDeviceKind.Gsme, StoreRig.Image(0x02000001), Gsme);

            Assert.AreEqual(IngestStatus.Stored, result.Status, result.Reason);
            Assert.AreEqual(OtaDeviceKind.Gsme, rig.Block(G).Kind);
            Assert.AreEqual($"{held:X} 8F89/1 v01000001", rig.AlertsText, "the active download is aborted with imageDiscarded");
            Assert.IsNull(rig.Store.OfferFor(held));
        }

        [TestMethod]
        [DataRow(2, 3)]
        [DataRow(3, 2)]
        [DataRow(2, 2)]
        public void PpmidOrHcalcsImageArrivesWhileAnotherPpmidOrHcalcsImageHoldsTheBlock(int heldKind, int newKind)
        {
            var rig = new StoreRig();
            rig.Deliver((OtaDeviceKind)heldKind, StoreRig.Image(0x01000001), Ppmid1, Ppmid2);
            rig.Store.OnBlockServed(Ppmid1);

            var result = rig.Deliver((OtaDeviceKind)newKind, StoreRig.Image(0x01000002), Hcalcs);

            Assert.AreEqual(IngestStatus.Stored, result.Status, result.Reason);
            Assert.AreEqual(0x01000002u, rig.Block(G).FileVersion);
            Assert.AreEqual($"{Ppmid1:X} 8F89/1 v01000001; {Ppmid2:X} 8F89/1 v01000001", rig.AlertsText);
        }

        [TestMethod]
        public void PpmidImageArrivesWhileAGsmeImageLessThan14DaysOldHoldsTheBlock()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Gsme, StoreRig.Image(0x02000001), Gsme);
            rig.Clock.Advance(TimeSpan.FromDays(13));

            var result = rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x01000002), Ppmid1, Ppmid2);

            Assert.AreEqual(IngestStatus.Refused, result.Status);
            Assert.IsTrue(result.Reason.Contains("less than 14 days"), result.Reason);
            Assert.AreEqual(0x02000001u, rig.Block(G).FileVersion);
            Assert.AreEqual($"{Ppmid1:X} 8F89/1 v01000002; {Ppmid2:X} 8F89/1 v01000002", rig.AlertsText, "imageDiscarded for each of the new image's targets");
            Assert.IsTrue(rig.HeldImageIsIntact(G));
        }

        [TestMethod]
        public void PpmidImageArrivesWhileAGsmeImageAtLeast14DaysOldHoldsTheBlock()
        {
            // In practice a GSME image whose target never started is discarded by the 14-day rule at 14 days,
            // so the PPMID image finds the block free; the GSME target is told imageDiscarded either way.
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Gsme, StoreRig.Image(0x02000001), Gsme);
            rig.Clock.Advance(TimeSpan.FromDays(14));

            var result = rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x01000002), Ppmid1);

            Assert.AreEqual(IngestStatus.Stored, result.Status, result.Reason);
            Assert.AreEqual(OtaDeviceKind.Ppmid, rig.Block(G).Kind);
            Assert.AreEqual($"{Gsme:X} 8F89/1 v02000001", rig.AlertsText);
        }

        [TestMethod]
        public void PpmidImageArrivesWhileAGsmeImageAtLeast14DaysOldIsMidTransfer()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Gsme, StoreRig.Image(0x02000001), Gsme);
            for (int halfDay = 0; halfDay < 30; halfDay++)
            {
                rig.Store.OnBlockServed(Gsme);
                rig.Clock.Advance(TimeSpan.FromHours(12));
            }

            var result = rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x01000002), Ppmid1);

            Assert.AreEqual(IngestStatus.Refused, result.Status);
            Assert.IsTrue(result.Reason.Contains("mid-transfer"), result.Reason);
            Assert.AreEqual($"{Ppmid1:X} 8F89/1 v01000002", rig.AlertsText);
            Assert.AreEqual(TargetState.Downloading, rig.Block(G).Target(Gsme).State);
        }

        [TestMethod]
        [DataRow(1)]
        [DataRow(0)]
        public void ANewerImageReplacesTheHeldImageOfItsKindUnlessATransferIsInProgress(int kind)
        {
            var rig = new StoreRig();
            ulong target = kind == 1 ? Gsme : Esme1;
            int block = kind == 1 ? G : E;
            rig.Deliver((OtaDeviceKind)kind, StoreRig.Image(0x03000001), target);

            var replaced = rig.Deliver((OtaDeviceKind)kind, StoreRig.Image(0x03000002), target);
            Assert.AreEqual(IngestStatus.Stored, replaced.Status, replaced.Reason);
            Assert.AreEqual(0x03000002u, rig.Block(block).FileVersion);
            Assert.AreEqual($"{target:X} 8F89/1 v03000001", rig.AlertsText);

            rig.Store.OnBlockServed(target);
            var refused = rig.Deliver((OtaDeviceKind)kind, StoreRig.Image(0x03000003), target);
            Assert.AreEqual(IngestStatus.Refused, refused.Status);
            Assert.IsTrue(refused.Reason.Contains("mid-transfer"), refused.Reason);
            Assert.AreEqual(0x03000002u, rig.Block(block).FileVersion);
            Assert.AreEqual($"{target:X} 8F89/1 v03000001; {target:X} 8F89/1 v03000003", rig.AlertsText);
        }

        [TestMethod]
        public void TheTwoBlocksAreIndependent()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Esme, StoreRig.Image(0x04000001), Esme1, Esme2);
            rig.Deliver(OtaDeviceKind.Gsme, StoreRig.Image(0x05000001), Gsme);
            rig.Deliver(OtaDeviceKind.Gsme, StoreRig.Image(0x05000002), Gsme);

            Assert.AreEqual(0x04000001u, rig.Block(E).FileVersion);
            Assert.IsTrue(rig.HeldImageIsIntact(E));
            Assert.IsTrue(rig.HeldImageIsIntact(G));
        }
    }
}
