using System;
using System.Collections.Generic;
using CommsHub.Nwk;
using CommsHub.Storage.Network;
using CommsHub.Storage.W25q;
using CommsHub.VirtualBoard.Emulators;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Storage
{
    /// <summary>
    /// The network store on the emulated W25Q: network parameters survive reboots, and the outgoing NWK frame
    /// counter never hands out a value twice, whatever SPI transaction a power cut lands on.
    /// </summary>
    [TestClass]
    public class NetworkStoreTests
    {
        private const int Start = 64 * 4096;
        private const int Boots = 600;
        private const int ValuesPerBoot = 3;

        [TestMethod]
        public void ParametersAndTheCounterResumeAfterAReboot()
        {
            var chip = new NorFlashEmulator(0x14);
            var store = Boot(chip);
            Assert.IsNull(store.Network);
            var network = new NetworkParameters { ExtendedPanId = 0x00124B0001020304, PanId = 0x1234, Channel = 25, KeySequence = 3 };
            for (int i = 0; i < 16; i++)
            {
                network.NetworkKey[i] = (byte)(0xA0 + i);
            }

            store.Save(network);
            Assert.IsTrue(store.TryNext(out uint first));
            Assert.IsTrue(store.TryNext(out uint second));
            Assert.AreEqual(first + 1, second);

            var again = Boot(chip);
            Assert.IsNotNull(again.Network, again.Problem);
            Assert.AreEqual(0x00124B0001020304UL, again.Network.ExtendedPanId);
            Assert.AreEqual(0x1234, (int)again.Network.PanId);
            Assert.AreEqual(25, again.Network.Channel);
            Assert.AreEqual(3, (int)again.Network.KeySequence);
            Assert.AreEqual(Convert.ToHexString(network.NetworkKey), Convert.ToHexString(again.Network.NetworkKey));
            Assert.IsTrue(again.TryNext(out uint afterReboot));
            Assert.AreEqual(FrameCounterPolicy.BlockSize, afterReboot, "resumes at the reserved block's end");
        }

        [TestMethod]
        public void ManyBootsWrapBothSectorsAndTheCounterOnlyGoesUp()
        {
            var chip = new NorFlashEmulator(0x14);
            uint last = 0;
            bool any = false;
            int erases = 0;
            for (int boot = 0; boot < Boots; boot++)
            {
                var store = Boot(chip);
                for (int i = 0; i < ValuesPerBoot; i++)
                {
                    Assert.IsTrue(store.TryNext(out uint v));
                    Assert.IsTrue(!any || v > last, "boot " + boot + ": " + v + " after " + last);
                    last = v;
                    any = true;
                }

                erases += store.CounterErases;
            }

            Assert.IsTrue(erases >= 2, "the counter sectors were erased " + erases + " times: the test did not wrap them");
        }

        [TestMethod]
        public void APowerCutAtAnyOfAThousandRandomPointsNeverRepeatsACounterValueAndKeepsTheNetwork()
        {
            // The uninterrupted scenario: form the network, then boots that each send a few frames.
            var reference = new NorFlashEmulator(0x14);
            Scenario(reference, new HashSet<uint>(), out _);
            long transactions = reference.TransactionsSincePowerOn;
            var random = new Random(2026);
            var failures = new List<string>();
            for (int run = 0; run < 1000 && failures.Count < 5; run++)
            {
                long cut = random.NextInt64(transactions);
                double fraction = random.NextDouble();
                var chip = new NorFlashEmulator(0x14);
                chip.CutPowerAt(new PowerCut(cut, fraction));
                var used = new HashSet<uint>();
                bool formed = false;
                try
                {
                    Scenario(chip, used, out formed);
                    failures.Add("cut at " + cut + " never happened");
                    continue;
                }
                catch (PowerLossException)
                {
                }

                chip.PowerOn();
                var store = Boot(chip);
                if (formed && (store.Network == null || store.Network.NetworkKey[0] != 0x5A))
                {
                    failures.Add("cut at " + cut + ": the formed network was lost (" + store.Problem + ")");
                }

                uint max = 0;
                foreach (uint v in used)
                {
                    max = Math.Max(max, v);
                }

                for (int i = 0; i < 5; i++)
                {
                    if (!store.TryNext(out uint v))
                    {
                        failures.Add("cut at " + cut + ": no counter after reboot");
                        break;
                    }

                    if (!used.Add(v) || (used.Count > 1 && v <= max))
                    {
                        failures.Add("cut at " + cut + " (" + fraction.ToString("P0") + "): value " + v + " used again (max before " + max + ")");
                        break;
                    }
                }
            }

            Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
        }

        /// <summary>Boots until one throws PowerLossException; every value handed out is added to <paramref name="used"/> before the next flash write.</summary>
        private static void Scenario(NorFlashEmulator chip, HashSet<uint> used, out bool formed)
        {
            formed = false;
            for (int boot = 0; boot < Boots; boot++)
            {
                var store = Boot(chip);
                if (store.Network == null)
                {
                    var network = new NetworkParameters { ExtendedPanId = 0x00124B0001020304, PanId = 0x1234, Channel = 15 };
                    network.NetworkKey[0] = 0x5A;
                    store.Save(network);
                    formed = true;
                }

                for (int i = 0; i < ValuesPerBoot; i++)
                {
                    Assert.IsTrue(store.TryNext(out uint v));
                    if (!used.Add(v))
                    {
                        throw new InvalidOperationException("value " + v + " repeated without a power cut");
                    }
                }
            }
        }

        private static NetworkStore Boot(NorFlashEmulator chip)
        {
            var flash = new W25qFlash(chip);
            flash.Identify();
            var store = new NetworkStore(flash, Start);
            store.Mount();
            return store;
        }
    }
}
