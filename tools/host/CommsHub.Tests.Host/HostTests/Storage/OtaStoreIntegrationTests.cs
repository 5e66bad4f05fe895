using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using CommsHub.Hub;
using CommsHub.Ota.Server;
using CommsHub.Storage;
using CommsHub.Storage.Metadata;
using CommsHub.Tests.HostTests.Ota;
using CommsHub.VirtualBoard.Emulators;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Storage
{
    /// <summary>The hub as wired by HubFirmware: images in through the store, out through the OTA server, outcomes to the queue.</summary>
    [TestClass]
    public class OtaStoreIntegrationTests
    {
        private const ulong Ppmid = 0x00DB1234567890A4;
        private const ushort Mfr = 0x1234, Type = 0x0001;

        [TestMethod]
        public void APpmidIsNotifiedDownloadsOverTheAirIsActivatedAtOnceAndTheSuccessIsQueued()
        {
            var (hub, clock, sender) = Hub();
            byte[] image = StoreRig.Image(0x01000009, 9000);

            Assert.AreEqual(IngestStatus.Stored, Deliver(hub, OtaDeviceKind.Ppmid, image, Ppmid).Status);
            var notify = new ServerFrame(sender.Frames.Single().Bytes);
            Assert.AreEqual((byte)0x00, notify.Command, "Image Notify on arrival");
            Assert.AreEqual(0x01000009u, notify.Version);

            var received = new List<byte>();
            byte seq = 0;
            while (received.Count < image.Length)
            {
                var frame = ClientFrames.ImageBlock(seq++, Mfr, Type, 0x01000009, (uint)received.Count, 64);
                hub.OtaServer.Receive(Ppmid, frame, 0, frame.Length, 82);
                received.AddRange(new ServerFrame(sender.Frames[^1].Bytes).Data);
            }

            Assert.IsTrue(image.AsSpan().SequenceEqual(received.ToArray()));
            Assert.AreEqual(TargetState.Downloading, hub.Store.State.Blocks[StoreState.GsmeBlock].Target(Ppmid).State);

            var end = ClientFrames.UpgradeEnd(seq, 0x00, Mfr, Type, 0x01000009);
            hub.OtaServer.Receive(Ppmid, end, 0, end.Length, 82);
            var response = new ServerFrame(sender.Frames[^1].Bytes);

            Assert.AreEqual((byte)0x07, response.Command);
            Assert.AreEqual(0u, response.UpgradeTime, "a PPMID activates at once");
            Assert.AreEqual(1, hub.Outcomes.Count);
            Assert.AreEqual((ushort)0x8F8A, hub.Outcomes.Outcome(0).AlertCode);
            Assert.IsNull(hub.Store.State.Blocks[StoreState.GsmeBlock], "the image left flash");
            Oracles.Check(sender.Frames);
        }

        [TestMethod]
        public void AHardwareMismatchSeenByTheServerBecomesAn8F89Code2()
        {
            var (hub, _, sender) = Hub();
            Deliver(hub, OtaDeviceKind.Esme, StoreRig.Image(0x0400000A, 6000, hardware: (5, 6)), 0x00DB1234567890E1);

            var query = ClientFrames.QueryNextImage(1, Mfr, Type, 0x04000001, hw: 9);
            hub.OtaServer.Receive(0x00DB1234567890E1, query, 0, query.Length, 82);

            Assert.AreEqual((byte)0x98, new ServerFrame(sender.Frames[^1].Bytes).Status);
            Assert.AreEqual((byte)2, hub.Outcomes.Outcome(0).ResponseCode);
            Oracles.Check(sender.Frames);
        }

        private static (HubFirmware Hub, VirtualClock Clock, RecordingSender Sender) Hub()
        {
            var clock = new VirtualClock(StoreRig.Start);
            var sender = new RecordingSender(clock);
            var hub = new HubFirmware(new HubHardware("integration", new NorFlashEmulator(0x16), clock, null) { Han = sender });
            hub.Boot();
            hub.Store.OnClockSet();
            return (hub, clock, sender);
        }

        private static IngestResult Deliver(HubFirmware hub, OtaDeviceKind kind, byte[] image, ulong target)
        {
            hub.Store.BeginIngest(kind, BitConverter.ToUInt32(image, 14), new[] { target }, image.Length, SHA256.HashData(image));
            hub.Store.WriteChunk(0, image, 0, image.Length);
            return hub.Store.EndIngest();
        }
    }
}
