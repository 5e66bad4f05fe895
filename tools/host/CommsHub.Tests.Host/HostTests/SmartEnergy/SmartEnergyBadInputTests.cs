using System;
using System.Collections.Generic;
using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Endpoints;
using CommsHub.TrustCenter;
using CommsHub.Security.Ecc;
using CommsHub.Tests.Security.Ecc;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.SmartEnergy
{
    /// <summary>
    /// Bad Key Establishment input over the radio, through the hub's Smart Energy endpoint: each ends in its Terminate
    /// status with a wait, no key is installed, and the device completes CBKE once the wait has passed. A device that
    /// never completes CBKE is asked to leave after the policy's time.
    /// </summary>
    [TestClass]
    public class SmartEnergyBadInputTests
    {
        private const ulong DeviceEui = 0x0A0B0C0D0E0F1012;
        private const int IssuerOffset = 11;
        private const int SubjectOffset = 28;

        [TestMethod]
        public void ACertificateFromAnotherIssuerIsUnknownIssuer()
        {
            Refused(31, (rig, device) =>
            {
                byte[] certificate = EccTestData.Bytes(EccTestData.Suite2Cert2);
                certificate[IssuerOffset] ^= 0x01;
                return SeRig.Initiate(device, 0x10, certificate);
            }, 0x10, KeyEstablishmentStatus.UnknownIssuer);
        }

        [TestMethod]
        public void ACertificateWhoseSubjectIsNotTheSenderIsBadMessage()
        {
            Refused(32, (rig, device) =>
            {
                byte[] certificate = EccTestData.Bytes(EccTestData.Suite2Cert2);
                certificate[SubjectOffset + 7] ^= 0x01;
                return SeRig.Initiate(device, 0x10, certificate);
            }, 0x10, KeyEstablishmentStatus.BadMessage);
        }

        [TestMethod]
        public void AWrongMacUIsBadKeyConfirm()
        {
            Refused(33, (rig, device) =>
            {
                SeRig.AssertKe(SeRig.Initiate(device, 0x10, EccTestData.Bytes(EccTestData.Suite2Cert2)), 0x10, 0x00);
                SeRig.AssertKe(SeRig.Ephemeral(device, 0x11, EccTestData.Bytes(EccTestData.Suite2EphemeralPublic2)), 0x11, 0x01);
                device.SendZcl(0x0800, 0x01, 0x12, 0x02, new byte[16], false);
                return device.Next("answer to a wrong MACU");
            }, 0x12, KeyEstablishmentStatus.BadKeyConfirm);
        }

        [TestMethod]
        public void AnEphemeralKeyNotOnTheCurveIsBadMessage()
        {
            Refused(34, (rig, device) =>
            {
                SeRig.AssertKe(SeRig.Initiate(device, 0x10, EccTestData.Bytes(EccTestData.Suite2Cert2)), 0x10, 0x00);
                return SeRig.Ephemeral(device, 0x11, PointNotOnSect283k1());
            }, 0x11, KeyEstablishmentStatus.BadMessage);
        }

        [TestMethod]
        public void ThePointAtInfinityAsEphemeralKeyIsBadMessage()
        {
            // Infinity has no compressed form: a sender can only send zeros.
            Refused(35, (rig, device) =>
            {
                SeRig.AssertKe(SeRig.Initiate(device, 0x10, EccTestData.Bytes(EccTestData.Suite2Cert2)), 0x10, 0x00);
                return SeRig.Ephemeral(device, 0x11, new byte[37]);
            }, 0x11, KeyEstablishmentStatus.BadMessage);
        }

        [TestMethod]
        public void ATruncatedInitiateIsBadMessage()
        {
            Refused(36, (rig, device) => SeRig.Initiate(device, 0x10, EccTestData.Bytes(EccTestData.Suite2Cert2), cutBytes: 1), 0x10, KeyEstablishmentStatus.BadMessage);
        }

        [TestMethod]
        public void AnOversizedInitiateIsBadMessage()
        {
            Refused(37, (rig, device) => SeRig.Initiate(device, 0x10, EccTestData.Bytes(EccTestData.Suite2Cert2), extraBytes: 1), 0x10, KeyEstablishmentStatus.BadMessage);
        }

        [TestMethod]
        public void ASecondInitiateInTheMiddleOfAnExchangeIsBadMessage()
        {
            Refused(38, (rig, device) =>
            {
                SeRig.AssertKe(SeRig.Initiate(device, 0x10, EccTestData.Bytes(EccTestData.Suite2Cert2)), 0x10, 0x00);
                return SeRig.Initiate(device, 0x11, EccTestData.Bytes(EccTestData.Suite2Cert2));
            }, 0x11, KeyEstablishmentStatus.BadMessage);
        }

        [TestMethod]
        public void AConfirmBeforeTheEphemeralDataIsBadMessage()
        {
            Refused(39, (rig, device) =>
            {
                SeRig.AssertKe(SeRig.Initiate(device, 0x10, EccTestData.Bytes(EccTestData.Suite2Cert2)), 0x10, 0x00);
                device.SendZcl(0x0800, 0x01, 0x11, 0x02, new byte[16], false);
                return device.Next("answer to an early Confirm Key");
            }, 0x11, KeyEstablishmentStatus.BadMessage);
        }

        [TestMethod]
        public void ADeviceThatDoesNotCompleteCbkeInTimeIsAskedToLeaveAndARegisteredOneIsNot()
        {
            using var rig = new SeRig(40);
            rig.ProvisionSuite2();
            var removal = new RecordingRemoval();
            rig.Hub.Han.Registration.Removal = removal;
            var reports = new List<string>();
            rig.Hub.Reported += reports.Add;
            SeTestDevice registered = rig.AddDevice(DeviceEui);
            rig.RunCbkeSuite2(registered, 0x20);
            SeTestDevice idle = rig.AddDevice(0x00DB123456789A02);

            rig.Board.Clock.Advance(TimeSpan.FromMilliseconds(CbkeDeadlinePolicy.DeadlineMilliseconds - 1000));
            rig.Hub.Poll();
            Assert.AreEqual(0, removal.Asked.Count, "asked to leave before the deadline");
            rig.Board.Clock.Advance(TimeSpan.FromSeconds(2));
            rig.Hub.Poll();
            Assert.AreEqual(1, removal.Asked.Count);
            Assert.AreEqual(idle.Eui, removal.Asked[0]);
            Assert.AreEqual(1, rig.Hub.Han.Registration.Overdue);
            Assert.IsTrue(reports.Exists(r => r.Contains("CBKE not completed") && r.Contains("asked to leave")), string.Join(" | ", reports));
            rig.Board.Clock.Advance(TimeSpan.FromMinutes(20));
            rig.Hub.Poll();
            Assert.AreEqual(1, removal.Asked.Count, "asked once, and the registered device never");
        }

        private static void Refused(int seed, Func<SeRig, SeTestDevice, Received> bad, byte sequence, byte status)
        {
            using var rig = new SeRig(seed);
            rig.ProvisionSuite2();
            SeTestDevice device = rig.AddDevice(DeviceEui);
            rig.AssertTerminated(bad(rig, device), sequence, status, DeviceEui);
            rig.RetryAfterTheWait(device, 0x40);
        }

        /// <summary>A compressed sect283k1 point whose x has no y on the curve (found with the curve code, the first from x = 2).</summary>
        private static byte[] PointNotOnSect283k1()
        {
            var curve = KoblitzCurve.CreateSect283k1();
            var decompressor = new PointDecompressor(curve);
            var point = new AffinePoint(curve.Field.Limbs);
            for (int x = 2; x < 1000; x++)
            {
                byte[] bytes = new byte[37];
                bytes[0] = 0x02;
                bytes[35] = (byte)(x >> 8);
                bytes[36] = (byte)x;
                decompressor.Begin(bytes, 0, bytes.Length, point);
                EccTestData.Run(decompressor);
                if (decompressor.Status == PointStatus.NotOnCurve)
                {
                    return bytes;
                }
            }

            throw new InvalidOperationException("no x off the curve below 1000");
        }

        private sealed class RecordingRemoval : INetworkLeave
        {
            public List<ulong> Asked { get; } = new();

            public bool RequestLeave(ulong device, bool rejoin)
            {
                Asked.Add(device);
                return true;
            }
        }
    }
}
