using System;
using System.Collections.Generic;
using CommsHub.Clusters.KeyEstablishment;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.VirtualBoard.Zigbee;
using nanoFramework.TestFramework;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Math;

namespace CommsHub.Tests.HostTests.Zigbee
{
    /// <summary>
    /// The emulated device's CBKE initiator against a scripted hub: it waits as long as the hub said its answer
    /// takes (plus the air's margin) and no longer, and it ends the exchange with its own Terminate when the hub's
    /// certificate or MACV is not what it must be.
    /// </summary>
    [TestClass]
    public class NodeKeyEstablishmentTests
    {
        private const ulong Device = 0x00DB1234567890A4;
        private const ulong Hub = 0x00DB1234567890FF;

        [TestMethod]
        public void TheInitiatorWaitsTheHubsStatedEphemeralDataGenerateTimeAndThenGivesUp()
        {
            var s = new Script(71);
            s.Exchange.Start(s.DeviceCredentials, Hub);
            AssertCommand(s.Sent[0], KeyEstablishmentCluster.InitiateKeyEstablishment);
            s.AnswerInitiate(s.HubCertificate, ephemeralDataGenerateTime: 30);
            AssertCommand(s.Sent[1], KeyEstablishmentCluster.EphemeralData);
            Assert.AreEqual(3 + 37, s.Sent[1].Length, "a compressed sect283k1 point");
            Assert.AreEqual("ephemeral data", s.Exchange.State);

            long wait = (30 * 1000) + NodeKeyEstablishmentPolicy.AirMarginMilliseconds;
            s.Clock.Advance(TimeSpan.FromMilliseconds(wait - 1));
            Assert.AreEqual(0, s.Failures.Count, "gave up before the hub's stated time: " + string.Join(" | ", s.Failures));
            s.Clock.Advance(TimeSpan.FromMilliseconds(2));
            Assert.AreEqual(1, s.Failures.Count);
            Assert.AreEqual("no Ephemeral Data Response within " + (wait / 1000) + " s", s.Failures[0]);
            Assert.AreEqual(2, s.Sent.Count, "no Terminate for a silent hub: its own timeout ends its side");
        }

        [TestMethod]
        public void AHubCertificateFromAnotherIssuerOrForAnotherSubjectIsTerminated()
        {
            var other = new BenchCertificateAuthorities(72, issuer: 0x1122334455667788);
            var s = new Script(73);
            s.Exchange.Start(s.DeviceCredentials, Hub);
            s.AnswerInitiate(other.Issue(2, Hub).Certificate, 30);
            AssertTerminate(s.Sent[^1], KeyEstablishmentStatus.UnknownIssuer);
            Assert.IsTrue(s.Failures[0].Contains("issuer 1122334455667788"), s.Failures[0]);

            s.Exchange.Start(s.DeviceCredentials, Hub);
            s.AnswerInitiate(s.Authorities.Issue(2, Hub + 1).Certificate, 30);
            AssertTerminate(s.Sent[^1], KeyEstablishmentStatus.BadMessage);
            Assert.IsTrue(s.Failures[1].Contains("not the trust centre"), s.Failures[1]);
            Assert.IsNull(s.Exchange.KeyData);
        }

        [TestMethod]
        public void AWrongMacvIsTerminatedBadKeyConfirmAndNoKeyIsTaken()
        {
            var s = new Script(74);
            s.Exchange.Start(s.DeviceCredentials, Hub);
            s.AnswerInitiate(s.HubCertificate, 30);
            var curve = SecNamedCurves.GetByName("sect283k1");
            byte[] hubEphemeral = curve.G.Multiply(new BigInteger("123456789abcdef0123456789", 16)).Normalize().GetEncoded(true);
            s.Answer(KeyEstablishmentCluster.EphemeralData, hubEphemeral);
            AssertCommand(s.Sent[2], KeyEstablishmentCluster.ConfirmKeyData);
            Assert.AreEqual(3 + 16, s.Sent[2].Length, "MACU");
            Assert.AreEqual("confirm key", s.Exchange.State);
            s.Answer(KeyEstablishmentCluster.ConfirmKeyData, new byte[16]);
            AssertTerminate(s.Sent[3], KeyEstablishmentStatus.BadKeyConfirm);
            Assert.AreEqual("failed", s.Exchange.State);
            Assert.IsNull(s.Exchange.KeyData);
            Assert.AreEqual(NodeKeyEstablishmentPolicy.TerminateWaitSeconds, s.Waits[0]);
        }

