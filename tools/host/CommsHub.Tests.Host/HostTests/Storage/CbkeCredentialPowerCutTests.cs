using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Hub;
using CommsHub.Security;
using CommsHub.Storage.W25q;
using CommsHub.VirtualBoard.Emulators;
using nanoFramework.TestFramework;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace CommsHub.Tests.HostTests.Storage
{
    /// <summary>
    /// The CBKE credential store loses power at every SPI transaction of a sequence of provisionings, with the
    /// interrupted program or erase half done: a suite's first credentials, replacements, and enough of them that the
    /// store moves to its other sector (erasing it and copying the other suite's newest record first). After each cut
    /// the hub boots from that flash: each suite holds exactly the credentials it had before the interrupted write or
    /// the ones being written, complete (the same certificate, key and CA key as one provisioning) and loadable,
    /// never nothing where it had something. A store that wiped its sectors before writing fails the same check.
    /// </summary>
    [TestClass]
    public class CbkeCredentialPowerCutTests
    {
        private const ulong Hub = 0x00124B0001020304;
        private const int Start = 8 * 4096;

        [TestMethod]
        public void EveryCutDuringACredentialWriteLeavesTheOldOrTheNewCredentials()
        {
            var scenario = Scenario();
            var (cuts, failures, moves) = RunAllCuts(scenario, wipeFirst: false);
            Console.WriteLine(cuts + " cuts over " + scenario.Count + " provisionings (" + moves + " sector moves); " + failures.Count + " failure(s)");
            Assert.AreEqual(0, failures.Count, string.Join("\n", failures.Take(10)));
            Assert.IsTrue(cuts > 100, "only " + cuts + " cut points");
            Assert.IsTrue(moves >= 1, "the scenario never moved the store to its other sector");
        }

        [TestMethod]
        public void AStoreThatWipesBeforeWritingFailsTheSameCheck()
        {
            // The check can fail: erasing the store's sectors before each write (what the two-sector log exists to
            // avoid) loses the credentials at a cut between the erase and the write.
            var scenario = Scenario().Take(3).ToList();
            var (_, failures, _) = RunAllCuts(scenario, wipeFirst: true);
            Assert.IsTrue(failures.Any(f => f.Contains("lost")), "the wiping store was not caught: " + string.Join("\n", failures.Take(3)));
        }

        [TestMethod]
        public void AMoveCutAfterTheCopyNeverLeavesASuitesOnlyRecordInTheSectorErasedNext()
        {
            // Suite 1 fifteen times, then suite 2, fill the first sector with suite 2 newest; the next suite 1 write moves,
            // copying suite 2 first. Cut just after that copy: the new sector holds only the copy, suite 1 only lives in
            // the full sector. Then suite 2 is replaced until the store moves again, cut at every transaction of that
            // move: suite 1 must survive each cut (it would not if the copy had made the new sector the one in use).
            var random = new SecureRandom();
            random.SetSeed(77);
            var ca1 = new TestCertificateAuthority(1, new BigInteger("1234567890ABCDEF1234567890ABCDEF1234", 16), random);
            var ca2 = new TestCertificateAuthority(2, new BigInteger("2345678901ABCDEF2345678901ABCDEF23456789ABCDEF", 16), random);
            Credentials One(int serial) { var c = ca1.Issue(Hub, TestCertificateAuthority.TestIssuer, 0, 0xFFFFFFFF, 0x88, (ulong)serial); return new Credentials(KeyEstablishmentSuite.Suite1, c.Certificate, c.PrivateKey, ca1.CaPublicKey); }
            Credentials Two(int serial) { var c = ca2.Issue(Hub, TestCertificateAuthority.TestIssuer, 0, 0xFFFFFFFF, 0x88, (ulong)serial); return new Credentials(KeyEstablishmentSuite.Suite2, c.Certificate, c.PrivateKey, ca2.CaPublicKey); }
            var fill = Enumerable.Range(1, 15).Select(One).Append(Two(100)).ToList();
            Credentials moving = One(50);
            var replacements = Enumerable.Range(101, 17).Select(Two).ToList();

            // The setup: find the cut that leaves the copy alone in the new sector.
            NorFlashEmulator Setup(long from, out long copyCut)
            {
                copyCut = -1;
                for (long cut = from; cut < 200; cut++)
                {
                    var chip = new NorFlashEmulator(0x16);
                    chip.PowerOn();
                    CbkeCredentialStore store = Boot(chip, out W25qFlash flash);
                    foreach (var c in fill)
                    {
                        Provision(store, flash, c, false);
                    }

                    long before = chip.TransactionsSincePowerOn;
                    chip.CutPowerAt(new PowerCut(before + cut, 1.0));
                    try
                    {
                        Provision(store, flash, moving, false);
                        return null;
                    }
                    catch (PowerLossException)
                    {
                    }

                    bool copyOnly = Magic(chip, Start + 4096) && !Magic(chip, Start + 4096 + 256);
                    if (copyOnly)
                    {
                        copyCut = cut;
                        return chip;
                    }
                }

                return null;
            }

            NorFlashEmulator probe = Setup(1, out long copyAt);
            Assert.IsNotNull(probe, "no cut left the copy alone in the new sector");

            // Reference: after that cut, count the transactions of each replacement and find the one that erases.
            probe.PowerOn();
            CbkeCredentialStore rebooted = Boot(probe, out W25qFlash probeFlash);
            Assert.IsTrue(fill[14].Is(rebooted.Identity(KeyEstablishmentSuite.Suite1)), "suite 1 after the first cut");
            long start = probe.TransactionsSincePowerOn;
            var ranges = new List<(long From, long To, long Erases)>();
            foreach (var c in replacements)
            {
                long from = probe.TransactionsSincePowerOn;
                long erases = probe.SectorErases;
                Provision(rebooted, probeFlash, c, false);
                ranges.Add((from, probe.TransactionsSincePowerOn, probe.SectorErases - erases));
            }

            int movingIndex = ranges.FindIndex(r => r.Erases > 0);
            Assert.IsTrue(movingIndex >= 0, "the replacements never moved the store");
            var failures = new List<string>();
            for (long cut = ranges[movingIndex].From; cut < ranges[movingIndex].To; cut++)
            {
                NorFlashEmulator chip = Setup(copyAt, out _);
                chip.PowerOn();
                CbkeCredentialStore store = Boot(chip, out W25qFlash flash);
                chip.CutPowerAt(new PowerCut(cut, 0.5));
                try
                {
                    for (int i = 0; i <= movingIndex; i++)
                    {
                        Provision(store, flash, replacements[i], false);
                    }

                    failures.Add("cut " + cut + " never came");
                    continue;
                }
                catch (PowerLossException)
                {
                }

                chip.PowerOn();
                CbkeCredentialStore after = Boot(chip, out _);
                if (!fill[14].Is(after.Identity(KeyEstablishmentSuite.Suite1)))
                {
                    failures.Add("cut at transaction " + cut + " of the second move lost suite 1");
                }
            }

            Console.WriteLine("copy-only cut at +" + copyAt + "; " + (ranges[movingIndex].To - ranges[movingIndex].From) + " cuts in replacement " + (movingIndex + 1) + " (the move)");
            Assert.AreEqual(0, failures.Count, string.Join("\n", failures.Take(5)));
        }

        private static bool Magic(NorFlashEmulator chip, int address) =>
            chip.PeekByte(address) == 0x43 && chip.PeekByte(address + 1) == 0x4B && chip.PeekByte(address + 2) == 0x42 && chip.PeekByte(address + 3) == 0x45;

        private sealed record Credentials(ushort Suite, byte[] Certificate, byte[] PrivateKey, byte[] CaPublicKey)
        {
            public bool Is(KeyEstablishmentIdentity identity) =>
                identity != null && identity.Suite == Suite && identity.Certificate.Bytes.AsSpan(0, identity.Certificate.Length).SequenceEqual(Certificate)
                && identity.StaticPrivateKey.AsSpan().SequenceEqual(PrivateKey) && identity.CaPublicKey.AsSpan().SequenceEqual(CaPublicKey);
        }

        /// <summary>Suite 2 once, then suite 1 first and replaced until the first sector (16 records) is full and the store moves.</summary>
        private static List<Credentials> Scenario()
        {
            var random = new SecureRandom();
            random.SetSeed(1313);
            var ca1 = new TestCertificateAuthority(1, new BigInteger("1234567890ABCDEF1234567890ABCDEF1234", 16), random);
            var ca2 = new TestCertificateAuthority(2, new BigInteger("2345678901ABCDEF2345678901ABCDEF23456789ABCDEF", 16), random);
            var list = new List<Credentials>();
            IssuedCertificate two = ca2.Issue(Hub, TestCertificateAuthority.TestIssuer, 0, 0xFFFFFFFF, 0x88, 1);
            list.Add(new Credentials(KeyEstablishmentSuite.Suite2, two.Certificate, two.PrivateKey, ca2.CaPublicKey));
            for (int i = 0; i < 17; i++)
            {
                IssuedCertificate one = ca1.Issue(Hub, TestCertificateAuthority.TestIssuer, 0, 0xFFFFFFFF, 0x88, (ulong)(10 + i));
                list.Add(new Credentials(KeyEstablishmentSuite.Suite1, one.Certificate, one.PrivateKey, ca1.CaPublicKey));
            }

            return list;
        }

        private static (int Cuts, List<string> Failures, int Moves) RunAllCuts(List<Credentials> scenario, bool wipeFirst)
        {
            // The reference run (one power-on, the provisionings one after another) counts the transactions; each later
            // run cuts at one of them.
            var chip = new NorFlashEmulator(0x16);
            chip.PowerOn();
            CbkeCredentialStore store = Boot(chip, out W25qFlash flash);
            foreach (var c in scenario)
            {
                Provision(store, flash, c, wipeFirst);
            }

            long total = chip.TransactionsSincePowerOn;
            int moves = (int)chip.SectorErases;
            var failures = new List<string>();
            int cuts = 0;
            for (long cut = 0; cut < total; cut++)
            {
                cuts++;
                string failure = CutAt(scenario, cut, wipeFirst);
                if (failure != null)
                {
                    failures.Add("cut at transaction " + cut + ": " + failure);
                }
            }

            return (cuts, failures, moves);
        }

        private static CbkeCredentialStore Boot(NorFlashEmulator chip, out W25qFlash flash)
        {
            flash = new W25qFlash(chip);
            flash.Identify();
            var store = new CbkeCredentialStore(flash, Start, Hub);
            store.Mount();
            return store;
        }

        /// <summary>Provisions one set of credentials to the end, as the WAN and the work queue would.</summary>
        private static void Provision(CbkeCredentialStore store, W25qFlash flash, Credentials c, bool wipeFirst)
        {
            KeyEstablishmentIdentity other = store.Identity(c.Suite == KeyEstablishmentSuite.Suite1 ? KeyEstablishmentSuite.Suite2 : KeyEstablishmentSuite.Suite1);
            if (wipeFirst)
            {
                flash.EraseSector(Start);
                flash.EraseSector(Start + 4096);
                store.Mount();
                if (other != null)
                {
                    // The wiping variant puts the other suite back at once, so only the suite being written can be lost.
                    Keep(store, other.Suite, other.Certificate.Bytes.AsSpan(0, other.Certificate.Length).ToArray(), other.StaticPrivateKey, other.CaPublicKey);
                }
            }

            Keep(store, c.Suite, c.Certificate, c.PrivateKey, c.CaPublicKey);
        }

        private static void Keep(CbkeCredentialStore store, ushort suite, byte[] certificate, byte[] privateKey, byte[] caPublicKey)
        {
            string problem = store.BeginProvision(suite, certificate, privateKey, caPublicKey, new SoftwareAes(), null);
            Assert.IsNull(problem, problem);
            while (!store.Check.Step())
            {
            }

            Assert.IsNull(store.Check.Refusal, store.Check.Refusal);
        }

        private static string CutAt(List<Credentials> scenario, long cutAt, bool wipeFirst)
        {
            var chip = new NorFlashEmulator(0x16);
            chip.PowerOn();
            chip.CutPowerAt(new PowerCut(cutAt, 0.5));
            var held = new Dictionary<ushort, Credentials>();
            Credentials writing = null;
            try
            {
                CbkeCredentialStore running = Boot(chip, out W25qFlash runningFlash);
                foreach (var c in scenario)
                {
                    writing = c;
                    Provision(running, runningFlash, c, wipeFirst);
                    held[c.Suite] = c;
                    writing = null;
                }

                return "the cut never came";
            }
            catch (PowerLossException)
            {
            }

            // Power returns: the hub boots from what the flash holds.
            chip.PowerOn();
            CbkeCredentialStore store = Boot(chip, out W25qFlash flash);
            foreach (ushort suite in new[] { KeyEstablishmentSuite.Suite1, KeyEstablishmentSuite.Suite2 })
            {
                KeyEstablishmentIdentity found = store.Identity(suite);
                held.TryGetValue(suite, out Credentials before);
                Credentials incoming = writing != null && writing.Suite == suite ? writing : null;
                string during = writing == null ? "booting" : Describe(writing) + " was written";
                if (found == null)
                {
                    if (before != null)
                    {
                        return "suite " + suite + " lost its credentials while " + during;
                    }

                    continue;
                }

                if (!(before != null && before.Is(found)) && !(incoming != null && incoming.Is(found)))
                {
                    return "suite " + suite + " holds credentials that are neither the old nor the new ones while " + during;
                }
            }

            // What the hub boots with must also take the next provisioning, and keep it across a reboot.
            Credentials next = writing ?? scenario[0];
            Keep(store, next.Suite, next.Certificate, next.PrivateKey, next.CaPublicKey);
            CbkeCredentialStore after = Boot(chip, out _);
            if (!next.Is(after.Identity(next.Suite)))
            {
                return "after the cut a new provisioning of " + Describe(next) + " did not hold across a reboot";
            }

            return null;
        }

        private static string Describe(Credentials c) => "suite " + c.Suite + " certificate " + Convert.ToHexString(c.Certificate, 0, 6) + "...";
    }
}
