using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.Hub;
using CommsHub.Platform;
using CommsHub.Radio.Mrf24j40;
using CommsHub.VirtualBoard.Radio;
using CommsHub.Wan.Messages;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Radio
{
    /// <summary>A missing or miswired radio must not take the WAN and the alerts down with it.</summary>
    [TestClass]
    public class HubRadioFaultTests
    {
        [TestMethod]
        public void AnUnpluggedRadioIsReportedAndTheWanStillAnswersStatus()
        {
            var bench = new RadioBench(3);
            var (chip, _) = bench.AddRadio("hub");
            var cable = new PluggableBus(chip) { Plugged = false };
            using var board = new VirtualBoard.VirtualBoard(null, new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc),
                radio: new Mrf24j40(cable, chip.Interrupt, null));

            string[] lines = board.Boot();

            string han = lines.Single(l => l.StartsWith("HAN:"));
            Assert.IsTrue(han.Contains("radio fault") && han.Contains("retried"), han);
            Assert.AreEqual("Ready.", lines[lines.Length - 1]);
            Assert.IsNull(board.Hub.Mac);
            Assert.AreEqual(RadioHealth.Fault, board.Hub.RadioHealth.State);

            var status = StatusOver(board);
            Assert.AreEqual(RadioHealth.Fault, status.RadioState);
            Assert.IsTrue(status.RadioDetail.Contains("MRF24J40"), status.RadioDetail);
        }

        [TestMethod]
        public void TheRadioIsRetriedFromTheClockAndTheHanComesUpWhenItAnswers()
        {
            var bench = new RadioBench(4);
            var (chip, _) = bench.AddRadio("hub");
            var cable = new PluggableBus(chip) { Plugged = false };
            using var board = new VirtualBoard.VirtualBoard(null, new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc),
                radio: new Mrf24j40(cable, chip.Interrupt, null));
            var reported = new List<string>();
            board.Hub.Reported += reported.Add;
            board.Boot();

            // Before the retry interval nothing is tried again.
            board.Step(TimeSpan.FromMilliseconds(RadioRetryPolicy.RetryMilliseconds - 1000));
            Assert.AreEqual(0, reported.Count);

            // Still unplugged at the first retry: a second fault, another retry scheduled.
            board.Step(TimeSpan.FromMilliseconds(1000));
            Assert.AreEqual(1, reported.Count);
            Assert.IsTrue(reported[0].Contains("attempt 2"), reported[0]);
            Assert.AreEqual(2, board.Hub.RadioHealth.FailedAttempts);

            cable.Plugged = true;
            board.Step(TimeSpan.FromMilliseconds(RadioRetryPolicy.RetryMilliseconds));
            Assert.AreEqual(2, reported.Count);
            Assert.IsTrue(reported[1].StartsWith("HAN: 802.15.4 PAN coordinator"), reported[1]);
            Assert.IsNotNull(board.Hub.Mac);
            Assert.AreEqual(RadioHealth.Running, board.Hub.RadioHealth.State);
            Assert.IsTrue(chip.ListeningChannel >= 11, "the radio is not receiving");
            Assert.AreEqual(RadioHealth.Running, StatusOver(board).RadioState);

            // Running: no more retries.
            board.Step(TimeSpan.FromMilliseconds(3 * RadioRetryPolicy.RetryMilliseconds));
            Assert.AreEqual(2, reported.Count);
        }

        [TestMethod]
        public void ABoardWithoutARadioReportsItAbsent()
        {
            using var board = new VirtualBoard.VirtualBoard(null, new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc));
            board.Boot();

            var status = StatusOver(board);
            Assert.AreEqual(RadioHealth.Absent, status.RadioState);
            Assert.AreEqual(0, board.Hub.RadioHealth.FailedAttempts);
            Assert.AreEqual("no radio on this board", status.RadioDetail);
        }

        private static CommsHub.Cli.Wan.HubStatus StatusOver(VirtualBoard.VirtualBoard board)
        {
            var headEnd = new CommsHub.Cli.Wan.HeadEnd(board.Wan.B, board.Clock, () => board.Step(TimeSpan.FromMilliseconds(5)), CommsHub.Cli.Wan.AlertLedger.InMemory());
            return headEnd.GetStatus();
        }

        /// <summary>The radio's SPI wires: unplugged, MISO floats high and the chip hears nothing.</summary>
        private sealed class PluggableBus : ISpiBus
        {
            private readonly ISpiBus _chip;

            public PluggableBus(ISpiBus chip)
            {
                _chip = chip;
            }

            public bool Plugged { get; set; }

            public void TransferFullDuplex(byte[] writeBuffer, byte[] readBuffer, int length)
            {
                if (Plugged)
                {
                    _chip.TransferFullDuplex(writeBuffer, readBuffer, length);
                }
                else if (readBuffer != null)
                {
                    Array.Fill(readBuffer, (byte)0xFF, 0, length);
                }
            }
        }
    }
}
