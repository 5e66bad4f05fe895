using System;
using System.IO;
using System.Linq;
using CommsHub.Cli;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.Cli.Wan;
using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Security.Ecc;
using CommsHub.Tests.HostTests.Cli;
using CommsHub.Tests.Security.Ecc;
using nanoFramework.TestFramework;
using Org.BouncyCastle.Security;

namespace CommsHub.Tests.HostTests.Wan
{
    /// <summary>
    /// SetCbkeCredentials checks that the private key belongs to the certificate (d·G equals the ECQV reconstruction
    /// from the certificate and the CA key) in main-loop slices, answers once the check is over, and stores only a
    /// matching key: a mismatched one is refused in words and the credentials already held stay, in use and in flash.
    /// </summary>
    [TestClass]
    public class WanCbkeKeyPairCheckTests
    {
        [TestMethod]
        public void Suite1MismatchedKeyIsRefusedAndAMatchingOneIsStored() => MismatchThenMatch(1);

        [TestMethod]
        public void Suite2MismatchedKeyIsRefusedAndAMatchingOneIsStored() => MismatchThenMatch(2);

        private static void MismatchThenMatch(int suite)
        {
            using var board = new VirtualBoard.VirtualBoard(null, new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc));
            board.Boot();
            var turns = new TurnWatch(board);
            var headEnd = new HeadEnd(board.Wan.B, board.Clock, turns.Step, null);
            ulong hub = board.Hub.Identity.Value;
            ushort bit = suite == 1 ? KeyEstablishmentSuite.Suite1 : KeyEstablishmentSuite.Suite2;
            var ca = new TestCertificateAuthority(suite, null, new SecureRandom());
            IssuedCertificate held = ca.Issue(hub, TestCertificateAuthority.TestIssuer, 0, 0xFFFFFFFF, 0x88, 1);
            Assert.AreEqual("ok", headEnd.ProvisionCbke(suite, held.Certificate, held.PrivateKey, ca.CaPublicKey));
            Assert.IsTrue(turns.CheckTurns > 10, "the check ran in " + turns.CheckTurns + " turn(s): curve work must be sliced");
            Assert.IsTrue(turns.LargestCheckTurn <= CommsHub.Work.WorkBudget.TurnUnits, "a turn during the check cost " + turns.LargestCheckTurn + " units");
            Assert.IsTrue(turns.LargestCheckTurn > 0);
            AssertHeld(board, bit, held, ca.CaPublicKey);

            // Another certificate for this hub from the same CA: its key is a valid key, just not this certificate's.
            IssuedCertificate other = ca.Issue(hub, TestCertificateAuthority.TestIssuer, 0, 0xFFFFFFFF, 0x88, 2);
            turns.Reset();
            string answer = headEnd.ProvisionCbke(suite, other.Certificate, held.PrivateKey, ca.CaPublicKey);
            Assert.AreEqual("refused: CBKE credentials: private key: does not match the certificate "
                + "(d*G is not the public key reconstructed from the certificate and the CA key)", answer);
            Assert.IsTrue(turns.CheckTurns > 10 && turns.LargestCheckTurn <= CommsHub.Work.WorkBudget.TurnUnits, turns.CheckTurns + " turns, largest " + turns.LargestCheckTurn);
            AssertHeld(board, bit, held, ca.CaPublicKey);
            Assert.AreEqual(bit, board.Hub.Han == null ? bit : board.Hub.Han.SmartEnergy.KeyEstablishment.Server.SuiteAttribute);

            // A certificate checked against a CA key that did not issue it does not match either.
            var stranger = new TestCertificateAuthority(suite, null, new SecureRandom());
            Assert.IsTrue(headEnd.ProvisionCbke(suite, other.Certificate, other.PrivateKey, stranger.CaPublicKey).Contains("private key: does not match the certificate"));
            Reboot(board);
            AssertHeld(board, bit, held, ca.CaPublicKey);
            Assert.AreEqual(0, board.Hub.CbkeCredentials.Damaged);

            Assert.AreEqual("ok", headEnd.ProvisionCbke(suite, other.Certificate, other.PrivateKey, ca.CaPublicKey));
            AssertHeld(board, bit, other, ca.CaPublicKey);
            Reboot(board);
            AssertHeld(board, bit, other, ca.CaPublicKey);
        }

        [TestMethod]
        public void ThePublishedExamplesStaticKeysMatchTheirCertificatesAndNotEachOthers()
        {
            // The published examples' certificates are not for the virtual hub, so the check runs on the curve code alone.
            Assert.IsTrue(Check(1, EccTestData.Suite1CertV, 0, EccTestData.Suite1StaticPrivateV, EccTestData.Suite1CaPublic));
            Assert.IsFalse(Check(1, EccTestData.Suite1CertV, 0, EccTestData.Suite1StaticPrivateU, EccTestData.Suite1CaPublic));
            Assert.IsTrue(Check(1, EccTestData.Suite1CertU, 0, EccTestData.Suite1StaticPrivateU, EccTestData.Suite1CaPublic));
            Assert.IsTrue(Check(2, EccTestData.Suite2Cert2, 37, EccTestData.Suite2StaticPrivate2, EccTestData.Suite2CaPublic));
            Assert.IsFalse(Check(2, EccTestData.Suite2Cert2, 37, EccTestData.Suite2StaticPrivate1, EccTestData.Suite2CaPublic));
            Assert.IsTrue(Check(2, EccTestData.Suite2Cert1, 37, EccTestData.Suite2StaticPrivate1, EccTestData.Suite2CaPublic));
        }

