using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using CommsHub.Cli;
using CommsHub.Cli.Wan;
using CommsHub.Hub;
using CommsHub.Ota.Server;
using CommsHub.Storage.Metadata;
using CommsHub.Tests.HostTests.Storage;
using CommsHub.VirtualBoard.Emulators;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Wan
{
    /// <summary>The hub firmware and the head-end tool over one line, in virtual time: faults, reboots, alerts.</summary>
    [TestClass]
    public class WanEndToEndTests
    {
        private const ulong Ppmid = 0x00DB1234567890A4;

        [TestMethod]
        public void TheHeadEndLearnsTheHubsIdentityAndSetsItsClock()
        {
            var bench = new WanBench(null);

            var id = bench.HeadEnd.GetIdentity();
            string answer = bench.HeadEnd.SetTime(new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc));

            Assert.AreEqual(bench.Hub.Identity.Value, id.Eui);
            Assert.IsTrue(id.PublicKey.AsSpan().SequenceEqual(bench.Hub.Keys.PublicKey));
            Assert.AreEqual("ok", answer);
            Assert.IsTrue(bench.Hub.Store.ClockTrusted);
            Assert.AreEqual(new DateTime(2026, 12, 1, 10, 0, 0), new DateTime(bench.Clock.UtcNow.Ticks - (bench.Clock.UtcNow.Ticks % TimeSpan.TicksPerMinute)));
        }

        [TestMethod]
        public void AnImageSentByTheHeadEndIsStoredAndShowsInTheStatus()
        {
            var bench = new WanBench(null);
            bench.HeadEnd.SetTime(StoreRig.Start);
            byte[] image = StoreRig.Image(0x01000007, 60000);

            var reply = bench.HeadEnd.SendImage(image, 2, 0x01000007, new[] { Ppmid }, null);
            var status = bench.HeadEnd.GetStatus();

            Assert.AreEqual("stored", reply.StatusName, reply.Reason);
            Assert.IsTrue(status.Gsme.Present && status.Gsme.Version == 0x01000007 && status.Gsme.Targets.Single().Device == Ppmid);
            Assert.IsTrue(SHA256.HashData(image).AsSpan().SequenceEqual(bench.Hub.Store.State.Blocks[StoreState.GsmeBlock].Sha256));
        }

        [TestMethod]
        public void AnOversizedImageIsRefusedInWordsAndNothingStoredIsTouched()
        {
            var bench = new WanBench(null);
            bench.HeadEnd.SendImage(StoreRig.Image(0x01000001, 4000), 2, 0x01000001, new[] { Ppmid }, null);

            var reply = bench.HeadEnd.SendImage(new byte[768001], 2, 0x01000002, new[] { Ppmid }, null);

            Assert.AreEqual("invalid", reply.StatusName);
            Assert.IsTrue(reply.Reason.Contains("at most 768000 bytes"), reply.Reason);
            Assert.AreEqual(0x01000001u, bench.Hub.Store.State.Blocks[StoreState.GsmeBlock].FileVersion);
        }

        [TestMethod]
        public void AnOutcomeReachesTheHeadEndAsOneVerifiedAlertAndIsNotResentOnceAcknowledged()
        {
            var bench = new WanBench(null);
            bench.HeadEnd.GetIdentity();
            bench.HeadEnd.SetTime(StoreRig.Start);
            bench.HeadEnd.SendImage(StoreRig.Image(0x0123ABCD, 5000), 2, 0x0123ABCD, new[] { Ppmid }, null);
            bench.Hub.Store.OnBlockServed(Ppmid);
            bench.Hub.Store.OnUpgradeEnd(Ppmid, 0, true);

            var alerts = bench.HeadEnd.CollectAlerts(TimeSpan.FromSeconds(2));

            Assert.AreEqual(1, alerts.Count);
            Assert.IsTrue(alerts[0].Alert.SignatureValid == true, alerts[0].Alert.Text);
            Assert.IsTrue(alerts[0].Alert.Summary.StartsWith("FirmwareTransferAlert target 00-DB-12-34-56-78-90-A4 version 0123ABCD result fileTransferSuccess (0x8F8A)"), alerts[0].Alert.Summary);
            Assert.AreEqual(0, bench.Hub.Outcomes.UnacknowledgedCount);

            bench.RebootHub();
            Assert.AreEqual(0, bench.HeadEnd.CollectAlerts(TimeSpan.FromSeconds(40)).Count);
        }

        [TestMethod]
        public void AnAlertWhoseAcknowledgementWasLostIsResentAfterARebootButShownOnce()
        {
            var bench = new WanBench(new FaultyLine(9));
            bench.HeadEnd.GetIdentity();
            bench.Hub.Store.OnClockSet();
            bench.HeadEnd.SendImage(StoreRig.Image(0x01000003, 5000), 2, 0x01000003, new[] { Ppmid }, null);
            bench.Hub.Store.OnHardwareMismatch(Ppmid);

            bench.Line.Drop = 0;
            bench.CutHeadEndToHub = true;
            Assert.AreEqual(1, bench.HeadEnd.CollectAlerts(TimeSpan.FromSeconds(2)).Count);
            Assert.AreEqual(1, bench.Hub.Outcomes.UnacknowledgedCount, "the acknowledgement never arrived");

            bench.RebootHub();
            bench.CutHeadEndToHub = false;
            var again = bench.HeadEnd.CollectAlerts(TimeSpan.FromSeconds(5));

            Assert.AreEqual(0, again.Count, "the resent alert must not be shown twice");
            Assert.AreEqual(0, bench.Hub.Outcomes.UnacknowledgedCount);
        }

        [TestMethod]
        [DataRow(1)]
        [DataRow(2)]
        public void OnAFaultyLineWithTheHubRebootingMidImageTheImageArrivesWhole(int seed)
        {
            var bench = new WanBench(new FaultyLine(seed) { Drop = 0.03, Duplicate = 0.03, Corrupt = 0.03, Reorder = 0.03, Garbage = 0.03 });
            bench.HeadEnd.SetTime(StoreRig.Start);
            byte[] image = StoreRig.Image(0x01000005, 120000);
            bench.RebootAtPump = bench.Pumps + 3000;

            var reply = bench.HeadEnd.SendImage(image, 2, 0x01000005, new[] { Ppmid }, null);

            Assert.AreEqual("stored", reply.StatusName, reply.Reason);
            Assert.IsTrue(bench.Rebooted, "the hub never rebooted during the transfer");
            var held = bench.Hub.Store.State.Blocks[StoreState.GsmeBlock];
            Assert.IsTrue(SHA256.HashData(image).AsSpan().SequenceEqual(held.Sha256));
            bench.Hub.Store.OnBlockServed(Ppmid);
            bench.Hub.Store.OnUpgradeEnd(Ppmid, 0, true);
            bench.HeadEnd.GetIdentity();
            Assert.AreEqual(1, bench.HeadEnd.CollectAlerts(TimeSpan.FromSeconds(20)).Count);
        }

        [TestMethod]
        public void AProvisionedKeySignsTheNextAlertsAndSurvivesAReboot()
        {
            var bench = new WanBench(null);
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var parameters = key.ExportParameters(true);

            Assert.AreEqual("ok", bench.HeadEnd.ProvisionKey(parameters.D));
            Assert.IsTrue(bench.HeadEnd.ProvisionKey(new byte[32]).Contains("between 1 and n-1"));
            bench.RebootHub();
            var id = bench.HeadEnd.GetIdentity();

            Assert.IsTrue(id.PublicKey.AsSpan(0, 32).SequenceEqual(parameters.Q.X));
        }

        [TestMethod]
        public void TheDeviceLogAndTheActivationReport()
        {
            var bench = new WanBench(null);

            Assert.AreEqual("ok", bench.HeadEnd.AddDevice(Ppmid, 2, new byte[16]));
            Assert.IsTrue(bench.HeadEnd.AddDevice(Ppmid, 2, new byte[5]).Contains("install code"));
            Assert.AreEqual(1, bench.Hub.Wan.DeviceLog.Count);
            Assert.AreEqual("ok", bench.HeadEnd.RemoveDevice(Ppmid));
            Assert.IsTrue(bench.HeadEnd.RemoveDevice(Ppmid).Contains("not in the device log"));

            Assert.AreEqual("ok", bench.HeadEnd.SimulateActivation(0x00020001));
            bench.HeadEnd.CollectAlerts(TimeSpan.FromSeconds(1));
            Assert.IsTrue(bench.HeadEnd.Reports.Single().Contains("new version 00020001"), string.Join("|", bench.HeadEnd.Reports));
        }

        [TestMethod]
        public void DecodeVerifiesTheRtdsVectorAndRejectsATamperedOne()
        {
            string vector = File.ReadAllText(EcdsaCrossCheckTests.Vector("CCS08_NA_NA_ALERT_GBCS.HEX")).Trim();
            string cert = EcdsaCrossCheckTests.Vector("00db1234567890a2-ds.pem");
            var output = new StringWriter();

            int exit = CommandLine.Run(new[] { "wan", "decode", vector, "--cert", cert }, output, new StringWriter());

            Assert.AreEqual(0, exit, output.ToString());
            Assert.IsTrue(output.ToString().Contains("DUIS: FirmwareTransferAlert target 00-DB-12-34-56-78-90-A4 version 0123ABCD result fileTransferSuccess (0x8F8A) at 2015-01-01T00:00:00Z"), output.ToString());
            Assert.IsTrue(output.ToString().Contains("signature            valid"), output.ToString());

            string tampered = vector.Substring(0, 80) + (vector[80] == '0' ? '1' : '0') + vector.Substring(81);
            Assert.AreEqual(2, CommandLine.Run(new[] { "wan", "decode", tampered, "--cert", cert }, new StringWriter(), new StringWriter()));
        }

        [TestMethod]
        public void AlertsWaitingAtConnectAreHeldUntilTheKeyArrivesThenVerifiedRecordedAndAcknowledged()
        {
            var bench = new WanBench(null);
            bench.HeadEnd.SetTime(StoreRig.Start);
            bench.HeadEnd.SendImage(StoreRig.Image(0x0123ABCD, 5000), 2, 0x0123ABCD, new[] { Ppmid }, null);
            bench.Hub.Store.OnBlockServed(Ppmid);
            bench.Hub.Store.OnUpgradeEnd(Ppmid, 0, true);

            var before = bench.HeadEnd.CollectAlerts(TimeSpan.FromSeconds(2));

            Assert.AreEqual(0, before.Count, "an alert was shown before the hub's key was known");
            Assert.AreEqual(1, bench.HeadEnd.HeldAlerts);
            Assert.AreEqual(1, bench.Hub.Outcomes.UnacknowledgedCount, "an unverified alert was acknowledged");

            bench.HeadEnd.GetIdentity();
            var after = bench.HeadEnd.CollectAlerts(TimeSpan.FromSeconds(2));

            Assert.AreEqual(1, after.Count);
            Assert.IsTrue(after[0].Alert.SignatureValid == true, after[0].Alert.Text);
            Assert.AreEqual(0, bench.Hub.Outcomes.UnacknowledgedCount);
        }

        [TestMethod]
        public void AnAlertSignedWithAnotherKeyIsShownAsFailedAndNeitherRecordedNorAcknowledged()
        {
            var bench = new WanBench(null);
            var ledger = AlertLedger.InMemory();
            bench.HeadEnd.Ledger = ledger;
            var real = bench.HeadEnd.GetIdentity();
            using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var q = other.ExportParameters(false).Q;
            Assert.AreEqual("ok", bench.HeadEnd.ProvisionKey(other.ExportParameters(true).D));
            bench.HeadEnd.SetTime(StoreRig.Start);
            bench.HeadEnd.SendImage(StoreRig.Image(0x0123ABCD, 5000), 2, 0x0123ABCD, new[] { Ppmid }, null);
            bench.Hub.Store.OnBlockServed(Ppmid);
            bench.Hub.Store.OnUpgradeEnd(Ppmid, 0, true);

            // The head-end still trusts the key it learnt first: the hub's new signatures do not verify against it.
            Assert.IsFalse(real.PublicKey.AsSpan(0, 32).SequenceEqual(q.X));
            var shown = bench.HeadEnd.CollectAlerts(TimeSpan.FromSeconds(2));

            Assert.AreEqual(0, shown.Count);
            Assert.AreEqual(1, bench.HeadEnd.ForgedAlerts.Count);
            Assert.IsTrue(bench.HeadEnd.ForgedAlerts[0].Alert.Text.Contains("signature            INVALID"), bench.HeadEnd.ForgedAlerts[0].Alert.Text);
            Assert.IsFalse(ledger.Seen(bench.HeadEnd.ForgedAlerts[0].Counter));
            Assert.AreEqual(1, bench.Hub.Outcomes.UnacknowledgedCount);
        }

        [TestMethod]
        public void AnAlertOfferedAgainInTheSameSessionIsAcknowledgedOnce()
        {
            var bench = new WanBench(null);
            bench.HeadEnd.GetIdentity();
            bench.HeadEnd.SetTime(StoreRig.Start);
            bench.HeadEnd.SendImage(StoreRig.Image(0x0123ABCD, 5000), 2, 0x0123ABCD, new[] { Ppmid }, null);
            bench.Hub.Store.OnHardwareMismatch(Ppmid);

            // The head-end's acknowledgements are lost for two minutes: the hub offers the alert again every 30 s.
            bench.CutHeadEndToHub = true;
            bench.HeadEnd.CollectAlerts(TimeSpan.FromSeconds(125));
            Assert.IsTrue(bench.Hub.Wan.AlertsSent >= 4, "the hub offered the alert " + bench.Hub.Wan.AlertsSent + " time(s)");

            Assert.AreEqual(1, bench.HeadEnd.AcksSent);
        }

        [TestMethod]
        public void TimeIsSetToTheMillisecond()
        {
            var bench = new WanBench(null);
            var at = new DateTime(2026, 12, 1, 10, 0, 0, 987, DateTimeKind.Utc);

            Assert.AreEqual("ok", bench.HeadEnd.SetTime(at));

            long drift = bench.Clock.UtcNow.Ticks - at.Ticks;
            Assert.IsTrue(drift >= 0 && drift < TimeSpan.TicksPerMillisecond * 100, "hub clock " + bench.Clock.UtcNow.ToString("O"));
        }

        [TestMethod]
        public void TheDeviceLogIsListedWithItsInstallCodes()
        {
            var bench = new WanBench(null);
            byte[] code = Convert.FromHexString("83FED3407A939723A5C639B26916D505C3B5");

            Assert.AreEqual("ok", bench.HeadEnd.AddDevice(Ppmid, 2, code));
            Assert.AreEqual("ok", bench.HeadEnd.AddDevice(0x00DB1234567890A1, 0, Convert.FromHexString("11223344556677884AF7")));
            var list = bench.HeadEnd.GetDeviceLog();

            Assert.AreEqual(2, list.Count);
            Assert.AreEqual(Ppmid, list[0].Device);
            Assert.AreEqual(2, list[0].Kind);
            Assert.IsTrue(list[0].InstallCode.AsSpan().SequenceEqual(code));
            Assert.AreEqual(0, list[1].Kind);
        }

        [TestMethod]
        public void ASendToAHubThatNeverAnswersStopsWithAMessageAfterTheResumeLimit()
        {
            var bench = new WanBench(null);
            bench.HeadEnd.Timeout = TimeSpan.FromSeconds(2);
            bench.HeadEnd.ResumeLimit = TimeSpan.FromSeconds(20);
            bench.CutHeadEndToHub = true;
            long start = bench.Clock.MonotonicMilliseconds;

            string message = null;
            try
            {
                bench.HeadEnd.SendImage(StoreRig.Image(0x01000001, 5000), 2, 0x01000001, new[] { Ppmid }, null);
            }
            catch (TimeoutException e)
            {
                message = e.Message;
            }

            Assert.IsTrue(message != null && message.Contains("no progress for 20 s") && message.Contains("run the same command again"), message);
            Assert.IsTrue(bench.Clock.MonotonicMilliseconds - start < 60000, "gave up only after " + (bench.Clock.MonotonicMilliseconds - start) + " ms");
        }

        /// <summary>Hub and head-end on one line; every head-end wait moves the hub and virtual time along.</summary>
        private sealed class WanBench
        {
            private readonly NorFlashEmulator _chip = new NorFlashEmulator(0x16);
            private readonly LineEnd _hubEnd = new LineEnd();
            private readonly LineEnd _headEndEnd = new LineEnd();

            public WanBench(FaultyLine line)
            {
                Line = line ?? new FaultyLine(0);
                Clock = new VirtualClock(StoreRig.Start);
                BootHub();
                HeadEnd = new HeadEnd(_headEndEnd, Clock, Idle, AlertLedger.InMemory());
            }

            public FaultyLine Line { get; }
            public VirtualClock Clock { get; }
            public HubFirmware Hub { get; private set; }
            public HeadEnd HeadEnd { get; }
            public bool CutHeadEndToHub { get; set; }
            public long Pumps { get; private set; }
            public long RebootAtPump { get; set; } = -1;
            public bool Rebooted { get; private set; }

            public void RebootHub()
            {
                _chip.PowerOn();
                _hubEnd.Inbound.Clear();
                _hubEnd.Outbound.Clear();
                BootHub();
                Rebooted = true;
            }

            private void BootHub()
            {
                Hub = new HubFirmware(new HubHardware("wan bench", _chip, Clock, _hubEnd) { Entropy = new HostEntropy() });
                Hub.Boot();
            }

            private void Idle()
            {
                Pumps++;
                if (Pumps == RebootAtPump)
                {
                    RebootHub();
                }

                if (CutHeadEndToHub)
                {
                    _headEndEnd.Outbound.Clear();
                }

                Line.Carry(_headEndEnd, _hubEnd);
                Hub.Poll();
                Line.Carry(_hubEnd, _headEndEnd);
                Clock.Advance(TimeSpan.FromMilliseconds(1));
            }
        }
    }
}
