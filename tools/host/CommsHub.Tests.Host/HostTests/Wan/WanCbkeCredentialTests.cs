using System;
using System.IO;
using System.Linq;
using CommsHub.Cli;
using CommsHub.Cli.Wan;
using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Tests.HostTests.Cli;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Radio;
using nanoFramework.TestFramework;
using Org.BouncyCastle.Security;

namespace CommsHub.Tests.HostTests.Wan
{
    /// <summary>
    /// SetCbkeCredentials and 'commshub wan set-cbke-cert': the hub's CBKE certificate, private key and CA key per
    /// suite, checked by the hub, kept in flash across reboots and used by its Key Establishment server; every refusal
    /// in words, with the credentials already held kept.
    /// </summary>
    [TestClass]
    public class WanCbkeCredentialTests
    {
        [TestMethod]
        public void AcceptedCredentialsSurviveARebootAndTheSuiteAttributeReportsThem()
        {
            var bench = new RadioBench(3);
            var (_, radio) = bench.AddRadio("hub");
            using var board = new VirtualBoard.VirtualBoard(null, new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc), radio: radio);
            board.Boot();
            Assert.IsNotNull(board.Hub.Han, "the HAN stack did not start");
            Assert.AreEqual(0, (int)board.Hub.Han.SmartEnergy.KeyEstablishment.Server.SuiteAttribute);
            Assert.IsTrue(board.BootReport.Any(l => l.StartsWith("CBKE credentials: none")), string.Join("|", board.BootReport));
            var headEnd = new HeadEnd(board.Wan.B, board.Clock, () => board.Step(TimeSpan.FromMilliseconds(1)), null);
            ulong hub = board.Hub.Identity.Value;

            IssuedCertificate one = Issue(1, hub, out byte[] ca1);
            Assert.AreEqual("ok", headEnd.ProvisionCbke(1, one.Certificate, one.PrivateKey, ca1));
            Assert.AreEqual(KeyEstablishmentSuite.Suite1, board.Hub.Han.SmartEnergy.KeyEstablishment.Server.SuiteAttribute);

            Reboot(board);
            Assert.AreEqual(KeyEstablishmentSuite.Suite1, board.Hub.Han.SmartEnergy.KeyEstablishment.Server.SuiteAttribute);
            Assert.IsTrue(one.Certificate.AsSpan().SequenceEqual(Certificate(board.Hub.CbkeCredentials.Identity(KeyEstablishmentSuite.Suite1))));

            IssuedCertificate two = Issue(2, hub, out byte[] ca2);
            Assert.AreEqual("ok", headEnd.ProvisionCbke(2, two.Certificate, two.PrivateKey, ca2));
            Reboot(board);
            KeyEstablishmentIdentity held = board.Hub.CbkeCredentials.Identity(KeyEstablishmentSuite.Suite2);
            Assert.AreEqual(KeyEstablishmentSuite.Both, board.Hub.Han.SmartEnergy.KeyEstablishment.Server.SuiteAttribute);
            Assert.IsTrue(two.PrivateKey.AsSpan().SequenceEqual(held.StaticPrivateKey));
            Assert.IsTrue(ca2.AsSpan().SequenceEqual(held.CaPublicKey));
            Assert.IsTrue(board.BootReport.Any(l => l == "CBKE credentials: suite(s) 0003 (KeyEstablishmentSuite attribute)"), string.Join("|", board.BootReport));
        }

        [TestMethod]
        public void EachRefusalNamesWhatIsWrongAndKeepsTheCredentialsHeld()
        {
            using var board = new VirtualBoard.VirtualBoard(null, new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc));
            board.Boot();
            var headEnd = new HeadEnd(board.Wan.B, board.Clock, () => board.Step(TimeSpan.FromMilliseconds(1)), null);
            ulong hub = board.Hub.Identity.Value;
            IssuedCertificate held = Issue(1, hub, out byte[] ca);
            Assert.AreEqual("ok", headEnd.ProvisionCbke(1, held.Certificate, held.PrivateKey, ca));

