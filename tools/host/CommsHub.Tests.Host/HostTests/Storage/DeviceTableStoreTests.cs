using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.Mac.Coordinator;
using CommsHub.Nwk;
using CommsHub.Storage.Network;
using CommsHub.Storage.W25q;
using CommsHub.TrustCenter;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.VirtualBoard.Radio;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Storage
{
    /// <summary>
    /// The device table in flash on the emulated W25Q: children, their incoming NWK frame counters and link keys come
    /// back after a reboot into the MAC's child table, the neighbour table and the link key table; a damaged record is
    /// skipped and the rest restored; a full table refuses the next device without losing the others; a power cut at
    /// any flash transaction leaves either the state before or after the change it interrupted.
    /// </summary>
    [TestClass]
    public class DeviceTableStoreTests
    {
        private const int Start = 64 * 4096;
        private const ulong Hub = 0x00124B00AABBCCDD;

        [TestMethod]
        public void ChildrenCountersAndLinkKeysComeBackAfterAReboot()
        {
            var chip = new NorFlashEmulator(0x14);
            var t = Tables.Boot(chip);
            t.Join(0x00DB000000000001, 0x1001, true, 0x11);
            t.Join(0x00DB000000000002, 0x1002, false, 0x22);
            t.Join(0x00DB000000000003, 0x1003, true, 0x33);
            t.Accept(0x00DB000000000001, 40);
            t.Accept(0x00DB000000000002, 7);
            t.Leave(0x00DB000000000003);

            var again = Tables.Boot(chip);
            Assert.AreEqual(2, again.Mac.Children.Count);
            Assert.AreEqual(2, again.Neighbours.Count);
            int one = again.Neighbours.IndexOf(0x00DB000000000001);
            Assert.AreEqual(0x1001, (int)again.Neighbours.ShortAt(one));
            Assert.IsTrue(again.Neighbours.RxOnWhenIdleAt(one));
            Assert.IsFalse(again.Neighbours.IsFresh(one, 40), "a counter accepted before the reboot is fresh again");
            Assert.IsTrue(again.Neighbours.IsFresh(one, 41));
            int two = again.Mac.Children.IndexOf(0x00DB000000000002);
            Assert.AreEqual(0x1002, (int)again.Mac.Children.ShortAt(two));
            Assert.IsFalse(again.Mac.Children.RxOnWhenIdleAt(two));
            Assert.IsFalse(again.Neighbours.IsFresh(again.Neighbours.IndexOf(0x00DB000000000002), 7));

            // The device that left is no child any more, but the trust centre still holds its key.
            Assert.AreEqual(-1, again.Mac.Children.IndexOf(0x00DB000000000003));
            Assert.AreEqual("33", Convert.ToHexString(again.KeyOf(0x00DB000000000003))[..2]);
            Assert.AreEqual(Convert.ToHexString(Key(0x22)), Convert.ToHexString(again.KeyOf(0x00DB000000000002)));

            // Removing its key too removes it from flash.
            again.Keys.Remove(0x00DB000000000003);
            var third = Tables.Boot(chip);
            Assert.AreEqual(-1, third.Keys.IndexOf(0x00DB000000000003));
            Assert.AreEqual(2, third.Store.Count);
        }

        [TestMethod]
        public void ACbkeKeyComesBackAuthorisedAndAnInstallCodeKeyDoesNot()
        {
            var chip = new NorFlashEmulator(0x14);
            var t = Tables.Boot(chip);
            t.Join(0x00DB000000000001, 0x1001, true, 0x11);
            t.Join(0x00DB000000000002, 0x1002, true, 0x22);
            t.Keys.Put(0x00DB000000000002, Key(0x99), 0, true);

            var again = Tables.Boot(chip);
            Assert.IsFalse(again.Keys.IsAuthorised(again.Keys.IndexOf(0x00DB000000000001)));
            int cbke = again.Keys.IndexOf(0x00DB000000000002);
            Assert.IsTrue(again.Keys.IsAuthorised(cbke), "the CBKE key lost its authorisation across the reboot");
            Assert.AreEqual(Convert.ToHexString(Key(0x99)), Convert.ToHexString(again.KeyOf(0x00DB000000000002)));
        }

        [TestMethod]
        public void IncomingCountersAreSavedLazilyAndTheFloorNeverPassesWhatWasAccepted()
        {
            var chip = new NorFlashEmulator(0x14);
            var t = Tables.Boot(chip);
            t.Join(0x00DB000000000001, 0x1001, true, 0x11);
            int before = t.Store.RecordsWritten;
            for (uint c = 1; c <= 160; c++)
            {
                t.Accept(0x00DB000000000001, c);
            }

            int records = t.Store.RecordsWritten - before;
            Assert.IsTrue(records <= 160 / (int)IncomingCounterPolicy.SaveEveryFrames + 1, records + " records for 160 frames");
            Assert.IsTrue(records >= 160 / (int)IncomingCounterPolicy.SaveEveryFrames, records + " records for 160 frames");
            t.Accept(0x00DB000000000001, 170);

            // Past the time limit a single new frame is saved.
            t.Clock.Advance(TimeSpan.FromSeconds(IncomingCounterPolicy.SaveEverySeconds));
            t.Accept(0x00DB000000000001, 171);
            Assert.AreEqual(171L, t.Store.SavedCounterOf(0x00DB000000000001));

            var again = Tables.Boot(chip);
            int n = again.Neighbours.IndexOf(0x00DB000000000001);
            Assert.IsFalse(again.Neighbours.IsFresh(n, 171));
            Assert.IsTrue(again.Neighbours.IsFresh(n, 172), "the device's next frame must be accepted after the reboot");
        }

        [TestMethod]
        public void ManyChangesWrapBothSectorsAndEveryDeviceComesBack()
        {
            var chip = new NorFlashEmulator(0x14);
            var t = Tables.Boot(chip);
            for (int d = 0; d < 20; d++)
            {
                t.Join(0x00DB000000000100UL + (ulong)d, (ushort)(0x2000 + d), d % 2 == 0, (byte)d);
            }

            for (uint c = 1; c <= 40; c++)
            {
                for (int d = 0; d < 20; d++)
                {
                    t.Accept(0x00DB000000000100UL + (ulong)d, c * 16);
                }
            }

            Assert.IsTrue(t.Store.Erases >= 3, "the device table sectors were erased " + t.Store.Erases + " times");
            var again = Tables.Boot(chip);
            Assert.AreEqual(20, again.Mac.Children.Count);
            for (int d = 0; d < 20; d++)
            {
                ulong device = 0x00DB000000000100UL + (ulong)d;
                int n = again.Neighbours.IndexOf(device);
                Assert.AreEqual(0x2000 + d, (int)again.Neighbours.ShortAt(n));
                Assert.IsFalse(again.Neighbours.IsFresh(n, 640));
                Assert.IsTrue(again.Neighbours.IsFresh(n, 641));
                Assert.AreEqual((byte)d, again.KeyOf(device)[0]);
            }
        }

        [TestMethod]
        public void ARecordWithABadCrcIsIgnoredAndTheRestRestored()
        {
            var chip = new NorFlashEmulator(0x14);
            var t = Tables.Boot(chip);
            t.Join(0x00DB000000000001, 0x1001, true, 0xA5);
            t.Join(0x00DB000000000002, 0x1002, true, 0xA5);

            // The first record (the first device's) gets a bit flipped inside its key.
            var flash = new W25qFlash(chip);
            flash.Identify();
            flash.ProgramPage(Start + (4 * 4096) + 21, new byte[] { 0x00 }, 0, 1);

            var again = Tables.Boot(chip);
            Assert.AreEqual(1, again.Store.DamagedRecords);
            Assert.AreEqual(-1, again.Mac.Children.IndexOf(0x00DB000000000001), "a damaged record was used");
            Assert.AreEqual(0x1002, (int)again.Mac.Children.ShortAt(again.Mac.Children.IndexOf(0x00DB000000000002)));
            Assert.AreEqual(Convert.ToHexString(Key(0xA5)), Convert.ToHexString(again.KeyOf(0x00DB000000000002)));

            // The damaged record is never written over: new records go after it, and the device can be kept again.
            again.Join(0x00DB000000000001, 0x1003, true, 0xA5);
            var third = Tables.Boot(chip);
            Assert.AreEqual(2, third.Mac.Children.Count);
            Assert.AreEqual(0x1003, (int)third.Mac.Children.ShortAt(third.Mac.Children.IndexOf(0x00DB000000000001)));
        }

        [TestMethod]
        public void AFullTableRefusesTheNextDeviceAndKeepsTheOthers()
        {
            var chip = new NorFlashEmulator(0x14);
            var t = Tables.Boot(chip, tableCapacity: DeviceTablePolicy.Capacity + 1);
            for (int d = 0; d < DeviceTablePolicy.Capacity; d++)
            {
                t.Join(0x00DB000000000100UL + (ulong)d, (ushort)(0x2000 + d), true, (byte)d);
            }

            Assert.IsNull(t.Store.Problem);
            t.Join(0x00DB0000000001FF, 0x2FFF, true, 0xFF);
            Assert.AreEqual(1, t.Store.Refused);
            Assert.IsTrue(t.Store.Problem.Contains("00-DB-00-00-00-00-01-FF") && t.Store.Problem.Contains("full"), t.Store.Problem);
            for (uint c = 1; c <= 20; c++)
            {
                t.Accept(0x00DB0000000001FF, c * 16);
                t.Accept(0x00DB000000000100, c * 16);
            }

            var again = Tables.Boot(chip, tableCapacity: DeviceTablePolicy.Capacity + 1);
            Assert.AreEqual(DeviceTablePolicy.Capacity, again.Mac.Children.Count);
            Assert.AreEqual(-1, again.Mac.Children.IndexOf(0x00DB0000000001FF));
            for (int d = 0; d < DeviceTablePolicy.Capacity; d++)
            {
                Assert.AreEqual((byte)d, again.KeyOf(0x00DB000000000100UL + (ulong)d)[0]);
            }

            Assert.IsTrue(again.Neighbours.IsFresh(again.Neighbours.IndexOf(0x00DB000000000100), 321));
            Assert.IsFalse(again.Neighbours.IsFresh(again.Neighbours.IndexOf(0x00DB000000000100), 320));
        }

        [TestMethod]
        public void APowerCutAtRandomTransactionsLeavesTheStateBeforeOrAfterTheInterruptedChange()
        {
            var reference = new NorFlashEmulator(0x14);
            Churn(reference, new List<string>(), out _);
            long transactions = reference.TransactionsSincePowerOn;
            var random = new Random(12);
            var failures = new List<string>();
            for (int run = 0; run < 300 && failures.Count < 5; run++)
            {
                long cut = random.NextInt64(transactions);
                var chip = new NorFlashEmulator(0x14);
                chip.CutPowerAt(new PowerCut(cut, random.NextDouble()));
                var states = new List<string>();
                try
                {
                    Churn(chip, states, out _);
                    failures.Add("cut at " + cut + " never happened");
                    continue;
                }
                catch (PowerLossException)
                {
                }

                chip.PowerOn();
                string got = Tables.Boot(chip).Describe();
                string before = states.Count >= 2 ? states[^2] : "";
                string after = states.Count >= 1 ? states[^1] : "";
                if (got != before && got != after)
                {
                    failures.Add("cut at " + cut + ":\n  got    " + got + "\n  before " + before + "\n  after  " + after);
                }
            }

            Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
        }

        /// <summary>
        /// Joins, counters, leaves and key removals across many devices. Before each change the expected state after it
        /// is added to <paramref name="states"/>, so at a cut the last two entries are "before" and "after".
        /// </summary>
        private static void Churn(NorFlashEmulator chip, List<string> states, out Tables t)
        {
            var random = new Random(5);
            t = Tables.Boot(chip);
            var model = new SortedDictionary<ulong, string>();
            states.Add("");
            for (int step = 0; step < 400; step++)
            {
                ulong device = 0x00DB000000000100UL + (ulong)random.Next(12);
                int what = random.Next(10);
                bool child = t.Mac.Children.IndexOf(device) >= 0;
                if (!child && what < 8)
                {
                    model[device] = "child " + (0x3000 + (int)(device & 0xFF)).ToString("X4") + " key " + (byte)device + " counter -";
                    states.Add(string.Join(";", model.Select(kv => kv.Key.ToString("X") + " " + kv.Value)));
                    t.Join(device, (ushort)(0x3000 + (int)(device & 0xFF)), true, (byte)device);
                }
                else if (child && what < 8)
                {
                    uint next = (uint)(t.LastCounter(device) + 1 + random.Next(20));
                    long saved = t.Store.SavedCounterOf(device);
                    bool due = saved < 0 || next - saved >= IncomingCounterPolicy.SaveEveryFrames;
                    if (due)
                    {
                        model[device] = "child " + (0x3000 + (int)(device & 0xFF)).ToString("X4") + " key " + (byte)device + " counter " + next;
                    }

                    states.Add(string.Join(";", model.Select(kv => kv.Key.ToString("X") + " " + kv.Value)));
                    t.Accept(device, next);
                }
                else if (child)
                {
                    model[device] = "key " + (byte)device;
                    states.Add(string.Join(";", model.Select(kv => kv.Key.ToString("X") + " " + kv.Value)));
                    t.Leave(device);
                }
                else if (model.ContainsKey(device))
                {
                    model.Remove(device);
                    states.Add(string.Join(";", model.Select(kv => kv.Key.ToString("X") + " " + kv.Value)));
                    t.Keys.Remove(device);
                }
            }
        }

        private static byte[] Key(byte first)
        {
            byte[] key = new byte[16];
            for (int i = 0; i < 16; i++)
            {
                key[i] = (byte)(first + i);
            }

            return key;
        }

        /// <summary>The live tables a hub keeps, and the store attached to them, on one boot.</summary>
        private sealed class Tables
        {
            public CoordinatorMac Mac;
            public NeighbourTable Neighbours;
            public LinkKeyTable Keys;
            public DeviceTableStore Store;
            public VirtualClock Clock;

            public static Tables Boot(NorFlashEmulator chip, int tableCapacity = 32)
            {
                var flash = new W25qFlash(chip);
                flash.Identify();
                var bench = new RadioBench(1);
                var (_, radio) = bench.AddRadio("hub");
                var t = new Tables
                {
                    Clock = new VirtualClock(new DateTime(2026, 11, 21, 9, 0, 0, DateTimeKind.Utc)),
                    Neighbours = new NeighbourTable(tableCapacity),
                    Keys = new LinkKeyTable(tableCapacity),
                };
                t.Mac = new CoordinatorMac(radio, t.Clock, new HostEntropy(), Hub, Hub);
                var store = new NetworkStore(flash, Start);
                store.Mount();
                t.Store = store.Devices;
                t.Store.Attach(t.Mac, t.Neighbours, t.Keys, t.Clock);
                return t;
            }

            /// <summary>What a join leaves in the tables: the MAC's child and the NWK neighbour first, then the trust centre's key.</summary>
            public void Join(ulong device, ushort shortAddress, bool rxOn, byte key)
            {
                Mac.Children.Put(device, shortAddress, rxOn);
                Neighbours.Put(device, shortAddress, rxOn);
                Keys.Put(device, Key(key), 0);
            }

            public void Accept(ulong device, uint counter) => Neighbours.Accept(Neighbours.IndexOf(device), counter);

            public long LastCounter(ulong device) => Neighbours.IncomingCounterAt(Neighbours.IndexOf(device));

            /// <summary>A child leaving, as the MAC reports it (the table change, then the key's event brings the store in line).</summary>
            public void Leave(ulong device)
            {
                Mac.Children.Remove(device);
                Neighbours.Remove(device);
                int slot = Keys.IndexOf(device);
                Keys.Put(device, Keys.Keys, Keys.KeyOffset(slot));
            }

            public byte[] KeyOf(ulong device)
            {
                int slot = Keys.IndexOf(device);
                Assert.IsTrue(slot >= 0, "no link key for " + device.ToString("X"));
                return Keys.Keys.AsSpan(Keys.KeyOffset(slot), 16).ToArray();
            }

            public string Describe()
            {
                var parts = new SortedDictionary<ulong, string>();
                for (int i = 0; i < 12; i++)
                {
                    ulong device = 0x00DB000000000100UL + (ulong)i;
                    int child = Mac.Children.IndexOf(device);
                    int key = Keys.IndexOf(device);
                    if (child < 0 && key < 0)
                    {
                        continue;
                    }

                    long saved = Store.SavedCounterOf(device);
                    parts[device] = (child >= 0 ? "child " + Mac.Children.ShortAt(child).ToString("X4") + " " : "")
                        + "key " + (key >= 0 ? Keys.Keys[Keys.KeyOffset(key)].ToString() : "-")
                        + (child >= 0 ? " counter " + (saved < 0 ? "-" : saved.ToString()) : "");
                }

                return string.Join(";", parts.Select(kv => kv.Key.ToString("X") + " " + kv.Value));
            }
        }
    }
}
