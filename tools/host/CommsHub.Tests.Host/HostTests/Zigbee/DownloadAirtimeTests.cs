using System;
using System.Linq;
using CommsHub.Cli.Bench;
using CommsHub.Ota.Server;
using CommsHub.Tests.HostTests.Ota;
using CommsHub.VirtualBoard.Bench;
using CommsHub.VirtualBoard.Radio;
using CommsHub.VirtualBoard.Zigbee;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Zigbee
{
    /// <summary>
    /// A PPMID downloads through the hub's real stack on the emulated radio, by blocks and by pages at the smallest
    /// spacing; the channel time of the frames really on the air is counted off the medium. No timing targets here
    /// (the bench report prints those): the counts must hang together.
    /// </summary>
    [TestClass]
    public class DownloadAirtimeTests
    {
        private const ulong Ppmid = 0x00DB1234567890A4;
        private const uint NewVersion = 0x01000007;
        private const int ImageBytes = 6000;

        [TestMethod]
        [DataRow(false)]
        [DataRow(true)]
        public void TheAirtimeOfTheFramesSentIsBelowTheDownloadTimeAndNoTwoFramesOverlap(bool pages)
        {
            using var rig = new HanRig(43);
            var client = Download(rig, pages);
            long from = (long)client.DownloadStarted.Value.TotalMilliseconds * 1000;
            long to = ((long)client.DownloadFinished.Value.TotalMilliseconds + 1) * 1000;
            var frames = rig.Bench.Medium.History.Where(f => f.StartMicroseconds >= from && f.StartMicroseconds < to).ToList();
            var ledger = AirtimeLedger.Of(rig.Bench.Medium.History, from, to);
            double measured = (to - from) / 1e6;
            int blocks = (ImageBytes + 63) / 64;

            Assert.AreEqual(frames.Count, (int)ledger.Frames);
            Assert.IsTrue(ledger.Frames >= blocks * 2, "only " + ledger.Frames + " frames counted");
            Assert.AreEqual(ledger.Frames - ledger.Acknowledgments, frames.Count(f => f.Psdu.Length != 5));
            Assert.IsTrue(ledger.Seconds > frames.Sum(f => (6 + f.Psdu.Length) * 32) / 1e6, "the bound is less than the bytes on the air");
            Assert.IsTrue(ledger.Seconds < measured, "bound " + ledger.Seconds + " s, measured " + measured + " s");

            // One transmitter per chip: a frame never goes out over the acknowledgment its own chip is sending.
            Assert.AreEqual(0, frames.Count(f => f.Collided), "frames collided in a one-device download");
        }

        [TestMethod]
        public void OnlyTheFramesOfTheNamedDeviceAreCounted()
        {
            using var rig = new HanRig(43);
            var client = Download(rig, false);
            long from = (long)client.DownloadStarted.Value.TotalMilliseconds * 1000;
            long to = ((long)client.DownloadFinished.Value.TotalMilliseconds + 1) * 1000;
            ushort device = rig.Board.Hub.Han.Nwk.Neighbours.ShortAt(rig.Board.Hub.Han.Nwk.Neighbours.IndexOf(Ppmid));

            var all = AirtimeLedger.Of(rig.Bench.Medium.History, from, to);
            var its = AirtimeLedger.Of(rig.Bench.Medium.History, from, to, new[] { device });
            var nobody = AirtimeLedger.Of(rig.Bench.Medium.History, from, to, new ushort[] { 0x7777 });

            Assert.IsTrue(its.Frames > 0 && its.Frames <= all.Frames);
            Assert.IsTrue(its.Frames >= 2 * ((ImageBytes + 63) / 64), its.Frames + " frames");
            Assert.AreEqual(0L, nobody.Frames);
        }

        private static OtaClientDevice Download(HanRig rig, bool pages)
        {
            var headEnd = rig.HeadEnd();
            headEnd.SetTime(rig.Bench.Clock.UtcNow);
            rig.List(Ppmid, (int)OtaDeviceKind.Ppmid);
            byte[] image = new OtaFileBuilder { FileVersion = NewVersion, ManufacturerCode = 0x1234, ImageType = 0x0001 }.UpgradeImage(ImageBytes - 62).Build();
            Assert.AreEqual("stored", headEnd.SendImage(image, (int)OtaDeviceKind.Ppmid, NewVersion, new[] { Ppmid }, null).StatusName);
            rig.Board.Hub.Han.TrustCentre.OpenJoining(60);
            var node = rig.AddNode("ppmid", NodeRole.RxOnEndDevice, Ppmid);
            Assert.IsTrue(rig.Join(node), "the PPMID did not join");
            var spec = HanRig.PpmidSpec(Ppmid);
            spec.PageRequests = pages;
            spec.PageSize = 512;
            spec.PageSpacingMilliseconds = 0;
            var client = new OtaClientDevice(spec, new NodeOtaTransport(node, rig.HubEui), rig.Bench.Clock);
            rig.Bench.RunUntil(() => client.DownloadFinished.HasValue, TimeSpan.FromSeconds(60));
            Assert.IsTrue(client.DownloadFinished.HasValue, "download: " + client.State);
            return client;
        }
    }
}
