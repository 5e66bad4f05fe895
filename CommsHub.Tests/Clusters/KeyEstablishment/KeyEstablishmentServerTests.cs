using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Security;
using CommsHub.Security.Ecc;
using CommsHub.Tests.Security;
using CommsHub.Tests.Security.Ecc;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Clusters.KeyEstablishment
{
    /// <summary>
    /// The responder end to end on the published examples, and each bad input ending in its Terminate
    /// status with no key and a successful retry once the wait has passed.
    /// </summary>
    [TestClass]
    public class KeyEstablishmentServerTests
    {
        private const long WaitMilliseconds = KeyEstablishmentTimingPolicy.TerminateWaitSeconds * 1000L;

        [TestMethod]
        public void SuiteAttributeNamesTheSuitesTheHubHas()
        {
            Assert.AreEqual(KeyEstablishmentSuite.Both, KeBench.Create(true, true).SuiteAttribute);
            Assert.AreEqual(KeyEstablishmentSuite.Suite2, KeBench.Create(false, true).SuiteAttribute);
        }

        [TestMethod]
        public void Suite1PublishedExampleRunsEndToEndInSlices()
        {
            KeyEstablishmentServer server = KeBench.Create(true, false);
            KeBench.RunSuite1(server);
            OutputHelper.WriteLine("suite 1 responder: " + KeBench.Turns.ToString() + " main-loop turns of " + CbkeTimeSlicePolicy.TurnBudget.ToString() + " budget units from Ephemeral Data Request to Response");
            Assert.IsTrue(KeBench.Turns > 100, "the curve work is spread over many main-loop turns");
        }

        [TestMethod]
        public void Suite2ExampleGivesThePublishedKeyData()
        {
            KeyEstablishmentServer server = KeBench.Create(true, true);
            Assert.IsTrue(KeBench.Send(server, KeBench.Suite2Device, KeyEstablishmentCluster.InitiateKeyEstablishment,
                KeBench.InitiatePayload(KeyEstablishmentSuite.Suite2, EccTestData.Suite2Cert2)));
            Assert.AreEqual(KeyEstablishmentCluster.InitiateKeyEstablishment, server.Output.CommandId);
            // EphemeralDataGenerateTime 0x1C: 28 s, KeyEstablishmentTimingPolicy at the firmware's one planning speed.
            Assert.AreEqual("02001C02" + EccTestData.Suite2Cert1, KeBench.OutputHex(server));
            Assert.IsFalse(KeBench.Send(server, KeBench.Suite2Device, KeyEstablishmentCluster.EphemeralData, TestBytes.Parse(EccTestData.Suite2EphemeralPublic2)));
            KeBench.StepUntilOutput(server);
            OutputHelper.WriteLine("suite 2 responder: " + KeBench.Turns.ToString() + " main-loop turns of " + CbkeTimeSlicePolicy.TurnBudget.ToString() + " budget units from Ephemeral Data Request to Response");
            Assert.AreEqual(EccTestData.Suite2EphemeralPublic1, KeBench.OutputHex(server));

            // The initiator's side: its own Z (computed from its keys), its MACU, and the MACV it expects.
            KoblitzCurve curve = KoblitzCurve.CreateSect283k1();
            string z = EccTestData.SharedSecret(curve, EccTestData.Suite2StaticPrivate2, EccTestData.Suite2EphemeralPrivate2,
                EccTestData.Suite2EphemeralPublic2, EccTestData.Suite2StaticPublic1, EccTestData.Suite2EphemeralPublic1);
            CbkeKeyDerivation initiator = new CbkeKeyDerivation(new SoftwareAes());
            byte[] zBytes = TestBytes.Parse(z);
            initiator.Derive(zBytes, zBytes.Length);
            byte[] qU = TestBytes.Parse(EccTestData.Suite2EphemeralPublic2);
            byte[] qV = TestBytes.Parse(EccTestData.Suite2EphemeralPublic1);
            byte[] macU = new byte[16];
            byte[] macV = new byte[16];
            initiator.Mac(CbkeKeyDerivation.InitiatorMacPrefix, KeBench.Suite2Device, KeBench.Suite2Hub, qU, qV, 37, macU);
            initiator.Mac(CbkeKeyDerivation.ResponderMacPrefix, KeBench.Suite2Hub, KeBench.Suite2Device, qV, qU, 37, macV);

            Assert.IsTrue(KeBench.Send(server, KeBench.Suite2Device, KeyEstablishmentCluster.ConfirmKeyData, macU));
            Assert.AreEqual(KeyEstablishmentCluster.ConfirmKeyData, server.Output.CommandId);
            Assert.AreEqual(TestBytes.ToHex(macV, 0, 16), KeBench.OutputHex(server));
            EstablishedLinkKey key = server.TakeEstablished();
            Assert.AreEqual(KeBench.Suite2KeyData, TestBytes.ToHex(key.Key, 0, 16));
            Assert.AreEqual(KeBench.Suite2Device, key.Device);
        }

        [TestMethod]
        public void AnotherIssuerIsUnknownIssuer()
        {
            KeyEstablishmentServer server = KeBench.Create(true, false);
            byte[] payload = KeBench.InitiatePayload(KeyEstablishmentSuite.Suite1, EccTestData.Suite1CertU);
            payload[4 + 30] ^= 0x01;
            KeBench.AssertTerminated(server, KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.InitiateKeyEstablishment, payload),
                KeBench.Suite1Device, KeyEstablishmentStatus.UnknownIssuer);
            RetryAfterTheWait(server);
        }

        [TestMethod]
        public void ASubjectOtherThanTheSenderIsBadMessage()
        {
            KeyEstablishmentServer server = KeBench.Create(true, false);
            KeBench.AssertTerminated(server, KeBench.Send(server, 0x0000000000000003, KeyEstablishmentCluster.InitiateKeyEstablishment,
                KeBench.InitiatePayload(KeyEstablishmentSuite.Suite1, EccTestData.Suite1CertU)), 0x0000000000000003, KeyEstablishmentStatus.BadMessage);
            Assert.AreEqual("Identity subject: not the sender's EUI-64", server.LastFailure);
            RetryAfterTheWait(server);
        }

        [TestMethod]
        public void AWrongMacUIsBadKeyConfirm()
        {
            KeyEstablishmentServer server = KeBench.Create(true, false);
            StartSuite1(server);
            byte[] macU = TestBytes.Parse(KeBench.Suite1MacU);
            macU[15] ^= 0x80;
            KeBench.AssertTerminated(server, KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.ConfirmKeyData, macU),
                KeBench.Suite1Device, KeyEstablishmentStatus.BadKeyConfirm);
            Assert.IsTrue(server.IsIdle);
            RetryAfterTheWait(server);
        }

        [TestMethod]
        public void AnEphemeralKeyNotOnTheCurveIsBadMessage()
        {
            KeyEstablishmentServer server = KeBench.Create(true, false);
            byte[] point = PointNotOnCurve();
            InitiateSuite1(server);
            Assert.IsFalse(KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.EphemeralData, point));
            KeBench.StepUntilOutput(server);
            KeBench.AssertTerminated(server, true, KeBench.Suite1Device, KeyEstablishmentStatus.BadMessage);
            Assert.AreEqual("peer key: not on the curve", server.LastFailure);
            RetryAfterTheWait(server);
        }

        [TestMethod]
        public void ThePointAtInfinityAsEphemeralKeyIsBadMessage()
        {
            // Infinity has no compressed form: what a sender can send is zeros (prefix 00) or x = 0 (order 2).
            KeyEstablishmentServer server = KeBench.Create(true, false);
            InitiateSuite1(server);
            Assert.IsFalse(KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.EphemeralData, new byte[22]));
            KeBench.StepUntilOutput(server);
            KeBench.AssertTerminated(server, true, KeBench.Suite1Device, KeyEstablishmentStatus.BadMessage);
            RetryAfterTheWait(server);

            byte[] zeroX = new byte[22];
            zeroX[0] = 0x02;
            InitiateSuite1(server);
            Assert.IsFalse(KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.EphemeralData, zeroX));
            KeBench.StepUntilOutput(server);
            KeBench.AssertTerminated(server, true, KeBench.Suite1Device, KeyEstablishmentStatus.BadMessage);
            Assert.AreEqual("peer key: a point of small order", server.LastFailure);
            RetryAfterTheWait(server);
        }

        [TestMethod]
        public void TruncatedAndOversizedMessagesAreBadMessage()
        {
            KeyEstablishmentServer server = KeBench.Create(true, false);
            byte[] initiate = KeBench.InitiatePayload(KeyEstablishmentSuite.Suite1, EccTestData.Suite1CertU);
            KeBench.AssertTerminated(server, server.Receive(KeBench.Suite1Device, KeyEstablishmentCluster.InitiateKeyEstablishment, initiate, 0, initiate.Length - 1),
                KeBench.Suite1Device, KeyEstablishmentStatus.BadMessage);
            KeBench.Clock.Advance(WaitMilliseconds);

            byte[] longer = new byte[initiate.Length + 1];
            System.Array.Copy(initiate, longer, initiate.Length);
            KeBench.AssertTerminated(server, KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.InitiateKeyEstablishment, longer),
                KeBench.Suite1Device, KeyEstablishmentStatus.BadMessage);
            KeBench.Clock.Advance(WaitMilliseconds);

            InitiateSuite1(server);
            byte[] point = TestBytes.Parse(EccTestData.Suite1EphemeralPublicU);
            KeBench.AssertTerminated(server, server.Receive(KeBench.Suite1Device, KeyEstablishmentCluster.EphemeralData, point, 0, 21),
                KeBench.Suite1Device, KeyEstablishmentStatus.BadMessage);
            Assert.IsTrue(server.IsIdle);
            KeBench.Clock.Advance(WaitMilliseconds);

            StartSuite1(server);
            byte[] macU = TestBytes.Parse(KeBench.Suite1MacU + "00");
            KeBench.AssertTerminated(server, KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.ConfirmKeyData, macU),
                KeBench.Suite1Device, KeyEstablishmentStatus.BadMessage);
            RetryAfterTheWait(server);
        }

        [TestMethod]
        public void ASecondInitiateMidExchangeIsBadMessage()
        {
            KeyEstablishmentServer server = KeBench.Create(true, false);
            InitiateSuite1(server);
            KeBench.AssertTerminated(server, KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.InitiateKeyEstablishment,
                KeBench.InitiatePayload(KeyEstablishmentSuite.Suite1, EccTestData.Suite1CertU)), KeBench.Suite1Device, KeyEstablishmentStatus.BadMessage);
            Assert.IsTrue(server.IsIdle);
            RetryAfterTheWait(server);
        }

        [TestMethod]
        public void AConfirmBeforeTheEphemeralDataIsBadMessage()
        {
            KeyEstablishmentServer server = KeBench.Create(true, false);
            InitiateSuite1(server);
            KeBench.AssertTerminated(server, KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.ConfirmKeyData, TestBytes.Parse(KeBench.Suite1MacU)),
                KeBench.Suite1Device, KeyEstablishmentStatus.BadMessage);
            RetryAfterTheWait(server);

            // Also while the hub is still computing its answer to the Ephemeral Data.
            InitiateSuite1(server);
            Assert.IsFalse(KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.EphemeralData, TestBytes.Parse(EccTestData.Suite1EphemeralPublicU)));
            KeBench.AssertTerminated(server, KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.ConfirmKeyData, TestBytes.Parse(KeBench.Suite1MacU)),
                KeBench.Suite1Device, KeyEstablishmentStatus.BadMessage);
            RetryAfterTheWait(server);
        }

        [TestMethod]
        public void AnUnsupportedSuiteIsUnsupportedSuite()
        {
            KeyEstablishmentServer server = KeBench.Create(true, false);
            KeBench.AssertTerminated(server, KeBench.Send(server, KeBench.Suite2Device, KeyEstablishmentCluster.InitiateKeyEstablishment,
                KeBench.InitiatePayload(KeyEstablishmentSuite.Suite2, EccTestData.Suite2Cert2)), KeBench.Suite2Device, KeyEstablishmentStatus.UnsupportedSuite);
            TerminateKeyEstablishment terminate = new TerminateKeyEstablishment();
            KeyEstablishmentFrames.DecodeTerminate(server.Output.Payload, 0, server.Output.Length, terminate);
            Assert.AreEqual(KeyEstablishmentSuite.Suite1, terminate.Suite);
            RetryAfterTheWait(server);
        }

        [TestMethod]
        public void ASuite2CertificateWithoutKeyAgreementIsInvalidKeyUsage()
        {
            KeyEstablishmentServer server = KeBench.Create(false, true);
            byte[] payload = KeBench.InitiatePayload(KeyEstablishmentSuite.Suite2, EccTestData.Suite2Cert2);
            payload[4 + 36] = ImplicitCertificate.DigitalSignature;
            KeBench.AssertTerminated(server, KeBench.Send(server, KeBench.Suite2Device, KeyEstablishmentCluster.InitiateKeyEstablishment, payload),
                KeBench.Suite2Device, KeyEstablishmentStatus.InvalidKeyUsage);
        }

        [TestMethod]
        public void Suite2ValidityIsCheckedOnlyWithATrustedClock()
        {
            KeyEstablishmentServer server = KeBench.Create(false, true);
            byte[] payload = KeBench.InitiatePayload(KeyEstablishmentSuite.Suite2, EccTestData.Suite2Cert2);
            KeBench.Clock.SetUtcNow(new System.DateTime(2013, 1, 1, 0, 0, 0));
            server.ClockTrusted = true;
            KeBench.AssertTerminated(server, KeBench.Send(server, KeBench.Suite2Device, KeyEstablishmentCluster.InitiateKeyEstablishment, payload),
                KeBench.Suite2Device, CertificateValidityPolicy.OutsideValidityStatus);
            Assert.AreEqual("Identity validity: outside its period", server.LastFailure);
            KeBench.Clock.Advance(WaitMilliseconds);
            server.ClockTrusted = false;
            Assert.IsTrue(KeBench.Send(server, KeBench.Suite2Device, KeyEstablishmentCluster.InitiateKeyEstablishment, payload));
            Assert.AreEqual(KeyEstablishmentCluster.InitiateKeyEstablishment, server.Output.CommandId);
        }

        [TestMethod]
        public void ADeviceIsRefusedUntilItsWaitHasPassed()
        {
            KeyEstablishmentServer server = KeBench.Create(true, false);
            InitiateSuite1(server);
            KeBench.AssertTerminated(server, KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.ConfirmKeyData, TestBytes.Parse(KeBench.Suite1MacU)),
                KeBench.Suite1Device, KeyEstablishmentStatus.BadMessage);
            KeBench.Clock.Advance(WaitMilliseconds - 1);
            KeBench.AssertTerminated(server, KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.InitiateKeyEstablishment,
                KeBench.InitiatePayload(KeyEstablishmentSuite.Suite1, EccTestData.Suite1CertU)), KeBench.Suite1Device, KeyEstablishmentStatus.NoResources);
            KeBench.Clock.Advance(1);
            KeBench.RunSuite1(server);
        }

        [TestMethod]
        public void AnotherDeviceIsRefusedWhileAnExchangeRuns()
        {
            KeyEstablishmentServer server = KeBench.Create(true, true);
            InitiateSuite1(server);
            KeBench.AssertTerminated(server, KeBench.Send(server, KeBench.Suite2Device, KeyEstablishmentCluster.InitiateKeyEstablishment,
                KeBench.InitiatePayload(KeyEstablishmentSuite.Suite2, EccTestData.Suite2Cert2)), KeBench.Suite2Device, KeyEstablishmentStatus.NoResources);
            Assert.AreEqual(KeBench.Suite1Device, server.Peer);
            Assert.IsFalse(KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.EphemeralData, TestBytes.Parse(EccTestData.Suite1EphemeralPublicU)));
            KeBench.StepUntilOutput(server);
            Assert.AreEqual(EccTestData.Suite1EphemeralPublicV, KeBench.OutputHex(server));
        }

        [TestMethod]
        public void AQuietInitiatorTimesOut()
        {
            KeyEstablishmentServer server = KeBench.Create(true, false);
            InitiateSuite1(server);
            WorkBudget budget = new WorkBudget();
            budget.Remaining = CbkeTimeSlicePolicy.TurnBudget;
            KeBench.Clock.Advance(KeyEstablishmentTimingPolicy.PeerTimeoutMilliseconds(20) - 1);
            Assert.IsFalse(server.Step(budget));
            Assert.IsFalse(server.IsIdle);
            KeBench.Clock.Advance(1);
            Assert.IsFalse(server.Step(budget));
            Assert.IsTrue(server.IsIdle);
            Assert.AreEqual(1, server.TimedOutExchanges);
            KeBench.RunSuite1(server);
        }

        [TestMethod]
        public void ATerminateFromTheInitiatorEndsTheExchange()
        {
            KeyEstablishmentServer server = KeBench.Create(true, false);
            InitiateSuite1(server);
            byte[] terminate = new byte[4];
            KeyEstablishmentFrames.EncodeTerminate(KeyEstablishmentStatus.BadKeyConfirm, 5, KeyEstablishmentSuite.Suite1, terminate, 0);
            Assert.IsFalse(KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.TerminateKeyEstablishment, terminate));
            Assert.IsTrue(server.IsIdle);
            KeBench.RunSuite1(server);
        }

        private static void InitiateSuite1(KeyEstablishmentServer server)
        {
            Assert.IsTrue(KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.InitiateKeyEstablishment,
                KeBench.InitiatePayload(KeyEstablishmentSuite.Suite1, EccTestData.Suite1CertU)));
            Assert.AreEqual(KeyEstablishmentCluster.InitiateKeyEstablishment, server.Output.CommandId);
        }

        private static void StartSuite1(KeyEstablishmentServer server)
        {
            InitiateSuite1(server);
            Assert.IsFalse(KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.EphemeralData, TestBytes.Parse(EccTestData.Suite1EphemeralPublicU)));
            KeBench.StepUntilOutput(server);
            Assert.AreEqual(KeyEstablishmentCluster.EphemeralData, server.Output.CommandId);
        }

        private static void RetryAfterTheWait(KeyEstablishmentServer server)
        {
            Assert.IsNull(server.Established);
            KeBench.Clock.Advance(WaitMilliseconds);
            KeBench.RunSuite1(server);
        }

        /// <summary>The published QEU with its x changed until no point has that x (about half of all x do not).</summary>
        private static byte[] PointNotOnCurve()
        {
            KoblitzCurve curve = KoblitzCurve.CreateSect163k1();
            PointDecompressor decompressor = new PointDecompressor(curve);
            AffinePoint point = new AffinePoint(curve.Field.Limbs);
            byte[] bytes = TestBytes.Parse(EccTestData.Suite1EphemeralPublicU);
            for (int i = 1; i < 256; i++)
            {
                bytes[21] = (byte)i;
                decompressor.Begin(bytes, 0, bytes.Length, point);
                EccTestData.Run(decompressor);
                if (decompressor.Status == PointStatus.NotOnCurve)
                {
                    return bytes;
                }
            }

            Assert.IsTrue(false, "no x off the curve found");
            return null;
        }
    }
}