        private static bool Check(int suite, string certificateHex, int reconOffset, string keyHex, string caHex)
        {
            KoblitzCurve curve = suite == 1 ? KoblitzCurve.CreateSect163k1() : KoblitzCurve.CreateSect283k1();
            byte[] certificate = Convert.FromHexString(certificateHex);
            var d = new uint[curve.Field.Limbs];
            Assert.IsTrue(new ScalarModN(curve).TryReadPrivateKey(Convert.FromHexString(keyHex), 0, d));
            var check = new KeyPairCheck(curve);
            check.Begin(certificate, reconOffset, Ecc.EccCrossCheckTests.AesMmo(certificate), Convert.FromHexString(caHex), d);
            var budget = new CommsHub.Security.Ecc.WorkBudget();
            int slices = 0;
            do
            {
                budget.Remaining = CbkeTimeSlicePolicy.TurnBudget;
                slices++;
            }
            while (!check.Step(budget));
            Assert.IsTrue(slices > 50, slices + " slices");
            Assert.AreEqual(PointStatus.Valid, check.ReconstructionStatus);
            return check.Matches;
        }

        [TestMethod]
        public void TheCommandLineShowsTheMismatchInWords()
        {
            using var board = new LoopbackBoard();
            ulong hub = board.Board.Hub.Identity.Value;
            var ca = new TestCertificateAuthority(1, null, new SecureRandom());
            IssuedCertificate one = ca.Issue(hub, TestCertificateAuthority.TestIssuer, 0, 0xFFFFFFFF, 0x88, 1);
            IssuedCertificate two = ca.Issue(hub, TestCertificateAuthority.TestIssuer, 0, 0xFFFFFFFF, 0x88, 2);
            var refused = Run("wan", "--connect", board.Address, "set-cbke-cert", "--suite", "1", "--cert", Convert.ToHexString(one.Certificate),
                "--key", Convert.ToHexString(two.PrivateKey), "--ca", Convert.ToHexString(ca.CaPublicKey));
            Assert.AreEqual(ExitCodes.Refused, refused.Exit, refused.Output + refused.Error);
            Assert.IsTrue(refused.Output.Contains("private key: does not match the certificate"), refused.Output);
            Assert.AreEqual(0, (int)board.Board.Hub.CbkeCredentials.Suites);
        }

        /// <summary>Steps the board a millisecond a turn and keeps the figures of the turns a credential check ran in.</summary>
        private sealed class TurnWatch
        {
            private readonly VirtualBoard.VirtualBoard _board;

            public TurnWatch(VirtualBoard.VirtualBoard board) => _board = board;

            public int CheckTurns { get; private set; }

            public int LargestCheckTurn { get; private set; }

            public void Reset()
            {
                CheckTurns = 0;
                LargestCheckTurn = 0;
            }

            public void Step()
            {
                bool checking = _board.Hub.CbkeCredentials.Checking;
                _board.Step(TimeSpan.FromMilliseconds(1));
                if (checking || _board.Hub.CbkeCredentials.Checking)
                {
                    CheckTurns++;
                    _board.Hub.Meter.EndTurn();
                    LargestCheckTurn = Math.Max(LargestCheckTurn, _board.Hub.Meter.Units);
                }
            }
        }

        private static void AssertHeld(VirtualBoard.VirtualBoard board, ushort suite, IssuedCertificate held, byte[] ca)
        {
            KeyEstablishmentIdentity identity = board.Hub.CbkeCredentials.Identity(suite);
            Assert.IsNotNull(identity, "credentials lost");
            Assert.IsTrue(held.Certificate.AsSpan().SequenceEqual(identity.Certificate.Bytes.AsSpan(0, identity.Certificate.Length)), "certificate changed");
            Assert.IsTrue(held.PrivateKey.AsSpan().SequenceEqual(identity.StaticPrivateKey), "private key changed");
            Assert.IsTrue(ca.AsSpan().SequenceEqual(identity.CaPublicKey), "CA public key changed");
        }

        private static void Reboot(VirtualBoard.VirtualBoard board)
        {
            board.Restart("test reboot");
            board.Step(TimeSpan.FromMilliseconds(1));
        }

        private static (int Exit, string Output, string Error) Run(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = CommandLine.Run(args, output, error);
            return (exit, output.ToString(), error.ToString());
        }
    }
}
