using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CommsHub.Security;
using CommsHub.Storage.Devices;
using CommsHub.Storage.W25q;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.Wan;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.TrustCenter
{
    /// <summary>
    /// The CHF Device Log and the Historic Device Log in flash: a reboot keeps both, the historic log keeps the newest 15
    /// removals with their link keys, and a power cut at any SPI transaction of a run of adds and removals leaves the log
    /// as it was before or after the change in progress, never lost or mixed.
    /// </summary>
    [TestClass]
    public class DeviceLogStoreTests
    {
        private const int Start = 200 * 4096;

        [TestMethod]
        public void ALogOfAddsAndRemovalsSurvivesARebootAndTheHistoricLogKeepsTheNewestFifteen()
        {
            var chip = new NorFlashEmulator(0x14);
            var log = Mount(chip);
            for (int i = 0; i < 16; i++)
            {
                Assert.IsTrue(log.AddOrReplace(Entry(i)));
            }

            Assert.IsFalse(log.AddOrReplace(Entry(16)), "a full log grew");
            for (int i = 0; i < 16; i++)
            {
                Assert.IsTrue(log.Remove(Eui(i)));
                Assert.IsTrue(log.AddOrReplace(Entry(100 + i)));
            }

            Assert.AreEqual(HistoricDeviceLog.Capacity, log.Historic.Count);
            Assert.AreEqual(Eui(1), log.Historic.DeviceAt(0), "the oldest removal was not the one overwritten");
            Assert.AreEqual(Eui(15), log.Historic.DeviceAt(14));
            Assert.AreEqual(-1, log.Historic.IndexOf(Eui(0)));
            string before = Describe(log);

            chip.PowerOn();
            var rebooted = Mount(chip);
            Assert.IsNull(rebooted.Problem, rebooted.Problem);
            Assert.AreEqual(before, Describe(rebooted));
            Assert.AreEqual(16, rebooted.Count);

            // Without a trust centre's key the historic entry keeps the install-code key.
            byte[] expected = new byte[16];
            new InstallCode(new DotNetAes()).DeriveFromCode(Code(5), 0, Code(5).Length, expected, 0);
            byte[] kept = new byte[16];
            rebooted.Historic.CopyKeyAt(rebooted.Historic.IndexOf(Eui(5)), kept, 0);
            Assert.AreEqual(Convert.ToHexString(expected), Convert.ToHexString(kept));
        }

        [TestMethod]
        public void ARemovalKeepsTheTrustCentresLinkKeyAndTellsTheTrustCentre()
        {
            var log = Mount(new NorFlashEmulator(0x14));
            log.AddOrReplace(Entry(1));
            byte[] cbke = Enumerable.Range(0, 16).Select(b => (byte)(0xA0 + b)).ToArray();
            log.LinkKeys = (device, key, offset) =>
            {
                cbke.CopyTo(key, offset);
                return true;
            };
            var removed = new List<ulong>();
            log.Removed += removed.Add;
            Assert.IsFalse(log.Remove(Eui(2)));
            Assert.IsTrue(log.Remove(Eui(1)));
            Assert.AreEqual(Eui(1), removed.Single());
            byte[] kept = new byte[16];
            log.Historic.CopyKeyAt(0, kept, 0);
            Assert.AreEqual(Convert.ToHexString(cbke), Convert.ToHexString(kept));
            Assert.AreEqual(0, log.Count);
        }

        [TestMethod]
        public void APowerCutAtAnyTransactionLeavesTheLogAsBeforeOrAfterTheChangeInProgress()
        {
            // Enough changes to wrap both sectors (four records a sector).
            var steps = new List<Action<DeviceLog>>();
            for (int i = 0; i < 6; i++)
            {
                int n = i;
                steps.Add(l => l.AddOrReplace(Entry(n)));
            }

            for (int i = 0; i < 5; i++)
            {
                int n = i;
                steps.Add(l => l.Remove(Eui(n)));
            }

            steps.Add(l => l.AddOrReplace(Entry(40)));

            var reference = new NorFlashEmulator(0x14);
            var states = new List<string>();
            var log = Mount(reference);
            states.Add(Describe(log));
            foreach (var step in steps)
            {
                step(log);
                states.Add(Describe(log));
            }

            long transactions = reference.TransactionsSincePowerOn;
            Assert.IsTrue(transactions > 50, "the scenario made only " + transactions + " transactions");
            var failures = new List<string>();
            foreach (double fraction in new[] { 0.0, 0.5, 0.99 })
            {
                for (long cut = 0; cut < transactions && failures.Count < 5; cut++)
                {
                    var chip = new NorFlashEmulator(0x14);
                    chip.CutPowerAt(new PowerCut(cut, fraction));
                    int done = -1;
                    try
                    {
                        var l = Mount(chip);
                        done = 0;
                        foreach (var step in steps)
                        {
                            step(l);
                            done++;
                        }

                        failures.Add("cut at " + cut + " never happened");
                        continue;
                    }
                    catch (PowerLossException)
                    {
                    }

                    chip.PowerOn();
                    var after = Mount(chip);
                    string now = Describe(after);
                    int at = Math.Max(done, 0);
                    bool ok = after.Problem == null && (now == states[at] || (at + 1 < states.Count && now == states[at + 1]));
                    if (!ok)
                    {
                        failures.Add("cut at " + cut + " (" + fraction.ToString("P0") + ") in step " + at + ": " + (after.Problem ?? now));
                        continue;
                    }

                    // And the log carries on: the rest of the steps from where it stands.
                    for (int s = now == states[at] ? at : at + 1; s < steps.Count; s++)
                    {
                        steps[s](after);
                    }

                    chip.PowerOn();
                    if (Describe(Mount(chip)) != states[^1])
                    {
                        failures.Add("cut at " + cut + ": finishing after the reboot did not reach the same log");
                    }
                }
            }

            Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
        }

        private static DeviceLog Mount(NorFlashEmulator chip)
        {
            var flash = new W25qFlash(chip);
            flash.Identify();
            var log = new DeviceLog(DeviceLogPolicy.Capacity, new DeviceLogStore(flash, Start));
            log.Mount();
            return log;
        }

        private static ulong Eui(int n) => 0x00DB000000000000UL + (ulong)n;

        private static byte[] Code(int n) => Enumerable.Range(0, n % 2 == 0 ? 16 : 8).Select(b => (byte)(b * 7 + n)).ToArray();

        private static DeviceLogEntry Entry(int n) => new DeviceLogEntry { Device = Eui(n), Kind = (byte)(n % 4), InstallCode = Code(n) };

        private static string Describe(DeviceLog log)
        {
            var s = new StringBuilder();
            for (int i = 0; i < log.Count; i++)
            {
                var e = log.Entry(i);
                s.Append(e.Device.ToString("X")).Append('/').Append(e.Kind).Append('/').Append(Convert.ToHexString(e.InstallCode)).Append(' ');
            }

            s.Append("| ");
            byte[] key = new byte[16];
            for (int i = 0; i < log.Historic.Count; i++)
            {
                log.Historic.CopyKeyAt(i, key, 0);
                s.Append(log.Historic.DeviceAt(i).ToString("X")).Append('/').Append(log.Historic.KindAt(i)).Append('/').Append(Convert.ToHexString(key)).Append(' ');
            }

            return s.ToString();
        }
    }
}
