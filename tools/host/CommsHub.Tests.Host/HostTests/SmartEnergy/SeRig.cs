using System;
using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Hub;
using CommsHub.Security;
using CommsHub.Security.Ecc;
using CommsHub.Tests.Security.Ecc;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Radio;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.SmartEnergy
{
    /// <summary>The hub firmware on the virtual board with its radio on an emulated medium, devices joining it, and the initiator's side of CBKE.</summary>
    internal sealed class SeRig : IDisposable
    {
        public const ulong HubSubject = 0x0A0B0C0D0E0F1011;

        private readonly int _channel;

        public SeRig(int seed)
        {
            Bench = new RadioBench(seed);
            var (hubChip, hubRadio) = Bench.AddRadio("hub");
            Board = new VirtualBoard.VirtualBoard(null, new DateTime(2026, 11, 21, 9, 0, 0, DateTimeKind.Utc), radio: hubRadio);
            Board.Boot();
            Bench.OnMainLoop(Board.Hub.Poll);
            Assert.IsNotNull(Board.Hub.Han, "the HAN stack did not start");
            _channel = hubChip.ListeningChannel;

            // What the WAN's Set Time does to the store; the hub's Time server follows it on the next turn.
            Board.Hub.Store.OnClockSet();
            Board.Hub.Poll();
            Hub.Han.TrustCentre.OpenJoining(600);
        }

        public RadioBench Bench { get; }

        public VirtualBoard.VirtualBoard Board { get; }

        public HubFirmware Hub => Board.Hub;

        /// <summary>The published suite 2 credentials of "device 1" as the hub's.</summary>
        public void ProvisionSuite2()
        {
            var identity = new KeyEstablishmentIdentity();
            Assert.IsNull(identity.Load(KeyEstablishmentSuite.Suite2, EccTestData.Bytes(EccTestData.Suite2Cert1),
                EccTestData.Bytes(EccTestData.Suite2StaticPrivate1), EccTestData.Bytes(EccTestData.Suite2CaPublic)));
            Hub.Han.SmartEnergy.KeyEstablishment.Provision(KeyEstablishmentSuite.Suite2, identity);
        }

        public SeTestDevice AddDevice(ulong eui)
        {
            var device = new SeTestDevice(Bench, Board, _channel, eui, "device-" + eui.ToString("X16"));
            device.Join(Hub.Mac.PanId);
            return device;
        }

        /// <summary>The published suite 1 credentials of V as the hub's, and only those.</summary>
        public void ProvisionSuite1()
        {
            var identity = new KeyEstablishmentIdentity();
            Assert.IsNull(identity.Load(KeyEstablishmentSuite.Suite1, EccTestData.Bytes(EccTestData.Suite1CertV),
                EccTestData.Bytes(EccTestData.Suite1StaticPrivateV), EccTestData.Bytes(EccTestData.Suite1CaPublic)));
            Hub.Han.SmartEnergy.KeyEstablishment.Provision(KeyEstablishmentSuite.Suite1, identity);
        }

        /// <summary>
        /// The initiator's side of a suite 2 exchange with the published "device 2" credentials: checks every answer
        /// and returns the KeyData both sides derived.
        /// </summary>
        public byte[] RunCbkeSuite2(SeTestDevice device, byte sequence) =>
            RunCbke(device, sequence, KeyEstablishmentSuite.Suite2, KoblitzCurve.CreateSect283k1(), EccTestData.Suite2Cert2, EccTestData.Suite2StaticPrivate2,
                EccTestData.Suite2EphemeralPrivate2, EccTestData.Suite2EphemeralPublic2, EccTestData.Suite2CaPublic, EccTestData.Suite2ReconstructionOffset, HubSubject);

        /// <summary>The same with the published suite 1 initiator U (EUI-64 ...02) against V (...01).</summary>
        public byte[] RunCbkeSuite1(SeTestDevice device, byte sequence) =>
            RunCbke(device, sequence, KeyEstablishmentSuite.Suite1, KoblitzCurve.CreateSect163k1(), EccTestData.Suite1CertU, EccTestData.Suite1StaticPrivateU,
                EccTestData.Suite1EphemeralPrivateU, EccTestData.Suite1EphemeralPublicU, EccTestData.Suite1CaPublic, EccTestData.Suite1ReconstructionOffset, 0x0000000000000001);

        private byte[] RunCbke(SeTestDevice device, byte sequence, ushort suite, KoblitzCurve curve, string certificateHex, string staticPrivate,
            string ephemeralPrivate, string ephemeralPublic, string caPublic, int reconstructionOffset, ulong hubSubject)
        {
            var aes = new DotNetAes();
            int points = KeyEstablishmentSuite.PointLength(suite);
            int certificateLength = KeyEstablishmentSuite.CertificateLength(suite);
            byte[] certificate = EccTestData.Bytes(certificateHex);
            byte[] initiate = new byte[4 + certificate.Length];
            KeyEstablishmentFrames.EncodeInitiate(suite, 20, 5, certificate, 0, certificate.Length, initiate, 0);
            device.SendZcl(0x0800, 0x01, sequence, 0x00, initiate, false);
            Received response = device.Next("Initiate Key Establishment Response");
            AssertKe(response, sequence, 0x00);
            var hub = new InitiateKeyEstablishment();
            Assert.IsNull(KeyEstablishmentFrames.DecodeInitiate(response.Payload, 3, response.Payload.Length - 3, hub));
            Assert.AreEqual(suite, hub.Suite);
            Assert.AreEqual(KeyEstablishmentTimingPolicy.EphemeralDataGenerateSeconds(suite), hub.EphemeralDataGenerateTime);

            // The device reconstructs the hub's static key from the certificate it was sent (ECQV).
            var derivation = new CbkeKeyDerivation(aes);
            byte[] hash = new byte[16];
            byte[] hubCertificate = response.Payload.AsSpan(7, certificateLength).ToArray();
            derivation.HashCertificate(hubCertificate, hubCertificate.Length, hash);
            string hubStatic = EccTestData.Reconstruct(curve, Convert.ToHexString(hubCertificate), reconstructionOffset, Convert.ToHexString(hash), caPublic);

            device.SendZcl(0x0800, 0x01, (byte)(sequence + 1), 0x01, EccTestData.Bytes(ephemeralPublic), false);
            Received ephemeral = device.Next("Ephemeral Data Response", TimeSpan.FromSeconds(hub.EphemeralDataGenerateTime));
            AssertKe(ephemeral, (byte)(sequence + 1), 0x01);
            byte[] qV = ephemeral.Payload.AsSpan(3).ToArray();
            Assert.AreEqual(points, qV.Length);

            string z = EccTestData.SharedSecret(curve, staticPrivate, ephemeralPrivate, ephemeralPublic, hubStatic, Convert.ToHexString(qV));
            byte[] zBytes = EccTestData.Bytes(z);
            derivation.Derive(zBytes, zBytes.Length);
            byte[] qU = EccTestData.Bytes(ephemeralPublic);
            byte[] macU = new byte[16];
            byte[] macV = new byte[16];
            derivation.Mac(CbkeKeyDerivation.InitiatorMacPrefix, device.Eui, hubSubject, qU, qV, points, macU);
            derivation.Mac(CbkeKeyDerivation.ResponderMacPrefix, hubSubject, device.Eui, qV, qU, points, macV);

            device.SendZcl(0x0800, 0x01, (byte)(sequence + 2), 0x02, macU, false);
            Received confirm = device.Next("Confirm Key Response");
            AssertKe(confirm, (byte)(sequence + 2), 0x02);
            Assert.AreEqual(Convert.ToHexString(macV), Convert.ToHexString(confirm.Payload.AsSpan(3).ToArray()), "MACV");
            return (byte[])derivation.KeyData.Clone();
        }

        /// <summary>Sends an Initiate Key Establishment Request with <paramref name="certificate"/> (suite 2) and returns the hub's answer.</summary>
        public static Received Initiate(SeTestDevice device, byte sequence, byte[] certificate, int extraBytes = 0, int cutBytes = 0)
        {
            byte[] initiate = new byte[4 + certificate.Length + extraBytes];
            KeyEstablishmentFrames.EncodeInitiate(KeyEstablishmentSuite.Suite2, 20, 5, certificate, 0, certificate.Length, initiate, 0);
            device.SendZcl(0x0800, 0x01, sequence, 0x00, initiate.AsSpan(0, initiate.Length - cutBytes).ToArray(), false);
            return device.Next("answer to Initiate Key Establishment");
        }

        /// <summary>Sends an Ephemeral Data Request and returns the hub's answer (after its curve work, or a Terminate).</summary>
        public static Received Ephemeral(SeTestDevice device, byte sequence, byte[] point)
        {
            device.SendZcl(0x0800, 0x01, sequence, 0x01, point, false);
            return device.Next("answer to Ephemeral Data", TimeSpan.FromSeconds(KeyEstablishmentTimingPolicy.EphemeralDataGenerateSeconds(KeyEstablishmentSuite.Suite2)));
        }

        /// <summary>Asserts a Terminate with <paramref name="status"/> and a wait, and that the device holds no authorised key.</summary>
        public void AssertTerminated(Received frame, byte sequence, byte status, ulong device)
        {
            AssertKe(frame, sequence, 0x03);
            Assert.AreEqual(KeyEstablishmentStatus.Name(status), KeyEstablishmentStatus.Name(frame.Payload[3]));
            Assert.IsTrue(frame.Payload[4] > 0, "a Terminate carries a wait time");
            Assert.AreEqual(0, Hub.Han.SmartEnergy.KeyEstablishment.KeysInstalled, "no key installed");
            Assert.IsFalse(Hub.Han.TrustCentre.LinkKeys.IsAuthorised(Hub.Han.TrustCentre.LinkKeys.IndexOf(device)), "no authorised key");
        }

        /// <summary>Lets the Terminate's wait pass on the hub's clock, then runs a good exchange to the end.</summary>
        public void RetryAfterTheWait(SeTestDevice device, byte sequence)
        {
            Board.Clock.Advance(TimeSpan.FromSeconds(KeyEstablishmentTimingPolicy.TerminateWaitSeconds + 1));
            byte[] key = RunCbkeSuite2(device, sequence);
            Assert.AreEqual(1, Hub.Han.SmartEnergy.KeyEstablishment.KeysInstalled);
            int slot = Hub.Han.TrustCentre.LinkKeys.IndexOf(device.Eui);
            Assert.IsTrue(Hub.Han.TrustCentre.LinkKeys.IsAuthorised(slot));
            Assert.AreEqual(Convert.ToHexString(key), Convert.ToHexString(Hub.Han.TrustCentre.LinkKeys.Keys.AsSpan(slot * 16, 16).ToArray()));
        }

        /// <summary>A Key Establishment command from the hub: cluster-specific, server to client, the request's sequence number.</summary>
        public static void AssertKe(Received frame, byte sequence, byte command)
        {
            Assert.AreEqual(0x0800, (int)frame.Aps.Cluster);
            Assert.IsFalse(frame.Aps.Security, "Key Establishment frames go without APS security");
            Assert.AreEqual(0x19, (int)frame.Payload[0], "ZCL frame control");
            Assert.AreEqual((int)sequence, (int)frame.Payload[1], "ZCL sequence number");
            Assert.AreEqual((int)command, (int)frame.Payload[2], "Key Establishment command " + (frame.Payload[2] == 3 ? "Terminate, status " + frame.Payload[3] : ""));
        }

        public void Dispose() => Board.Dispose();
    }
}
