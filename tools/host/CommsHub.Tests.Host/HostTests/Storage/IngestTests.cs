using System;
using System.Security.Cryptography;
using CommsHub.Ota.Server;
using CommsHub.Storage;
using CommsHub.Storage.Metadata;
using CommsHub.Tests.HostTests.Ota;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Storage
{
    /// <summary>Images in from the WAN: refused with a specific reason when wrong, never disturbing what is held.</summary>
    [TestClass]
    public class IngestTests
    {
        private const ulong Ppmid = 0x00DB1234567890A4;

        [TestMethod]
        public void AFull768000ByteImageIsStoredAndReadsBackByteExact()
        {
            var rig = new StoreRig();
            byte[] image = StoreRig.Image(0x01000001, 768000);

            var result = rig.Deliver(OtaDeviceKind.Ppmid, image, Ppmid);

            Assert.AreEqual(IngestStatus.Stored, result.Status, result.Reason);
            Assert.IsTrue(rig.HeldImageIsIntact(StoreState.GsmeBlock));
            Assert.AreEqual(768000u, rig.Store.OfferFor(Ppmid).ImageSize);
        }

        [TestMethod]
        [DataRow(768001, "at most 768000 bytes")]
        [DataRow(20, "too small for an OTA header")]
        public void ImagesOfTheWrongSizeAreRefused(int size, string reason)
        {
            var result = new StoreRig().Store.BeginIngest(OtaDeviceKind.Ppmid, 1, new ulong[] { Ppmid }, size, new byte[32]);

            Assert.AreEqual(IngestStatus.Invalid, result.Status);
            Assert.IsTrue(result.Reason.Contains(reason), result.Reason);
        }

        [TestMethod]
        public void BadDeclarationsAreRefusedWithTheirReason()
        {
            var store = new StoreRig().Store;
            (Func<IngestResult> Begin, string Reason)[] cases =
            {
                (() => store.BeginIngest((OtaDeviceKind)7, 1, new ulong[] { Ppmid }, 5000, new byte[32]), "unknown device type 7"),
                (() => store.BeginIngest(OtaDeviceKind.Ppmid, 1, new ulong[0], 5000, new byte[32]), "names no target"),
                (() => store.BeginIngest(OtaDeviceKind.Ppmid, 1, new ulong[] { Ppmid, 2, Ppmid }, 5000, new byte[32]), "00-DB-12-34-56-78-90-A4 is listed twice"),
                (() => store.BeginIngest(OtaDeviceKind.Ppmid, 1, new ulong[] { 0 }, 5000, new byte[32]), "is not a device EUI-64"),
                (() => store.BeginIngest(OtaDeviceKind.Ppmid, 1, new ulong[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, 5000, new byte[32]), "at most 8"),
                (() => store.BeginIngest(OtaDeviceKind.Ppmid, 1, new ulong[] { Ppmid }, 5000, new byte[31]), "SHA-256 must be 32 bytes"),
            };

            foreach (var (begin, reason) in cases)
            {
                var result = begin();
                Assert.AreEqual(IngestStatus.Invalid, result.Status, reason);
                Assert.IsTrue(result.Reason.Contains(reason), result.Reason);
            }

            Assert.IsNull(store.State.Ingest);
        }

        [TestMethod]
        public void AHashMismatchDropsTheNewImageAndLeavesTheHeldOneServable()
        {
            var rig = new StoreRig();
            rig.Deliver(OtaDeviceKind.Ppmid, StoreRig.Image(0x01000001), Ppmid);
            byte[] next = StoreRig.Image(0x01000002);

            rig.Store.BeginIngest(OtaDeviceKind.Ppmid, 0x01000002, new ulong[] { Ppmid }, next.Length, new byte[32]);
            rig.Store.WriteChunk(0, next, 0, next.Length);
            var result = rig.Store.EndIngest();

            Assert.AreEqual(IngestStatus.HashMismatch, result.Status);
            Assert.AreEqual(0x01000001u, rig.Block(StoreState.GsmeBlock).FileVersion);
            Assert.IsTrue(rig.HeldImageIsIntact(StoreState.GsmeBlock));
            Assert.AreEqual(0, rig.Alerts.Count);
        }

        [TestMethod]
        public void AMalformedOtaFileIsDroppedWithTheParsersReason()
        {
            var rig = new StoreRig();
            byte[] bad = new OtaFileBuilder { HeaderVersion = 0x0200 }.UpgradeImage(3000).Build();

            var result = rig.Deliver(OtaDeviceKind.Ppmid, bad, Ppmid);

            Assert.AreEqual(IngestStatus.InvalidOtaFile, result.Status);
            Assert.IsTrue(result.Reason.Contains("Header version 0x0200"), result.Reason);
            Assert.IsNull(rig.Block(StoreState.GsmeBlock));
        }

        [TestMethod]
        public void ADeclaredVersionThatIsNotTheHeadersIsRefused()
        {
            var store = new StoreRig().Store;
            byte[] image = StoreRig.Image(0x01000001);
            store.BeginIngest(OtaDeviceKind.Ppmid, 0x09999999, new ulong[] { Ppmid }, image.Length, SHA256.HashData(image));
            store.WriteChunk(0, image, 0, image.Length);

            var result = store.EndIngest();

            Assert.AreEqual(IngestStatus.InvalidOtaFile, result.Status);
            Assert.IsTrue(result.Reason.Contains("01000001 is not the declared 09999999"), result.Reason);
        }

        [TestMethod]
        public void ChunksMustContinueWhereTheLastOneEndedAndEndNeedsEveryByte()
        {
            var store = new StoreRig().Store;
            byte[] image = StoreRig.Image(0x01000001);
            store.BeginIngest(OtaDeviceKind.Ppmid, 0x01000001, new ulong[] { Ppmid }, image.Length, SHA256.HashData(image));
            store.WriteChunk(0, image, 0, 1000);

            var gap = store.WriteChunk(2000, image, 2000, 1000);
            Assert.AreEqual(IngestStatus.OutOfOrder, gap.Status);
            Assert.AreEqual(1000, gap.NextOffset);
            Assert.AreEqual(IngestStatus.Incomplete, store.EndIngest().Status);
            Assert.AreEqual(IngestStatus.Invalid, store.WriteChunk(1000, new byte[image.Length], 0, image.Length).Status);
        }

        [TestMethod]
        public void ATransferResumesFromItsCheckpointAfterAReboot()
        {
            var rig = new StoreRig();
            byte[] image = StoreRig.Image(0x01000001, 300000);
            byte[] sha = SHA256.HashData(image);
            rig.Store.BeginIngest(OtaDeviceKind.Ppmid, 0x01000001, new ulong[] { Ppmid }, image.Length, sha);
            rig.Store.WriteChunk(0, image, 0, 200000);

            rig.Reboot();
            var resume = rig.Store.BeginIngest(OtaDeviceKind.Ppmid, 0x01000001, new ulong[] { Ppmid }, image.Length, sha);
            Assert.AreEqual(IngestStatus.Accepted, resume.Status);
            Assert.AreEqual(3 * ImageStore.CheckpointInterval, resume.NextOffset);
            rig.Store.WriteChunk(resume.NextOffset, image, resume.NextOffset, image.Length - resume.NextOffset);

            Assert.AreEqual(IngestStatus.Stored, rig.Store.EndIngest().Status);
            Assert.IsTrue(rig.HeldImageIsIntact(StoreState.GsmeBlock));
        }

        [TestMethod]
        public void SendingAStoredImageAgainIsAnsweredAlreadyStored()
        {
            var rig = new StoreRig();
            byte[] image = StoreRig.Image(0x01000001);
            rig.Deliver(OtaDeviceKind.Ppmid, image, Ppmid);

            var again = rig.Store.BeginIngest(OtaDeviceKind.Ppmid, 0x01000001, new ulong[] { Ppmid }, image.Length, SHA256.HashData(image));

            Assert.AreEqual(IngestStatus.Stored, again.Status);
            Assert.IsTrue(again.Reason.Contains("already stored"), again.Reason);
            Assert.AreEqual(0, rig.Alerts.Count);
        }
    }
}
