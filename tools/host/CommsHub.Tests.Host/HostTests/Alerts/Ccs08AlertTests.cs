using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommsHub.Alerts.Gbcs;
using CommsHub.Crypto;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Alerts
{
    /// <summary>The CCS08 alert against the DCC's RTDS reference vector and .NET's ECDSA.</summary>
    [TestClass]
    public class Ccs08AlertTests
    {
        private static byte[] VectorBytes(string name) => Convert.FromHexString(File.ReadAllText(EcdsaCrossCheckTests.Vector(name)).Trim());

        [TestMethod]
        public void TheEncoderReproducesTheRtdsVectorUpToTheSignature()
        {
            byte[] vector = VectorBytes("CCS08_NA_NA_ALERT_GBCS.HEX");
            byte[] ours = new byte[Ccs08Alert.Length];

            int signedEnd = Ccs08Alert.EncodeUnsigned(0x0FA0, 0x00DB1234567890A2, GbcsCodes.AccessControlBroker, 0x8F8A,
                new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc), 0x00DB1234567890A4, 0x0123ABCD, 0, ours);

            Assert.AreEqual(Convert.ToHexString(vector, 0, signedEnd + 1), Convert.ToHexString(ours, 0, signedEnd) + "40");
            Assert.AreEqual(vector.Length, Ccs08Alert.Length);
        }

        [TestMethod]
        public void TheRtdsVectorDecodesToItsFields()
        {
            byte[] vector = VectorBytes("CCS08_NA_NA_ALERT_GBCS.HEX");

            var frame = GeneralSigningFrame.Decode(vector, vector.Length);
            Assert.IsNull(frame.Failure, frame.Failure);
            var content = Ccs08Content.Decode(vector, frame.ContentOffset, frame.ContentLength);

            Assert.IsNull(content.Failure, content.Failure);
            Assert.AreEqual((byte)3, frame.Cra);
            Assert.AreEqual(0x0FA0UL, frame.OriginatorCounter);
            Assert.AreEqual(0x00DB1234567890A2UL, frame.Originator);
            Assert.AreEqual(GbcsCodes.AccessControlBroker, frame.Recipient);
            Assert.AreEqual((ushort)0x0128, frame.MessageCode);
            Assert.AreEqual((ushort)0x8F8A, content.AlertCode);
            Assert.AreEqual(new DateTime(2015, 1, 1, 0, 0, 0), content.DateTime);
            Assert.AreEqual(0x00DB1234567890A4UL, content.EntityId);
            Assert.AreEqual(0x0123ABCDu, content.FirmwareVersion);
            Assert.AreEqual((byte)0, content.TransferResponseCode);
        }

        [TestMethod]
        public void TheCs09VectorIsAValidGeneralSigningFrameSignedByThePpmid()
        {
            byte[] vector = VectorBytes("CS09_NA_8F8B_ALERT_GBCS.HEX");
            var frame = GeneralSigningFrame.Decode(vector, vector.Length);
            using var cert = X509Certificate2.CreateFromPem(File.ReadAllText(EcdsaCrossCheckTests.Vector("00db1234567890a4-ds.pem")));

            Assert.IsNull(frame.Failure, frame.Failure);
            Assert.AreEqual(GbcsCodes.MessageCodeCs09, frame.MessageCode);
            Assert.IsTrue(cert.GetECDsaPublicKey().VerifyData(vector.AsSpan(1, frame.SignedEnd - 1), vector.AsSpan(frame.SignatureOffset, 64), HashAlgorithmName.SHA256));
        }

        [TestMethod]
        public void OurSignedAlertVerifiesInDotNetWithTheHubsPublicKey()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var parameters = key.ExportParameters(true);
            byte[] alert = new byte[Ccs08Alert.Length];
            int signedEnd = Ccs08Alert.EncodeUnsigned(42, 0x00DB1234567890A2, GbcsCodes.AccessControlBroker, 0x8F89,
                new DateTime(2026, 11, 21, 8, 30, 5, DateTimeKind.Utc), 0x00DB1234567890A4, 0x01020304, 3, alert);

            int length = Ccs08Alert.AppendSignature(alert, signedEnd, new P256(), parameters.D);

            Assert.AreEqual(Ccs08Alert.Length, length);
            var frame = GeneralSigningFrame.Decode(alert, length);
            Assert.IsNull(frame.Failure, frame.Failure);
            Assert.IsTrue(key.VerifyData(alert.AsSpan(1, frame.SignedEnd - 1), alert.AsSpan(frame.SignatureOffset, 64), HashAlgorithmName.SHA256));
            var content = Ccs08Content.Decode(alert, frame.ContentOffset, frame.ContentLength);
            Assert.AreEqual((byte)3, content.TransferResponseCode);
            Assert.AreEqual(new DateTime(2026, 11, 21, 8, 30, 5), content.DateTime);
        }

        [TestMethod]
        public void EveryTruncationIsReportedNamingWhereItEnds()
        {
            byte[] vector = VectorBytes("CCS08_NA_NA_ALERT_GBCS.HEX");
            for (int length = 0; length < vector.Length; length++)
            {
                var frame = GeneralSigningFrame.Decode(vector, length);
                Assert.IsNotNull(frame.Failure, "accepted a message cut to " + length + " bytes");
            }

            byte[] tampered = (byte[])vector.Clone();
            tampered[0] = 0xDD;
            Assert.IsTrue(GeneralSigningFrame.Decode(tampered, tampered.Length).Failure.Contains("0xDF"));
        }
    }
}