            IssuedCertificate other = Issue(1, hub ^ 1, out byte[] otherCa);
            IssuedCertificate two = Issue(2, hub, out byte[] ca2);
            var refusals = new (string Answer, string Expected)[]
            {
                (headEnd.ProvisionCbke(1, held.Certificate[..47], held.PrivateKey, ca), "certificate: 47 bytes, suite 1 needs 48"),
                (headEnd.ProvisionCbke(1, held.Certificate, held.PrivateKey[..20], ca), "private key: 20 bytes, suite 1 needs 21"),
                (headEnd.ProvisionCbke(1, held.Certificate, held.PrivateKey, ca2), "CA public key: 37 bytes, suite 1 needs 22"),
                (headEnd.ProvisionCbke(2, held.Certificate, held.PrivateKey, ca), "certificate: 48 bytes, suite 2 needs 74"),
                (headEnd.ProvisionCbke(3, two.Certificate, two.PrivateKey, ca2), "suite: 3 is not suite 1 or suite 2"),
                (headEnd.ProvisionCbke(1, other.Certificate, other.PrivateKey, otherCa), "is not this hub (" + Eui(hub) + ")"),
            };

            foreach (var (answer, expected) in refusals)
            {
                Assert.IsTrue(answer.StartsWith("refused: CBKE credentials: ") && answer.Contains(expected), answer + " / expected " + expected);
                AssertHeld(board, held, ca);
            }

