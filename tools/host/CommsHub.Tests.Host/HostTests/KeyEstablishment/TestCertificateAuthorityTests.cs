using System;
using System.Collections.Generic;
using System.IO;
using CommsHub.Cli;
using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Security;
using CommsHub.Security.Ecc;
using CommsHub.Tests.Clusters.KeyEstablishment;
using CommsHub.Tests.Security.Ecc;
using CommsHub.VirtualBoard.Crypto;
using nanoFramework.TestFramework;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace CommsHub.Tests.HostTests.KeyEstablishment
{
    /// <summary>
    /// commshub cert issue: certificates from the test CA, for the hub and a bench device, carry a CBKE exchange
    /// through the responder to the same link key on both sides, for both suites; a device certificate from
    /// another CA under the same issuer name ends in BAD_KEY_CONFIRM.
    /// </summary>
    [TestClass]
    public class TestCertificateAuthorityTests
    {
        private const ulong Hub = 0x00124B0001020304;
        private const ulong Device = 0x00124B00AABBCCDD;

        [TestMethod]
        public void Suite1CertificatesFromTheTestCaCompleteAnExchange()
        {
            var ca = new TestCertificateAuthority(1, null, new SecureRandom());
            Assert.IsTrue(Exchange(1, ca, ca), "suite 1 exchange confirmed");
        }

        [TestMethod]
        public void Suite2CertificatesFromTheTestCaCompleteAnExchange()
        {
            var ca = new TestCertificateAuthority(2, null, new SecureRandom());
            Assert.IsTrue(Exchange(2, ca, ca), "suite 2 exchange confirmed");
        }

        [TestMethod]
        public void ACertificateFromAnotherCaFailsKeyConfirmation()
        {
            var ca = new TestCertificateAuthority(1, null, new SecureRandom());
            var other = new TestCertificateAuthority(1, null, new SecureRandom());
            Assert.IsFalse(Exchange(1, ca, other), "another CA's certificate must not confirm");
        }

        [TestMethod]
        public void TheCommandPrintsACertificateTheCaKeyReproduces()
        {
            var output = new StringWriter();
            int code = CommandLine.Run(new[] { "cert", "issue", "--suite", "2", "--subject", "00124B00AABBCCDD", "--valid-from", "1700000000" }, output, new StringWriter());
            Assert.AreEqual(0, code);
            var lines = new Dictionary<string, string>();
            foreach (string line in output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] parts = line.Trim().Split(": ");
                lines[parts[0]] = parts[1];
            }

            var certificate = new ImplicitCertificate();
            byte[] bytes = Convert.FromHexString(lines["certificate"]);
            Assert.IsNull(certificate.Parse(bytes, 0, bytes.Length, KeyEstablishmentSuite.Suite2));
            Assert.AreEqual(Device, certificate.Subject);
            Assert.AreEqual(TestCertificateAuthority.TestIssuer, certificate.Issuer);
            Assert.AreEqual(1700000000L, certificate.ValidFrom);
            Assert.AreEqual(ImplicitCertificate.NoExpiry, certificate.ValidTo);

            // Our own ECQV, from the printed CA key and certificate, gives the printed public key.
            KoblitzCurve curve = KoblitzCurve.CreateSect283k1();
            var hash = new byte[16];
            new AesMmoHash(new SoftwareAes()).Compute(bytes, 0, bytes.Length, hash, 0);
            Assert.AreEqual(lines["public-key"], EccTestData.Reconstruct(curve, lines["certificate"], 37, Convert.ToHexString(hash), lines["ca-public-key"]));
            Assert.AreEqual(lines["public-key"], EccTestData.PublicKey(curve, lines["private-key"]));

            Assert.AreEqual(2, CommandLine.Run(new[] { "cert", "issue", "--suite", "3", "--subject", "00124B00AABBCCDD" }, new StringWriter(), new StringWriter()));
            Assert.AreEqual(2, CommandLine.Run(new[] { "cert", "issue", "--suite", "1", "--subject", "12" }, new StringWriter(), new StringWriter()));
        }

        /// <summary>The hub's certificate from <paramref name="hubCa"/>, the device's from <paramref name="deviceCa"/>; true when the hub confirms the key.</summary>
        private static bool Exchange(int suiteNumber, TestCertificateAuthority hubCa, TestCertificateAuthority deviceCa)
        {
            ushort suite = suiteNumber == 1 ? KeyEstablishmentSuite.Suite1 : KeyEstablishmentSuite.Suite2;
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;
            IssuedCertificate hub = hubCa.Issue(Hub, TestCertificateAuthority.TestIssuer, now, 0xFFFFFFFF, 0x88, 1);
            IssuedCertificate device = deviceCa.Issue(Device, TestCertificateAuthority.TestIssuer, now, 0xFFFFFFFF, 0x88, 2);
            var identity = new KeyEstablishmentIdentity();
            Assert.IsNull(identity.Load(suite, hub.Certificate, hub.PrivateKey, hubCa.CaPublicKey));
            var clock = new ManualClock();
            var keys = new FixedEphemeralKeys(EccTestData.Suite1EphemeralPrivateV, EccTestData.Suite2EphemeralPrivate1);
            var server = new KeyEstablishmentServer(clock, new SoftwareAes(), keys, suite == 1 ? identity : null, suite == 2 ? identity : null);

            byte[] initiate = new byte[4 + device.Certificate.Length];
            KeyEstablishmentFrames.EncodeInitiate(suite, 20, 5, device.Certificate, 0, device.Certificate.Length, initiate, 0);
            Assert.IsTrue(KeBench.Send(server, Device, KeyEstablishmentCluster.InitiateKeyEstablishment, initiate));
            Assert.AreEqual(KeyEstablishmentCluster.InitiateKeyEstablishment, server.Output.CommandId, server.LastFailure);

            // The device: a fresh ephemeral key pair, then Z from its side with the hub's certificate's key.
            KoblitzCurve curve = suite == 1 ? KoblitzCurve.CreateSect163k1() : KoblitzCurve.CreateSect283k1();
            var n = SecNamedCurves.GetByName(suite == 1 ? "sect163k1" : "sect283k1").N;
            BigInteger k;
            do
            {
                k = new BigInteger(n.BitLength - 1, new SecureRandom());
            }
            while (k.SignValue == 0);
            byte[] kBytes = new byte[curve.PrivateKeyLength];
            byte[] raw = k.ToByteArrayUnsigned();
            raw.CopyTo(kBytes, kBytes.Length - raw.Length);
            string ephemeralPrivate = Convert.ToHexString(kBytes);
            string ephemeralPublic = EccTestData.PublicKey(curve, ephemeralPrivate);
            Assert.IsFalse(KeBench.Send(server, Device, KeyEstablishmentCluster.EphemeralData, Convert.FromHexString(ephemeralPublic)));
            KeBench.StepUntilOutput(server);
            Assert.AreEqual(KeyEstablishmentCluster.EphemeralData, server.Output.CommandId, server.LastFailure);
            string hubEphemeral = KeBench.OutputHex(server);

            string z = EccTestData.SharedSecret(curve, Convert.ToHexString(device.PrivateKey), ephemeralPrivate, ephemeralPublic,
                Convert.ToHexString(hub.PublicKey), hubEphemeral);
            var derivation = new CbkeKeyDerivation(new SoftwareAes());
            byte[] zBytes = Convert.FromHexString(z);
            derivation.Derive(zBytes, zBytes.Length);
            byte[] macU = new byte[16];
            int points = curve.CompressedPointLength;
            derivation.Mac(CbkeKeyDerivation.InitiatorMacPrefix, Device, Hub, Convert.FromHexString(ephemeralPublic), Convert.FromHexString(hubEphemeral), points, macU);
            Assert.IsTrue(KeBench.Send(server, Device, KeyEstablishmentCluster.ConfirmKeyData, macU));
            if (server.Output.CommandId != KeyEstablishmentCluster.ConfirmKeyData)
            {
                Assert.AreEqual(KeyEstablishmentStatus.BadKeyConfirm, server.Output.TerminateStatus);
                Assert.IsNull(server.Established);
                return false;
            }

            Assert.AreEqual(Convert.ToHexString(derivation.KeyData), Convert.ToHexString(server.TakeEstablished().Key));
            return true;
        }
    }
}
