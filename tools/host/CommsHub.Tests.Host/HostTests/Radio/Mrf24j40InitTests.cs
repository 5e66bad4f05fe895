using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using CommsHub.Platform;
using CommsHub.Radio;
using CommsHub.Radio.Mrf24j40;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.VirtualBoard.Radio;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Radio
{
    /// <summary>Initialisation details a real chip punishes silently; the emulator records them as violations.</summary>
    [TestClass]
    public class Mrf24j40InitTests
    {
        private static RadioMedium _medium;

        [TestMethod]
        public void TheDriverWaitsTwoMillisecondsAfterReleasingResetBeforeTheFirstRegisterWrite()
        {
            var (chip, clock) = ChipWithRunningClock();
            var driver = new Mrf24j40(chip, chip.Interrupt, chip.Reset, clock);

            long before = clock.MonotonicMilliseconds;
            driver.Initialize();

            Assert.AreEqual(0, chip.Violations.Count, string.Join("; ", chip.Violations));
            Assert.IsTrue(clock.MonotonicMilliseconds - before >= Mrf24j40.ResetHoldMilliseconds + Mrf24j40.ResetRecoveryMilliseconds);
            Assert.IsTrue(chip.ListeningChannel >= 11);
        }

        [TestMethod]
        public void TheEmulatorNamesARegisterWriteTooSoonAfterReset()
        {
            // The same chip and clock, but a driver with no clock cannot wait: the check must catch it.
            var (chip, _) = ChipWithRunningClock();
            var driver = new Mrf24j40(chip, chip.Interrupt, chip.Reset);

            driver.Initialize();

            Assert.IsTrue(chip.Violations.Exists(v => v.Contains("after RESET was released")), string.Join("; ", chip.Violations));
        }

        [TestMethod]
        public void ARegisterThatDoesNotReadBackIsNamedAtInitialisation()
        {
            var (chip, clock) = ChipWithRunningClock();
            var driver = new Mrf24j40(new StuckBitBus(chip, 0x200 + 0x02, 0x80), chip.Interrupt, chip.Reset, clock);

            string message = null;
            try
            {
                driver.Initialize();
            }
            catch (InvalidOperationException e)
            {
                message = e.Message;
            }

            Assert.IsNotNull(message, "a register that does not read back was accepted");
            Assert.IsTrue(message.Contains("RFCON2") && message.Contains("SPI"), message);
        }

        [TestMethod]
        public void EnergyDetectionUsesRssiMode1AndWaitsForRssiReady()
        {
            var (chip, clock) = ChipWithRunningClock();
            chip.RssiConversionReads = 5;
            var spy = new RegisterSpy(chip);
            var driver = new Mrf24j40(spy, chip.Interrupt, chip.Reset, clock);
            driver.Initialize();
            spy.ShortWrites.Clear();

            driver.EnergyDetect();

            Assert.AreEqual(0, chip.Violations.Count, string.Join("; ", chip.Violations));
            Assert.AreEqual("3E=80,3E=40", string.Join(",", spy.ShortWrites.FindAll(w => w.StartsWith("3E="))));
        }

        [TestMethod]
        public void ReadingRssiBeforeItIsReadyIsAViolation()
        {
            var (chip, clock) = ChipWithRunningClock();
            new Mrf24j40(chip, chip.Interrupt, chip.Reset, clock).Initialize();

            chip.TransferFullDuplex(new byte[] { (0x3E << 1) | 1, 0x80 }, null, 2);
            chip.TransferFullDuplex(new byte[] { 0x80 | (0x210 >> 3), (0x210 << 5) & 0xE0, 0 }, new byte[3], 3);

            Assert.IsTrue(chip.Violations.Exists(v => v.Contains("RSSIRDY")), string.Join("; ", chip.Violations));
        }

        [TestMethod]
        public void ATransmissionWhoseInterruptNeverComesTimesOutAndTheChipIsRecovered()
        {
            var (chip, clock) = ChipWithRunningClock();
            var medium = _medium;
            var driver = new Mrf24j40(chip, chip.Interrupt, chip.Reset, clock);
            driver.Initialize();
            driver.SetChannel(15);
            driver.SetPanId(0x1234);
            var results = new List<int>();
            driver.TransmitDone += (status, pending, retries) => results.Add(status);
            int resetsBefore = chip.Resets;

            chip.LoseNextTransmitInterrupt = true;
            Assert.IsTrue(driver.Transmit(Beacon(), 0, Beacon().Length));
            medium.RunFor(20000);
            driver.Process();
            Assert.AreEqual(0, results.Count);
            Assert.IsTrue(driver.IsTransmitting);
            Assert.IsTrue(driver.HasWork, "a transmission under way is work for the main loop");

            clock.Advance(TimeSpan.FromMilliseconds(Mrf24j40.TransmitTimeoutMilliseconds + 1));
            driver.Process();

            Assert.AreEqual(1, driver.TransmitTimeouts);
            Assert.AreEqual(RadioTransmitStatus.Timeout, results[0]);
            Assert.IsFalse(driver.IsTransmitting);
            Assert.IsTrue(chip.Resets > resetsBefore, "the chip was not re-initialised");
            Assert.AreEqual(15, chip.ListeningChannel);

            // Recovered: the next frame goes out and completes normally.
            Assert.IsTrue(driver.Transmit(Beacon(), 0, Beacon().Length));
            medium.RunFor(20000);
            driver.Process();
            Assert.AreEqual(RadioTransmitStatus.Success, results[1]);
            Assert.AreEqual(0, chip.Violations.Count, string.Join("; ", chip.Violations));
        }

        [TestMethod]
        public void TheBoardRunsTheSharedSpiBusAtHalfTheRadiosCeilingAtMost()
        {
            string pinMap = File.ReadAllText(RepoPaths.Of("boards/esp32-devkitc-mrf24j40/Esp32DevKitCMrf24j40.cs"));
            int hz = int.Parse(Regex.Match(pinMap, @"SpiClockFrequency\s*=\s*(\d+)").Groups[1].Value);

            Assert.IsTrue(hz > 0 && hz <= Mrf24j40.MaximumSpiClockHz / 2, "SPI clock " + hz + " Hz leaves no margin under the MRF24J40's " + Mrf24j40.MaximumSpiClockHz + " Hz");
        }

        private static byte[] Beacon() => new byte[] { 0x00, 0x80, 0x01, 0x34, 0x12, 0x00, 0x00, 0xFF, 0xCF, 0x00, 0x00 };

        /// <summary>A chip whose clock runs while the driver spins, as time does on the device.</summary>
        private static (Mrf24j40Emulator Chip, SpinningClock Clock) ChipWithRunningClock()
        {
            var medium = _medium = new RadioMedium(9);
            var clock = new SpinningClock();
            var chip = new Mrf24j40Emulator(medium, "hub") { Clock = clock };
            return (chip, clock);
        }

        /// <summary>Every 50 reads of the monotonic time move it on a millisecond: the CPU's own time passing.</summary>
        private sealed class SpinningClock : IClock
        {
            private readonly VirtualClock _inner = new(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
            private int _reads;

            public DateTime UtcNow => _inner.UtcNow;

            public long MonotonicMilliseconds
            {
                get
                {
                    if (++_reads % 50 == 0)
                    {
                        _inner.Advance(TimeSpan.FromMilliseconds(1));
                    }

                    return _inner.MonotonicMilliseconds;
                }
            }

            public void Advance(TimeSpan by) => _inner.Advance(by);

            public void SetUtcNow(DateTime utc) => _inner.SetUtcNow(utc);

            public ClockTimer StartTimer(long dueInMilliseconds, ClockTimerCallback callback, object state) => _inner.StartTimer(dueInMilliseconds, callback, state);

            public void RunDueTimers() => _inner.RunDueTimers();
        }

        /// <summary>One bit of one long register always reads 0: a marginal line on the bench.</summary>
        private sealed class StuckBitBus : ISpiBus
        {
            private readonly ISpiBus _inner;
            private readonly int _longAddress;
            private readonly int _bit;

            public StuckBitBus(ISpiBus inner, int longAddress, int bit)
            {
                _inner = inner;
                _longAddress = longAddress;
                _bit = bit;
            }

            public void TransferFullDuplex(byte[] writeBuffer, byte[] readBuffer, int length)
            {
                _inner.TransferFullDuplex(writeBuffer, readBuffer, length);
                bool longRead = (writeBuffer[0] & 0x80) != 0 && (writeBuffer[1] & 0x10) == 0 && length == 3;
                if (longRead && readBuffer != null && ((((writeBuffer[0] & 0x7F) << 3) | (writeBuffer[1] >> 5)) == _longAddress))
                {
                    readBuffer[2] = (byte)(readBuffer[2] & ~_bit);
                }
            }
        }

        /// <summary>Records short-register writes as "AA=VV" in order.</summary>
        private sealed class RegisterSpy : ISpiBus
        {
            private readonly ISpiBus _inner;

            public RegisterSpy(ISpiBus inner)
            {
                _inner = inner;
            }

            public List<string> ShortWrites { get; } = new();

            public void TransferFullDuplex(byte[] writeBuffer, byte[] readBuffer, int length)
            {
                if ((writeBuffer[0] & 0x81) == 0x01 && length == 2)
                {
                    ShortWrites.Add(((writeBuffer[0] >> 1) & 0x3F).ToString("X2") + "=" + writeBuffer[1].ToString("X2"));
                }

                _inner.TransferFullDuplex(writeBuffer, readBuffer, length);
            }
        }
    }
}