            Assert.IsNull(board.Hub.CbkeCredentials.Identity(KeyEstablishmentSuite.Suite2), "a refused suite 2 must not appear");
            Reboot(board);
            AssertHeld(board, held, ca);
            Assert.AreEqual(KeyEstablishmentSuite.Suite1, board.Hub.CbkeCredentials.Suites);
            Assert.AreEqual(0, board.Hub.CbkeCredentials.Damaged);
        }

        [TestMethod]
        public void ManyProvisioningsMoveBetweenTheTwoSectorsAndKeepTheNewestOfEachSuite()
        {
            using var board = new VirtualBoard.VirtualBoard(null, new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc));
            board.Boot();
            var headEnd = new HeadEnd(board.Wan.B, board.Clock, () => board.Step(TimeSpan.FromMilliseconds(1)), null);
            ulong hub = board.Hub.Identity.Value;
            IssuedCertificate suite2 = Issue(2, hub, out byte[] ca2);
            Assert.AreEqual("ok", headEnd.ProvisionCbke(2, suite2.Certificate, suite2.PrivateKey, ca2));
            var ca = new TestCertificateAuthority(1, null, new SecureRandom());
            IssuedCertificate last = null;

            // 16 records a sector: 40 provisionings fill and start each sector at least once.
            for (int i = 0; i < 40; i++)
            {
                last = ca.Issue(hub, TestCertificateAuthority.TestIssuer, 0, 0xFFFFFFFF, 0x88, (ulong)i);
                Assert.AreEqual("ok", headEnd.ProvisionCbke(1, last.Certificate, last.PrivateKey, ca.CaPublicKey));
                if (i % 7 == 0)
                {
                    Reboot(board);
                }
            }

            Reboot(board);
            AssertHeld(board, last, ca.CaPublicKey);
            Assert.IsTrue(suite2.Certificate.AsSpan().SequenceEqual(Certificate(board.Hub.CbkeCredentials.Identity(KeyEstablishmentSuite.Suite2))));
            Assert.AreEqual(0, board.Hub.CbkeCredentials.Damaged);
        }

        [TestMethod]
        public void TheCommandLineProvisionsOverTheLoopbackHeadEndAndPrintsTheHubsAnswer()
        {
            using var board = new LoopbackBoard();
            ulong hub = board.Board.Hub.Identity.Value;
            IssuedCertificate two = Issue(2, hub, out byte[] ca2);
            string keyFile = Path.Combine(Path.GetTempPath(), "commshub-cbke-" + Guid.NewGuid() + ".hex");
            File.WriteAllText(keyFile, Convert.ToHexString(two.PrivateKey) + "\n");
            try
            {
                var ok = Run("wan", "--connect", board.Address, "set-cbke-cert", "--suite", "2", "--cert", Convert.ToHexString(two.Certificate),
                    "--key", keyFile, "--ca", Convert.ToHexString(ca2));
                Assert.AreEqual(0, ok.Exit, ok.Output + ok.Error);
                Assert.IsTrue(ok.Output.Contains("CBKE credentials for suite 2 provisioned"), ok.Output);
                Assert.AreEqual(KeyEstablishmentSuite.Suite2, board.Board.Hub.CbkeCredentials.Suites);

                IssuedCertificate stranger = Issue(2, 0x00124B00AABBCCDD, out byte[] strangerCa);
                var refused = Run("wan", "--connect", board.Address, "set-cbke-cert", "--suite", "2", "--cert", Convert.ToHexString(stranger.Certificate),
                    "--key", Convert.ToHexString(stranger.PrivateKey), "--ca", Convert.ToHexString(strangerCa));
                Assert.AreEqual(ExitCodes.Refused, refused.Exit, refused.Output + refused.Error);
                Assert.IsTrue(refused.Output.Contains("is not this hub"), refused.Output);
                Assert.IsTrue(two.Certificate.AsSpan().SequenceEqual(Certificate(board.Board.Hub.CbkeCredentials.Identity(KeyEstablishmentSuite.Suite2))));

                var usage = Run("wan", "--connect", board.Address, "set-cbke-cert", "--suite", "3", "--cert", "00", "--key", "00", "--ca", "00");
                Assert.AreEqual(ExitCodes.Usage, usage.Exit, usage.Output + usage.Error);
                Assert.IsTrue(usage.Error.Contains("--suite takes 1 or 2"), usage.Error);
            }
            finally
            {
                File.Delete(keyFile);
            }
        }

        private static IssuedCertificate Issue(int suite, ulong subject, out byte[] caPublic)
        {
            var ca = new TestCertificateAuthority(suite, null, new SecureRandom());
            caPublic = ca.CaPublicKey;
            return ca.Issue(subject, TestCertificateAuthority.TestIssuer, 1700000000, 0xFFFFFFFF, 0x88, 1);
        }

        private static void AssertHeld(VirtualBoard.VirtualBoard board, IssuedCertificate held, byte[] ca)
        {
            KeyEstablishmentIdentity identity = board.Hub.CbkeCredentials.Identity(KeyEstablishmentSuite.Suite1);
            Assert.IsNotNull(identity, "suite 1 credentials lost");
            Assert.IsTrue(held.Certificate.AsSpan().SequenceEqual(Certificate(identity)), "certificate changed");
            Assert.IsTrue(held.PrivateKey.AsSpan().SequenceEqual(identity.StaticPrivateKey), "private key changed");
            Assert.IsTrue(ca.AsSpan().SequenceEqual(identity.CaPublicKey), "CA public key changed");
        }

        /// <summary>As on the ESP32: the firmware asks to restart and the next turn boots a new firmware object from flash.</summary>
        private static void Reboot(VirtualBoard.VirtualBoard board)
        {
            board.Restart("test reboot");
            board.Step(TimeSpan.FromMilliseconds(1));
        }

        private static byte[] Certificate(KeyEstablishmentIdentity identity) => identity.Certificate.Bytes[..identity.Certificate.Length];

        private static string Eui(ulong value) => CommsHub.Platform.Eui64.FromValue(value).ToString();

        private static (int Exit, string Output, string Error) Run(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = CommandLine.Run(args, output, error);
            return (exit, output.ToString(), error.ToString());
        }
    }
}
