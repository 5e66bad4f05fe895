using System;
using System.Collections.Generic;
using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Tests.Clusters.KeyEstablishment;
using CommsHub.Tests.HostTests.Security;
using CommsHub.Tests.Security;
using CommsHub.Tests.Security.Ecc;
using CommsHub.VirtualBoard.Capture;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.KeyEstablishment
{
    /// <summary>
    /// Every Key Establishment command, both directions and both suites, as the responder sends it or as our
    /// codecs encode the initiator's, inside APS/NWK/MAC: tshark's zbee_zcl_se.ke dissector must read each
    /// with nothing malformed, no warning, and the field values (certificate fields included) we put in.
    /// </summary>
    [TestClass]
    public class KeyEstablishmentOracleTests
    {
        private const byte ClientToServer = 0x01;
        private const byte ServerToClient = 0x19;

        [TestMethod]
        public void EveryKeyEstablishmentCommandDissectsInTshark()
        {
            var sent = new List<Sent>();
            KeyEstablishmentServer server = KeBench.Create(true, true);

            // Suite 1, the published exchange, every message in each direction.
            byte[] initiate1 = KeBench.InitiatePayload(KeyEstablishmentSuite.Suite1, EccTestData.Suite1CertU);
            sent.Add(new Sent(ClientToServer, 0x00, initiate1));
            Assert.IsTrue(KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.InitiateKeyEstablishment, initiate1));
            sent.Add(Response(server));
            byte[] qeu = TestBytes.Parse(EccTestData.Suite1EphemeralPublicU);
            sent.Add(new Sent(ClientToServer, 0x01, qeu));
            KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.EphemeralData, qeu);
            KeBench.StepUntilOutput(server);
            sent.Add(Response(server));
            byte[] macU = TestBytes.Parse(KeBench.Suite1MacU);
            sent.Add(new Sent(ClientToServer, 0x02, macU));
            Assert.IsTrue(KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.ConfirmKeyData, macU));
            sent.Add(Response(server));

            // Suite 2: the Initiate both ways and the initiator's ephemeral data; then a client Terminate.
            byte[] initiate2 = KeBench.InitiatePayload(KeyEstablishmentSuite.Suite2, EccTestData.Suite2Cert2);
            sent.Add(new Sent(ClientToServer, 0x00, initiate2));
            Assert.IsTrue(KeBench.Send(server, KeBench.Suite2Device, KeyEstablishmentCluster.InitiateKeyEstablishment, initiate2));
            sent.Add(Response(server));
            sent.Add(new Sent(ClientToServer, 0x01, TestBytes.Parse(EccTestData.Suite2EphemeralPublic2)));
            byte[] terminate = new byte[4];
            KeyEstablishmentFrames.EncodeTerminate(KeyEstablishmentStatus.BadKeyConfirm, 7, KeyEstablishmentSuite.Suite2, terminate, 0);
            sent.Add(new Sent(ClientToServer, 0x03, terminate));
            KeBench.Send(server, KeBench.Suite2Device, KeyEstablishmentCluster.TerminateKeyEstablishment, terminate);

            // The server's Terminate: another issuer.
            byte[] foreign = KeBench.InitiatePayload(KeyEstablishmentSuite.Suite1, EccTestData.Suite1CertU);
            foreign[4 + 30] ^= 1;
            Assert.IsTrue(KeBench.Send(server, KeBench.Suite1Device, KeyEstablishmentCluster.InitiateKeyEstablishment, foreign));
            sent.Add(Response(server));

            var frames = new List<byte[]>();
            for (int i = 0; i < sent.Count; i++)
            {
                byte[] zcl = new byte[3 + sent[i].Payload.Length];
                zcl[0] = sent[i].FrameControl;
                zcl[1] = (byte)(i + 1);
                zcl[2] = sent[i].Command;
                sent[i].Payload.CopyTo(zcl, 3);
                bool toServer = sent[i].FrameControl == ClientToServer;
                frames.Add(ZigbeeFrameWrapper.NwkApsPayload(zcl, KeyEstablishmentCluster.ClusterId,
                    toServer ? (ushort)0x4F21 : (ushort)0x0000, toServer ? (ushort)0x0000 : (ushort)0x4F21, (byte)i));
            }

            List<string[]> d = ZigbeeOracle.Tshark(frames, Array.Empty<string>(),
                "zbee_zcl_se.ke.cmd.srv_rx.id", "zbee_zcl_se.ke.cmd.srv_tx.id", "zbee_zcl_se.ke.attr.suite",
                "zbee_zcl_se.ke.init.ephemeral.time", "zbee_zcl_se.ke.init.confirm.time",
                "zbee_zcl_se.ke.cert.reconst", "zbee_zcl_se.ke.cert.subject", "zbee_zcl_se.ke.cert.issuer",
                "zbee_zcl_se.ke.cert.key.usage.agreement", "zbee_zcl_se.ke.cert.valid.from",
                "zbee_zcl_se.ke.qeu", "zbee_zcl_se.ke.qev", "zbee_zcl_se.ke.macu", "zbee_zcl_se.ke.macv",
                "zbee_zcl_se.ke.terminate.status", "zbee_zcl_se.ke.terminate.wait.time");
            for (int i = 0; i < sent.Count; i++)
            {
                Sent s = sent[i];
                string[] v = d[i];
                string where = "tshark, KE frame " + (i + 1) + " " + Convert.ToHexString(s.Payload);
                bool toServer = s.FrameControl == ClientToServer;
                Assert.AreEqual("0x" + s.Command.ToString("x2"), toServer ? v[0] : v[1], where + " command");
                string hex = Convert.ToHexString(s.Payload).ToLowerInvariant();
                switch (s.Command)
                {
                    case 0x00:
                        ushort suite = (ushort)(s.Payload[0] | (s.Payload[1] << 8));
                        Assert.AreEqual("0x" + suite.ToString("x4"), v[2], where + " suite");
                        Assert.AreEqual(s.Payload[2].ToString(), v[3], where + " ephemeral data generate time");
                        Assert.AreEqual(s.Payload[3].ToString(), v[4], where + " confirm key generate time");
                        var certificate = new ImplicitCertificate();
                        Assert.IsNull(certificate.Parse(s.Payload, 4, s.Payload.Length - 4, suite));
                        int points = KeyEstablishmentSuite.PointLength(suite);
                        Assert.AreEqual(hex.Substring(2 * (4 + certificate.ReconstructionOffset), 2 * points), v[5], where + " reconstruction data");
                        Assert.AreEqual(certificate.Subject.ToString("x16"), v[6], where + " subject");
                        Assert.AreEqual(certificate.Issuer.ToString("x16"), v[7], where + " issuer");
                        if (suite == KeyEstablishmentSuite.Suite2)
                        {
                            Assert.AreEqual("1", v[8], where + " key agreement usage");
                            string from = DateTimeOffset.FromUnixTimeSeconds(certificate.ValidFrom).UtcDateTime.ToString("MMM d, yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
                            Assert.IsTrue(v[9].Replace("  ", " ").StartsWith(from), where + " valid from " + v[9] + " vs " + from);
                        }

                        break;
                    case 0x01:
                        Assert.AreEqual(hex, toServer ? v[10] : v[11], where + " ephemeral data");
                        break;
                    case 0x02:
                        Assert.AreEqual(hex, toServer ? v[12] : v[13], where + " MAC");
                        break;
                    default:
                        Assert.AreEqual("0x" + s.Payload[0].ToString("x2"), v[14], where + " terminate status");
                        Assert.AreEqual(s.Payload[1].ToString(), v[15], where + " wait time");
                        break;
                }
            }
        }

        private static Sent Response(KeyEstablishmentServer server)
        {
            Assert.IsTrue(server.Output.Ready, "the server has a message");
            return new Sent(ServerToClient, server.Output.CommandId, server.Output.Payload[..server.Output.Length]);
        }

        private sealed class Sent
        {
            public Sent(byte frameControl, byte command, byte[] payload)
            {
                FrameControl = frameControl;
                Command = command;
                Payload = (byte[])payload.Clone();
            }

            public byte FrameControl { get; }

            public byte Command { get; }

            public byte[] Payload { get; }
        }
    }
}
