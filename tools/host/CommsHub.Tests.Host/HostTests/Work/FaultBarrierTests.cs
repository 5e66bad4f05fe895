using System;
using System.IO;
using CommsHub.Cli.Wan;
using CommsHub.Hub;
using CommsHub.Platform;
using CommsHub.Work;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Work
{
    /// <summary>
    /// The main loop's last line of defence on the virtual board: an exception in one turn is counted, recorded in
    /// flash (layer and type) for the head-end's status, the layer that threw is reset, and the hub carries on;
    /// repeated faults within <see cref="FaultBarrierPolicy.WindowMilliseconds"/> restart it cleanly.
    /// </summary>
    [TestClass]
    public class FaultBarrierTests
    {
        [TestMethod]
        public void AFaultInTheWanIsCountedRecordedInFlashAndOnlyThatLayerIsReset()
        {
            string file = Path.GetTempFileName();
            var port = new FaultyPort();
            using var board = new CommsHub.VirtualBoard.VirtualBoard(file, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), port);
            port.Inner = board.Wan.A;
            board.Boot();
            var headEnd = new HeadEnd(board.Wan.B, board.Clock, () => board.Step(TimeSpan.FromMilliseconds(1)), AlertLedger.InMemory());
            headEnd.GetIdentity();
            var wanBefore = board.Hub.Wan;
            var storeBefore = board.Hub.Store;

            port.ThrowOnce = true;
            board.Step(TimeSpan.FromMilliseconds(1));

            Assert.AreEqual(1u, board.Hub.Faults.Count);
            Assert.AreEqual("WAN: InvalidOperationException", board.Hub.Faults.Last);
            Assert.IsFalse(ReferenceEquals(wanBefore, board.Hub.Wan), "the WAN layer was rebuilt");
            Assert.AreSame(storeBefore, board.Hub.Store, "the store did not throw and was left alone");
            Assert.AreEqual(0, board.Restarts);

            var status = headEnd.GetStatus();
            Assert.AreEqual(1u, status.Faults);
            Assert.AreEqual("WAN: InvalidOperationException", status.LastFault);
            Assert.AreEqual(1, headEnd.HubRestarts, "the head-end saw the WAN session restart");

            var again = new FaultLog(board.Hub.Flash, board.Hub.Layout.FaultLogStart, board.Hub.Layout.SectorSize);
            again.Mount();
            Assert.AreEqual(1u, again.Count);
            Assert.AreEqual("WAN: InvalidOperationException", again.Last);
        }

        [TestMethod]
        public void AThrowingWorkStepIsDroppedAndTheStoreRemounted()
        {
            using var board = NewBoard();
            var storeBefore = board.Hub.Store;
            board.Hub.Work.Add(new ThrowingWork());

            board.Step(TimeSpan.FromMilliseconds(1));
            board.Step(TimeSpan.FromMilliseconds(1));

            Assert.AreEqual(1u, board.Hub.Faults.Count, "the throwing step left the queue: it did not throw twice");
            Assert.AreEqual("work: ArgumentOutOfRangeException", board.Hub.Faults.Last);
            Assert.IsFalse(ReferenceEquals(storeBefore, board.Hub.Store), "the store was remounted");
            Assert.AreEqual(0, board.Restarts);
        }

        [TestMethod]
        public void RepeatedFaultsWithinTheWindowRestartTheHubCleanly()
        {
            using var board = NewBoard();
            var first = board.Hub;
            for (int i = 0; i < FaultBarrierPolicy.FaultsBeforeRestart - 1; i++)
            {
                board.Hub.Work.Add(new ThrowingWork());
                board.Step(TimeSpan.FromSeconds(1));
            }

            Assert.AreEqual(0, board.Restarts);
            Assert.AreSame(first, board.Hub);

            board.Hub.Work.Add(new ThrowingWork());
            board.Step(TimeSpan.FromSeconds(1));

            Assert.AreEqual(1, board.Restarts);
            Assert.IsFalse(ReferenceEquals(first, board.Hub), "a new firmware object booted from flash");
            Assert.IsTrue(board.LastRestartReason.StartsWith("5 faults within 60 s"), board.LastRestartReason);
            Assert.AreEqual((uint)FaultBarrierPolicy.FaultsBeforeRestart, board.Hub.Faults.Count, "the new boot read the count from flash");
            Assert.IsTrue(string.Join("\n", board.BootReport).Contains("Faults caught at the main loop: 5, last work: ArgumentOutOfRangeException"), string.Join("\n", board.BootReport));
        }

        [TestMethod]
        public void FaultsSpreadOutMoreThanTheWindowDoNotRestart()
        {
            using var board = NewBoard();
            for (int i = 0; i < FaultBarrierPolicy.FaultsBeforeRestart + 2; i++)
            {
                board.Hub.Work.Add(new ThrowingWork());
                board.Step(TimeSpan.FromMilliseconds(FaultBarrierPolicy.WindowMilliseconds / (FaultBarrierPolicy.FaultsBeforeRestart - 2)));
            }

            Assert.AreEqual(0, board.Restarts);
            Assert.AreEqual((uint)FaultBarrierPolicy.FaultsBeforeRestart + 2, board.Hub.Faults.Count);
        }

        private static CommsHub.VirtualBoard.VirtualBoard NewBoard()
        {
            var board = new CommsHub.VirtualBoard.VirtualBoard(Path.GetTempFileName(), new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
            board.Boot();
            while (board.Hub.Work.Count > 0)
            {
                board.Step(TimeSpan.FromMilliseconds(1));
            }

            return board;
        }

        private sealed class ThrowingWork : IWorkItem
        {
            public int LargestStepUnits => 0;

            public bool WaitsForHardware => false;

            public bool Step() => throw new ArgumentOutOfRangeException("injected");
        }

        /// <summary>A UART whose driver throws once when asked.</summary>
        private sealed class FaultyPort : ISerialPort
        {
            public ISerialPort Inner { get; set; }

            public bool ThrowOnce { get; set; }

            public int BytesToRead
            {
                get
                {
                    if (ThrowOnce)
                    {
                        ThrowOnce = false;
                        throw new InvalidOperationException("injected");
                    }

                    return Inner.BytesToRead;
                }
            }

            public int Read(byte[] buffer, int offset, int count) => Inner.Read(buffer, offset, count);

            public void Write(byte[] buffer, int offset, int count) => Inner.Write(buffer, offset, count);
        }
    }
}
