using CommsHub.Ota.Server;
using CommsHub.Policy;
using CommsHub.Storage.Metadata;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Policy
{
    /// <summary>Section 3 as a pure decision, row by row; runs on the board as well as the PC.</summary>
    [TestClass]
    public class ArrivalRulesTests
    {
        private const long Day = 864000000000L;
        private const long Now = 100 * Day;

        [TestMethod]
        public void AFreeBlockStoresAnyImage()
        {
            Assert.AreEqual((int)ArrivalVerdict.Store, (int)ArrivalRules.Decide(null, OtaDeviceKind.Ppmid, Now, true).Verdict);
        }

        [TestMethod]
        [DataRow(2, 1, 0, false, 1)]
        [DataRow(3, 1, 0, true, 1)]
        [DataRow(2, 2, 0, true, 1)]
        [DataRow(3, 2, 0, false, 1)]
        [DataRow(1, 2, 13, false, 2)]
        [DataRow(1, 2, 14, false, 1)]
        [DataRow(1, 3, 14, true, 2)]
        [DataRow(1, 1, 0, false, 1)]
        [DataRow(1, 1, 0, true, 2)]
        [DataRow(0, 0, 0, false, 1)]
        [DataRow(0, 0, 0, true, 2)]
        public void EachRowOfSection3(int heldKind, int arrivingKind, int heldAgeDays, bool heldMidTransfer, int expectedVerdict)
        {
            StoredImage held = Held((OtaDeviceKind)heldKind, Now - (heldAgeDays * Day), heldMidTransfer);

            ArrivalDecision decision = ArrivalRules.Decide(held, (OtaDeviceKind)arrivingKind, Now, true);

            Assert.AreEqual(expectedVerdict, (int)decision.Verdict, decision.Rule);
        }

        [TestMethod]
        public void AGsmeImageOfUnknownAgeCountsAsYoung()
        {
            StoredImage held = Held(OtaDeviceKind.Gsme, 0, false);

            Assert.AreEqual((int)ArrivalVerdict.Refuse, (int)ArrivalRules.Decide(held, OtaDeviceKind.Ppmid, Now, true).Verdict);
            Assert.AreEqual((int)ArrivalVerdict.Refuse, (int)ArrivalRules.Decide(Held(OtaDeviceKind.Gsme, Now - (20 * Day), false), OtaDeviceKind.Hcalcs, Now, false).Verdict);
        }

        [TestMethod]
        public void EsmeImagesGoToTheEsmeBlockAndAllOthersToTheGsmeBlock()
        {
            Assert.AreEqual(StoreState.EsmeBlock, ArrivalRules.BlockFor(OtaDeviceKind.Esme));
            Assert.AreEqual(StoreState.GsmeBlock, ArrivalRules.BlockFor(OtaDeviceKind.Gsme));
            Assert.AreEqual(StoreState.GsmeBlock, ArrivalRules.BlockFor(OtaDeviceKind.Ppmid));
            Assert.AreEqual(StoreState.GsmeBlock, ArrivalRules.BlockFor(OtaDeviceKind.Hcalcs));
        }

        private static StoredImage Held(OtaDeviceKind kind, long arrival, bool midTransfer)
        {
            StoredImage image = new StoredImage();
            image.Kind = kind;
            image.ArrivalTicks = arrival;
            image.Targets = new StoredTarget[] { new StoredTarget() };
            image.Targets[0].Device = 1;
            image.Targets[0].State = midTransfer ? TargetState.Downloading : TargetState.Pending;
            return image;
        }
    }
}