        [TestMethod]
        [DataRow("05")]
        [DataRow("02")]
        [DataRow("03")]
        public void AnEphemeralPointThatIsNoPointIsTerminatedBadMessage(string prefix)
        {
            var s = new Script(75);
            s.Exchange.Start(s.DeviceCredentials, Hub);
            s.AnswerInitiate(s.HubCertificate, 30);
            byte[] notAPoint = new byte[37];
            Array.Fill(notAPoint, (byte)0xFF);
            notAPoint[0] = Convert.FromHexString(prefix)[0];
            s.Answer(KeyEstablishmentCluster.EphemeralData, notAPoint);
            AssertTerminate(s.Sent[^1], KeyEstablishmentStatus.BadMessage);
            Assert.IsTrue(s.Failures[0].Contains("not a usable point"), s.Failures[0]);
        }

        [TestMethod]
        public void TheHubsTerminateEndsTheExchangeWithItsStatusAndWait()
        {
            var s = new Script(76);
            s.Exchange.Start(s.DeviceCredentials, Hub);
            byte[] terminate = new byte[4];
            KeyEstablishmentFrames.EncodeTerminate(KeyEstablishmentStatus.NoResources, 30, 2, terminate, 0);
            s.Answer(KeyEstablishmentCluster.TerminateKeyEstablishment, terminate, sequence: 0x77);
            Assert.AreEqual("the hub terminated: NO_RESOURCES, wait 30 s", s.Failures[0]);
            Assert.AreEqual(30, s.Waits[0]);
            Assert.AreEqual((int)KeyEstablishmentStatus.NoResources, (int)s.Exchange.LastTerminateStatus);
            Assert.AreEqual(1, s.Sent.Count, "the device does not answer a Terminate");
        }

        private static void AssertCommand(byte[] zcl, byte command)
        {
            Assert.AreEqual(0x01, (int)zcl[0], "cluster-specific, client to server");
            Assert.AreEqual((int)command, (int)zcl[2]);
        }

        private static void AssertTerminate(byte[] zcl, byte status)
        {
            AssertCommand(zcl, KeyEstablishmentCluster.TerminateKeyEstablishment);
            Assert.AreEqual(KeyEstablishmentStatus.Name(status), KeyEstablishmentStatus.Name(zcl[3]));
            Assert.AreEqual((int)NodeKeyEstablishmentPolicy.TerminateWaitSeconds, (int)zcl[4]);
        }

        /// <summary>The initiator with what it sends captured, and a hub that answers by hand.</summary>
        private sealed class Script
        {
            private byte _sequence;

            public Script(int seed)
            {
                Clock = new VirtualClock(new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc));
                Authorities = new BenchCertificateAuthorities(seed);
                DeviceCredentials = Authorities.Issue(2, Device);
                HubCertificate = Authorities.Issue(2, Hub).Certificate;
                Exchange = new NodeKeyEstablishment(Clock, new DotNetAes(), Device, () => _sequence++, Sent.Add, new Random(seed));
                Exchange.Failed += (_, why, wait) =>
                {
                    Failures.Add(why.Split(';')[0]);
                    Waits.Add(wait);
                };
            }

            public VirtualClock Clock { get; }

            public BenchCertificateAuthorities Authorities { get; }

            public CbkeCredentials DeviceCredentials { get; }

            public byte[] HubCertificate { get; }

            public NodeKeyEstablishment Exchange { get; }

            public List<byte[]> Sent { get; } = new();

            public List<string> Failures { get; } = new();

            public List<int> Waits { get; } = new();

            public void AnswerInitiate(byte[] certificate, byte ephemeralDataGenerateTime)
            {
                byte[] payload = new byte[4 + certificate.Length];
                KeyEstablishmentFrames.EncodeInitiate(2, ephemeralDataGenerateTime, 2, certificate, 0, certificate.Length, payload, 0);
                Answer(KeyEstablishmentCluster.InitiateKeyEstablishment, payload);
            }

            /// <summary>A cluster-specific frame from the server, with the sequence of the device's last request unless given.</summary>
            public void Answer(byte command, byte[] payload, byte? sequence = null)
            {
                byte[] zcl = new byte[3 + payload.Length];
                zcl[0] = 0x19;
                zcl[1] = sequence ?? Sent[^1][1];
                zcl[2] = command;
                payload.CopyTo(zcl, 3);
                Exchange.Receive(zcl);
            }
        }
    }
}
