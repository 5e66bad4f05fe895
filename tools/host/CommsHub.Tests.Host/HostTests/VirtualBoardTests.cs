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
                Assert.IsTrue(report.Contains("Storage state: blank"), report);
                Assert.IsTrue(report.Contains("Clock: 2026-11-21T08:00:00Z"), report);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [TestMethod]
        public void WhatTheHubWroteIsStillThereAfterARestart()
        {
            string file = TempFlash();
            try
            {
                using (var board = new CommsHub.VirtualBoard.VirtualBoard(file, Start))
                {
                    board.Boot();
                    board.Hub.Flash.ProgramPage(board.Hub.Layout.MetadataStart, new byte[] { 0x43, 0x48 }, 0, 2);
                }

                using (var again = new CommsHub.VirtualBoard.VirtualBoard(file, Start))
                {
                    string state = again.Boot().Single(l => l.StartsWith("Storage state:"));
                    Assert.AreEqual("Storage state: metadata area written (image store records present)", state);
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
