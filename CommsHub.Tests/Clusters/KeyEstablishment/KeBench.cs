using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Security;
using CommsHub.Security.Ecc;
using CommsHub.Tests.Security;
using CommsHub.Tests.Security.Ecc;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Clusters.KeyEstablishment
{
    /// <summary>
    /// A responder with the published examples' credentials: suite 1 as V (EUI ...01, the initiator U is
    /// ...02), suite 2 as device 1 (0A0B0C0D0E0F1011, the initiator device 2 is ...1012).
    /// </summary>
    internal static class KeBench
    {
        public const ulong Suite1Hub = 0x0000000000000001;
        public const ulong Suite1Device = 0x0000000000000002;
        public const ulong Suite2Hub = 0x0A0B0C0D0E0F1011;
        public const ulong Suite2Device = 0x0A0B0C0D0E0F1012;

        public const string Suite1MacU = "B82F1F9774740C32F80FCFC3921B6420";
        public const string Suite1MacV = "79D5F2AD1C31D4D1EE7CB719AC683C3C";
        public const string Suite1KeyData = "86D58AAA998E2FAEFAF9FEF49606543A";
        public const string Suite1MacKey = "90F967B22C8357C10C1C04788DE9E848";
        public const string Suite2KeyData = "AA4689C70BE0FAF0C9BE534ABD9F4CDC";
        public const string Suite2MacKey = "ED380A00296600FB6B893025DE5FD137";

        public static ManualClock Clock;
        public static FixedEphemeralKeys Keys;
        public static int Turns;

        public static KeyEstablishmentServer Create(bool withSuite1, bool withSuite2)
        {
            Clock = new ManualClock();
            Keys = new FixedEphemeralKeys(EccTestData.Suite1EphemeralPrivateV, EccTestData.Suite2EphemeralPrivate1);
            KeyEstablishmentIdentity suite1 = null;
            KeyEstablishmentIdentity suite2 = null;
            if (withSuite1)
            {
                suite1 = new KeyEstablishmentIdentity();
                Assert.IsNull(suite1.Load(KeyEstablishmentSuite.Suite1, TestBytes.Parse(EccTestData.Suite1CertV),
                    TestBytes.Parse(EccTestData.Suite1StaticPrivateV), TestBytes.Parse(EccTestData.Suite1CaPublic)));
            }

            if (withSuite2)
            {
                suite2 = new KeyEstablishmentIdentity();
                Assert.IsNull(suite2.Load(KeyEstablishmentSuite.Suite2, TestBytes.Parse(EccTestData.Suite2Cert1),
                    TestBytes.Parse(EccTestData.Suite2StaticPrivate1), TestBytes.Parse(EccTestData.Suite2CaPublic)));
            }

            return new KeyEstablishmentServer(Clock, new SoftwareAes(), Keys, suite1, suite2);
        }

        public static byte[] InitiatePayload(ushort suite, string certificateHex)
        {
            byte[] certificate = TestBytes.Parse(certificateHex);
            byte[] payload = new byte[4 + certificate.Length];
            KeyEstablishmentFrames.EncodeInitiate(suite, 20, 5, certificate, 0, certificate.Length, payload, 0);
            return payload;
        }

        public static bool Send(KeyEstablishmentServer server, ulong sender, byte command, byte[] payload)
        {
            return server.Receive(sender, command, payload, 0, payload.Length);
        }

        /// <summary>Steps with a main-loop turn's budget until the server has a message; counts the turns in <see cref="Turns"/>.</summary>
        public static void StepUntilOutput(KeyEstablishmentServer server)
        {
            WorkBudget budget = new WorkBudget();
            Turns = 0;
            while (Turns < 1000000)
            {
                budget.Remaining = CbkeTimeSlicePolicy.TurnBudget;
                Turns++;
                if (server.Step(budget))
                {
                    return;
                }

                Assert.IsTrue(budget.Remaining >= 0, "a turn overspent its budget");
            }

            Assert.IsTrue(false, "the responder never answered");
        }

        public static string OutputHex(KeyEstablishmentServer server)
        {
            return TestBytes.ToHex(server.Output.Payload, 0, server.Output.Length);
        }

        /// <summary>Asserts the server answered with a Terminate of <paramref name="status"/> to <paramref name="device"/>, and installed nothing.</summary>
        public static void AssertTerminated(KeyEstablishmentServer server, bool answered, ulong device, byte status)
        {
            Assert.IsTrue(answered, "a Terminate was expected");
            Assert.AreEqual(KeyEstablishmentCluster.TerminateKeyEstablishment, server.Output.CommandId);
            Assert.AreEqual(device, server.Output.Destination);
            TerminateKeyEstablishment terminate = new TerminateKeyEstablishment();
            Assert.IsNull(KeyEstablishmentFrames.DecodeTerminate(server.Output.Payload, 0, server.Output.Length, terminate));
            Assert.AreEqual(KeyEstablishmentStatus.Name(status), KeyEstablishmentStatus.Name(terminate.StatusCode));
            Assert.IsTrue(terminate.WaitTime > 0, "a Terminate carries a wait time");
            Assert.IsNull(server.Established);
        }

        /// <summary>The published suite 1 exchange from U, start to end, checking every message the hub sends.</summary>
        public static void RunSuite1(KeyEstablishmentServer server)
        {
            Assert.IsTrue(Send(server, Suite1Device, KeyEstablishmentCluster.InitiateKeyEstablishment,
                InitiatePayload(KeyEstablishmentSuite.Suite1, EccTestData.Suite1CertU)), "Initiate answered");
            Assert.AreEqual(KeyEstablishmentCluster.InitiateKeyEstablishment, server.Output.CommandId);
            InitiateKeyEstablishment response = new InitiateKeyEstablishment();
            Assert.IsNull(KeyEstablishmentFrames.DecodeInitiate(server.Output.Payload, 0, server.Output.Length, response));
            Assert.AreEqual(KeyEstablishmentSuite.Suite1, response.Suite);
            Assert.AreEqual(KeyEstablishmentTimingPolicy.EphemeralDataGenerateSeconds(KeyEstablishmentSuite.Suite1), response.EphemeralDataGenerateTime);
            Assert.AreEqual(EccTestData.Suite1CertV, TestBytes.ToHex(response.Identity.Bytes, 0, response.Identity.Length));

            Assert.IsFalse(Send(server, Suite1Device, KeyEstablishmentCluster.EphemeralData, TestBytes.Parse(EccTestData.Suite1EphemeralPublicU)));
            StepUntilOutput(server);
            Assert.AreEqual(KeyEstablishmentCluster.EphemeralData, server.Output.CommandId);
            Assert.AreEqual(EccTestData.Suite1EphemeralPublicV, OutputHex(server));

            Assert.IsTrue(Send(server, Suite1Device, KeyEstablishmentCluster.ConfirmKeyData, TestBytes.Parse(Suite1MacU)));
            Assert.AreEqual(KeyEstablishmentCluster.ConfirmKeyData, server.Output.CommandId);
            Assert.AreEqual(Suite1MacV, OutputHex(server));
            EstablishedLinkKey key = server.TakeEstablished();
            Assert.IsNotNull(key);
            Assert.AreEqual(Suite1Device, key.Device);
            Assert.AreEqual(Suite1KeyData, TestBytes.ToHex(key.Key, 0, 16));
            Assert.IsTrue(key.Authorised);
            Assert.IsTrue(server.IsIdle);
        }
    }
}
