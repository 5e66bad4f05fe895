using System;
using System.IO;
using System.Linq;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests
{
    [TestClass]
    public class VirtualBoardTests
    {
        private static readonly DateTime Start = new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc);

        [TestMethod]
        public void BootPrintsIdentityVersionFlashGeometryAndStorageState()
        {
            string file = TempFlash();
            try
            {
                using var board = new CommsHub.VirtualBoard.VirtualBoard(file, Start);
                string report = string.Join("\n", board.Boot());

                Assert.IsTrue(report.Contains("CommsHub CH firmware 0.1.0"), report);
                Assert.IsTrue(report.Contains("CH EUI-64: 00-DB-12-34-56-78-90-A2"), report);
                Assert.IsTrue(report.Contains("JEDEC id EF4016, 4194304 bytes, 1024 sectors of 4096 bytes, 256-byte pages"), report);
                Assert.IsTrue(report.Contains("ESME block: empty"), report);
                Assert.IsTrue(report.Contains("GSME block: empty"), report);
                Assert.IsTrue(report.Contains("Alert queue: 0 outcome(s) recorded"), report);
                Assert.IsTrue(report.Contains("Clock: 2026-11-21T08:00:00Z"), report);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [TestMethod]
        public void AStoredImageIsStillThereAfterARestart()
        {
            string file = TempFlash();
            try
            {
                byte[] image = Storage.StoreRig.Image(0x0123ABCD, 20000);
                using (var board = new CommsHub.VirtualBoard.VirtualBoard(file, Start))
                {
                    board.Boot();
                    var store = board.Hub.Store;
                    store.OnClockSet();
                    store.BeginIngest(CommsHub.Ota.Server.OtaDeviceKind.Ppmid, 0x0123ABCD, new ulong[] { 0x00DB1234567890A4 }, image.Length, System.Security.Cryptography.SHA256.HashData(image));
                    store.WriteChunk(0, image, 0, image.Length);
                    Assert.AreEqual(CommsHub.Storage.IngestStatus.Stored, store.EndIngest().Status);
                }

                using (var again = new CommsHub.VirtualBoard.VirtualBoard(file, Start))
                {
                    string[] report = again.Boot();
                    Assert.AreEqual("GSME block: PPMID image version 0123ABCD, 20000 bytes, targets: 1 pending, 0 downloading, 0 done", report.Single(l => l.StartsWith("GSME block:")));
                    Assert.IsTrue(report.Contains("Clock: 2026-11-21T08:00:00Z (UTC, trusted)"), string.Join("\n", report));
                    Assert.IsNotNull(again.Hub.Store.OfferFor(0x00DB1234567890A4));
                }
            }
            finally
            {
                File.Delete(file);
            }
        }

        [TestMethod]
        public void TheMainLoopRunsTimersOnVirtualTime()
        {
            string file = TempFlash();
            try
            {
                using var board = new CommsHub.VirtualBoard.VirtualBoard(file, Start);
                board.Boot();
                int fired = 0;
                board.Clock.StartTimer(5000, _ => fired++, null);

                board.Step(TimeSpan.FromSeconds(4));
                Assert.AreEqual(0, fired);
                board.Step(TimeSpan.FromSeconds(1));
                Assert.AreEqual(1, fired);
            }
            finally
            {
                File.Delete(file);
            }
        }

        private static string TempFlash() => Path.Combine(Path.GetTempPath(), "commshub-board-" + Guid.NewGuid() + ".flash");
    }
}
