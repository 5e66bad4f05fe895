using System;
using CommsHub.Ota.Server;
using CommsHub.Storage;
using CommsHub.Storage.Metadata;
using CommsHub.Tests.HostTests.Storage;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Hostile
{
    /// <summary>
    /// A metadata record with a good CRC but a field no firmware would write (a bug, tampering) is refused on decode,
    /// and the log treats it like a torn record: the one before it stands (issue 11, item 7).
    /// </summary>
    [TestClass]
    public class HostileMetadataTests
    {
        // Byte offsets in the record Sample() encodes to (format version 1; see StoreStateCodec.Encode).
        private const int EsmeSlot = 14, EsmeKind = 15, EsmeSize = 16, EsmeTargetState = 77;
        private const int IngestSlot = 97, IngestKind = 98, IngestSize = 99, IngestCheckpoint = 139, OutcomeCount = 152;

        [TestMethod]
        public void EveryFieldOutOfRangeIsRefusedAndNamed()
        {
            byte[] good = Encode(Sample());
            Assert.AreEqual(153, good.Length, "the sample's layout changed: update the offsets");
            Assert.IsNull(StoreStateCodec.Check(good, 0, good.Length));
            Assert.IsNotNull(StoreStateCodec.Decode(good, 0, good.Length));

            Refused(good, EsmeSlot, 3, "ESME block slot 3");
            Refused(good, EsmeSlot, 255, "ESME block slot 255");
            Refused(good, EsmeKind, 4, "ESME block device kind 4");
            Refused(good, EsmeKind, 2, "ESME block holds a device kind 2 image");
            RefusedU32(good, EsmeSize, 55, "ESME block size 55");
            RefusedU32(good, EsmeSize, 768001, "ESME block size 768001");
            RefusedU32(good, EsmeSize, uint.MaxValue, "ESME block size 4294967295");
            Refused(good, EsmeTargetState, 3, "target 0 state 3");
            Refused(good, IngestSlot, 3, "ingest slot 3");
            Refused(good, IngestKind, 200, "ingest device kind 200");
            RefusedU32(good, IngestSize, 0, "ingest size 0");
            RefusedU32(good, IngestCheckpoint, 60001, "ingest checkpoint 60001 is past the image size 60000");
            Refused(good, OutcomeCount, 33, "33 pending outcomes");
        }

        [TestMethod]
        public void ACrcValidBadRecordIsSkippedLikeATornOneAndLaterRecordsOutrankIt()
        {
            var rig = new StoreRig();
            Assert.AreEqual(IngestStatus.Stored, rig.Deliver(OtaDeviceKind.Esme, StoreRig.Image(0x01000001), 0x00DB000000000001).Status);
            byte[] good = new byte[StoreStateCodec.MaximumLength];
            int length = StoreStateCodec.Encode(rig.Store.State, good, 0);

            // The same state with the ESME image in slot 9, written as the newest record with a correct CRC.
            byte[] bad = (byte[])good.Clone();
            bad[EsmeSlot] = 9;
            rig.Store.Log.Append(bad, length);
            rig.Reboot();

            Assert.AreEqual(1, rig.Store.Log.RecordsRefused);
            Assert.IsNotNull(rig.Block(StoreState.EsmeBlock), "the record before the bad one stands");
            Assert.AreEqual(0x01000001u, rig.Block(StoreState.EsmeBlock).FileVersion);
            Assert.IsTrue(rig.HeldImageIsIntact(StoreState.EsmeBlock));

            // The hub carries on: a new image is stored, and a reboot reads it back rather than the bad record.
            Assert.AreEqual(IngestStatus.Stored, rig.Deliver(OtaDeviceKind.Gsme, StoreRig.Image(0x02000001), 0x00DB000000000002).Status);
            rig.Reboot();
            Assert.AreEqual(0x02000001u, rig.Block(StoreState.GsmeBlock).FileVersion);
            Assert.AreEqual(0x01000001u, rig.Block(StoreState.EsmeBlock).FileVersion);
        }

        private static void Refused(byte[] good, int at, byte value, string named)
        {
            byte[] b = (byte[])good.Clone();
            b[at] = value;
            Expect(b, named);
        }

        private static void RefusedU32(byte[] good, int at, uint value, string named)
        {
            byte[] b = (byte[])good.Clone();
            BitConverter.GetBytes(value).CopyTo(b, at);
            Expect(b, named);
        }

        private static void Expect(byte[] b, string named)
        {
            Assert.IsNull(StoreStateCodec.Decode(b, 0, b.Length), named + " was accepted");
            string why = StoreStateCodec.Check(b, 0, b.Length);
            Assert.IsTrue(why != null && why.StartsWith(named), named + " / " + why);
        }

        private static byte[] Encode(StoreState state)
        {
            byte[] buffer = new byte[StoreStateCodec.MaximumLength];
            int n = StoreStateCodec.Encode(state, buffer, 0);
            Array.Resize(ref buffer, n);
            return buffer;
        }

        /// <summary>An ESME image with one target, an empty GSME block, an ingest with one target, no outcomes.</summary>
        private static StoreState Sample()
        {
            var state = new StoreState { NextOutcomeNumber = 7, LastTrustedTicks = StoreRig.Start.Ticks };
            state.Blocks[StoreState.EsmeBlock] = new StoredImage
            {
                Slot = 0,
                Kind = OtaDeviceKind.Esme,
                Size = 5000,
                FileVersion = 0x01000001,
                ArrivalTicks = StoreRig.Start.Ticks,
                Targets = new[] { new StoredTarget { Device = 0x00DB000000000001, State = TargetState.Downloading } },
            };
            state.Ingest = new IngestRecord { Slot = 2, Kind = OtaDeviceKind.Ppmid, Size = 60000, FileVersion = 0x02000001, Checkpoint = 0, Targets = new ulong[] { 0x00DB000000000002 } };
            return state;
        }
    }
}
