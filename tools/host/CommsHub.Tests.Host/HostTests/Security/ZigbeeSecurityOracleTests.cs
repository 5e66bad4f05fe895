using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CommsHub.Aps;
using CommsHub.Nwk;
using CommsHub.Security;
using CommsHub.Tests.Aps;
using CommsHub.Tests.Nwk;
using CommsHub.VirtualBoard.Crypto;
using nanoFramework.TestFramework;
using TestFrameworkShared;

namespace CommsHub.Tests.HostTests.Security
{
    /// <summary>
    /// Our security primitives and NWK/APS frames against decoders we did not write: zigbee-on-host computes
    /// the same install-code keys, MMO hashes and keyed hashes, and decodes and decrypts our frames; tshark
    /// dissects them with the keys, with nothing malformed and no warning (a bad MIC would be one).
    /// </summary>
    [TestClass]
    public class ZigbeeSecurityOracleTests
    {
        private const string NwkKeyHex = "ABCDEF01234567890000000000000000";
        private const string InstallCodeLinkKey = "66B6900981E1EE3CA4206B6B861C02BB";

        [TestMethod]
        public void TheHostAesAgreesWithTheManagedReference()
        {
            var random = new Random(12);
            var soft = new SoftwareAes();
            using var host = new DotNetAes();
            for (int trial = 0; trial < 50; trial++)
            {
                byte[] key = new byte[16];
                random.NextBytes(key);
                soft.SetKey(key, 0);
                host.SetKey(key, 0);
                int blocks = 1 + random.Next(8);
                byte[] a = new byte[16 * blocks];
                random.NextBytes(a);
                byte[] b = (byte[])a.Clone();
                byte[] macA = new byte[16];
                byte[] macB = new byte[16];
                soft.CbcMac(a, 0, blocks, macA, 0);
                host.CbcMac(b, 0, blocks, macB, 0);
                Assert.AreEqual(Convert.ToHexString(macA), Convert.ToHexString(macB), "CBC-MAC");
                soft.EncryptBlocks(a, 0, blocks);
                host.EncryptBlocks(b, 0, blocks);
                Assert.AreEqual(Convert.ToHexString(a), Convert.ToHexString(b), "ECB");
            }
        }

        [TestMethod]
        public void InstallCodeMmoAndKeyedHashMatchZigbeeOnHost()
        {
            var random = new Random(5);
            var requests = new List<object>();
            var expected = new List<string>();
            var aes = new DotNetAes();
            var install = new InstallCode(aes);
            var mmo = new AesMmoHash(new SoftwareAes());
            var keyed = new KeyedHash(aes);
            byte[] digest = new byte[16];

            foreach (int length in new[] { 6, 8, 12, 16, 16, 6 })
            {
                byte[] code = new byte[length];
                random.NextBytes(code);
                Assert.IsNull(install.DeriveFromCode(code, 0, length, digest, 0));
                requests.Add(new { op = "installCode", hex = Convert.ToHexString(code) });
                expected.Add(Convert.ToHexString(digest));
            }

            // zigbee-on-host writes the short-message trailer only, so lengths stay under 2^16 bits.
            for (int length = 0; length <= 70; length++)
            {
                byte[] message = new byte[length];
                random.NextBytes(message);
                mmo.Compute(message, 0, length, digest, 0);
                requests.Add(new { op = "mmo", hex = Convert.ToHexString(message) });
                expected.Add(Convert.ToHexString(digest));
            }

            for (int i = 0; i < 8; i++)
            {
                byte[] key = new byte[16];
                random.NextBytes(key);
                byte input = (byte)(i % 2 == 0 ? 0x00 : 0x02);
                keyed.Compute(key, 0, input, digest, 0);
                requests.Add(new { op = "keyedHash", key = Convert.ToHexString(key), input = (int)input });
                expected.Add(Convert.ToHexString(digest));
            }

            List<JsonElement> results = ZigbeeOracle.ZigbeeOnHost(requests);
            Assert.AreEqual(expected.Count, results.Count);
            for (int i = 0; i < results.Count; i++)
            {
                JsonElement r = results[i];
                Assert.IsTrue(r.GetProperty("ok").GetBoolean(), JsonSerializer.Serialize(requests[i]));
                string theirs = r.TryGetProperty("key", out var k) ? k.GetString() : r.GetProperty("hash").GetString();
                Assert.AreEqual(expected[i], theirs.ToUpperInvariant(), JsonSerializer.Serialize(requests[i]));
            }
        }

        [TestMethod]
        public void OurSecuredNwkFramesDecodeAndDecryptInZigbeeOnHostAndTshark()
        {
            var aes = new DotNetAes();
            var frames = new List<byte[]>();
            var payloads = new List<byte[]>();
            for (int i = 0; i < 6; i++)
            {
                // An APS data frame carrying a ZCL OTA Image Notify, so the decrypted payload dissects to the cluster.
                byte[] zcl = new byte[] { 0x19, (byte)i, 0x00, 0x00, 0x64 };
                byte[] payload = CommsHub.VirtualBoard.Capture.ZigbeeFrameWrapper.NwkApsPayload(zcl, 0x0019, 0x0000, 0x1234, (byte)i)[8..];
                payloads.Add(payload);
                frames.Add(NwkFrameTests.SecuredDataFrame(aes, payload, (uint)(1000 + i), i % 2 == 0));
            }

            var requests = frames.Select(f => (object)new { op = "nwk", hex = Convert.ToHexString(f), key = NwkKeyHex }).ToList();
            List<JsonElement> results = ZigbeeOracle.ZigbeeOnHost(requests);
            var ours = new NwkHeader();
            for (int i = 0; i < frames.Count; i++)
            {
                string where = "zigbee-on-host, NWK frame " + Convert.ToHexString(frames[i]);
                JsonElement r = results[i];
                Assert.IsTrue(r.GetProperty("ok").GetBoolean(), where + ": " + (r.TryGetProperty("error", out var e) ? e.GetString() : ""));
                Assert.IsNull(NwkFrameCodec.Decode(frames[i], 0, frames[i].Length, ours, SecurityLevel.Zigbee));
                JsonElement fc = r.GetProperty("fc");
                JsonElement h = r.GetProperty("header");
                Assert.AreEqual(ours.FrameType, fc.GetProperty("frameType").GetInt32(), where);
                Assert.AreEqual(ours.ProtocolVersion, fc.GetProperty("protocolVersion").GetInt32(), where);
                Assert.AreEqual(ours.DiscoverRoute, fc.GetProperty("discoverRoute").GetInt32(), where);
                Assert.AreEqual(ours.SourceRoute, fc.GetProperty("sourceRoute").GetBoolean(), where);
                Assert.AreEqual(ours.HasSourceIeee, fc.GetProperty("extendedSource").GetBoolean(), where);
                Assert.AreEqual((int)ours.Destination, h.GetProperty("destination16").GetInt32(), where);
                Assert.AreEqual((int)ours.Source, h.GetProperty("source16").GetInt32(), where);
                Assert.AreEqual((int)ours.Radius, h.GetProperty("radius").GetInt32(), where);
                Assert.AreEqual((int)ours.Sequence, h.GetProperty("seqNum").GetInt32(), where);
                Assert.AreEqual(ours.SourceIeee.ToString(), h.GetProperty("source64").GetString(), where);
                if (ours.SourceRoute)
                {
                    Assert.AreEqual(ours.RelayIndex, h.GetProperty("relayIndex").GetInt32(), where);
                    var relays = h.GetProperty("relayAddresses").EnumerateArray().Select(x => x.GetInt32()).ToArray();
                    Assert.AreEqual(string.Join(",", ours.Relays.Take(ours.RelayCount)), string.Join(",", relays), where);
                }

                // zigbee-on-host's header ends where the auxiliary header starts.
                Assert.AreEqual(ours.PayloadOffset - ours.Auxiliary.Length, r.GetProperty("payloadOffset").GetInt32(), where + " header length");
                Assert.AreEqual(Convert.ToHexString(payloads[i]), r.GetProperty("payload").GetString().ToUpperInvariant(), where + " decrypted payload");
            }

            List<string[]> dissected = ZigbeeOracle.Tshark(frames, new[] { NwkKeyHex }, "zbee_nwk.seqno", "zbee.sec.key_id", "zbee.sec.counter", "zbee_aps.cluster", "zbee_zcl_general.ota.cmd.srv_tx.id");
            for (int i = 0; i < frames.Count; i++)
            {
                Assert.AreEqual("66", dissected[i][0], "tshark NWK sequence");
                Assert.AreEqual("0x01", dissected[i][1], "tshark key id (network key)");
                Assert.AreEqual((1000 + i).ToString(), dissected[i][2], "tshark frame counter");
                Assert.AreEqual("0x0019", dissected[i][3], "tshark decrypted the payload down to the APS cluster");
            }
        }

        [TestMethod]
        public void EveryNwkCommandDissectsInTsharkUnderTheNwkKey()
        {
            byte[] ids =
            {
                NwkCommandId.RouteRequest, NwkCommandId.RouteReply, NwkCommandId.NetworkStatus, NwkCommandId.Leave,
                NwkCommandId.RouteRecord, NwkCommandId.RejoinRequest, NwkCommandId.RejoinResponse, NwkCommandId.LinkStatus,
                NwkCommandId.NetworkReport, NwkCommandId.NetworkUpdate, NwkCommandId.EndDeviceTimeoutRequest,
                NwkCommandId.EndDeviceTimeoutResponse,
            };
            var aes = new DotNetAes();
            var frames = new List<byte[]>();
            var requests = new List<object>();
            for (int i = 0; i < ids.Length; i++)
            {
                byte[] command = new byte[60];
                int length = NwkCommandCodec.Encode(NwkFrameTests.Sample(ids[i]), command, 0);
                Array.Resize(ref command, length);
                byte[] frame = SecuredCommand(aes, command, (uint)(50 + i));
                frames.Add(frame);
                requests.Add(new { op = "nwk", hex = Convert.ToHexString(frame), key = NwkKeyHex });
            }

            List<JsonElement> results = ZigbeeOracle.ZigbeeOnHost(requests);
            List<string[]> dissected = ZigbeeOracle.Tshark(frames, new[] { NwkKeyHex }, "zbee_nwk.cmd.id");
            for (int i = 0; i < ids.Length; i++)
            {
                Assert.IsTrue(results[i].GetProperty("ok").GetBoolean(), "zigbee-on-host, command " + ids[i]);
                Assert.AreEqual(ids[i].ToString("x2"), results[i].GetProperty("payload").GetString().Substring(0, 2), "zigbee-on-host decrypted command id");
                Assert.AreEqual("0x" + ids[i].ToString("x2"), dissected[i][0], "tshark command id");
            }
        }

        [TestMethod]
        public void ATransportKeyUnderTheInstallCodeKeyDecryptsInZigbeeOnHostAndTshark()
        {
            var aes = new DotNetAes();
            byte[] linkKey = Convert.FromHexString(InstallCodeLinkKey);
            byte[] aps = ApsFrameTests.TransportKeyFrame(aes, linkKey, 77);

            // zigbee-on-host hashes the link key into the key-transport key itself, from key id 2.
            var results = ZigbeeOracle.ZigbeeOnHost(new object[] { new { op = "aps", hex = Convert.ToHexString(aps), key = InstallCodeLinkKey } });
            JsonElement r = results[0];
            Assert.IsTrue(r.GetProperty("ok").GetBoolean(), r.ToString());
            Assert.AreEqual(1, r.GetProperty("fc").GetProperty("frameType").GetInt32());
            string payload = r.GetProperty("payload").GetString().ToUpperInvariant();
            Assert.AreEqual("0501" + NwkKeyHex + "00" + Le(ApsFrameTests.Joiner) + Le(ApsFrameTests.TrustCentre), payload);

            // tshark: the APS frame inside an unsecured NWK data frame, as the trust centre sends it to a joiner.
            byte[] nwk = UnsecuredNwk(aps);
            List<string[]> dissected = ZigbeeOracle.Tshark(new[] { nwk }, new[] { InstallCodeLinkKey },
                "zbee_aps.cmd.id", "zbee_aps.cmd.key_type", "zbee_aps.cmd.key");
            Assert.AreEqual("0x05", dissected[0][0], "APS command id");
            Assert.AreEqual("0x01", dissected[0][1], "key type");
            Assert.AreEqual(NwkKeyHex.ToLowerInvariant(), dissected[0][2].Replace(":", string.Empty), "the NWK key");
        }

        [TestMethod]
        public void AnApsDataFrameUnderALinkKeyWithTheNwkSourceAsNonceDecryptsInZigbeeOnHostAndTshark()
        {
            // Key id 0 (data key), no extended nonce: the nonce's source is the NWK frame's source EUI-64.
            var aes = new DotNetAes();
            byte[] zcl = { 0x19, 0x22, 0x00, 0x00, 0x64 };
            var h = new ApsHeader
            {
                FrameType = ApsFrameType.Data,
                Security = true,
                DestinationEndpoint = 1,
                SourceEndpoint = 1,
                Cluster = 0x0019,
                Profile = 0x0109,
                Counter = 0x22,
            };
            h.Auxiliary.KeyId = AuxiliaryHeader.KeyIdData;
            h.Auxiliary.ExtendedNonce = false;
            h.Auxiliary.FrameCounter = 4242;
            byte[] buffer = new byte[100];
            int headerLength = ApsFrameCodec.EncodeHeader(h, buffer, 0);
            zcl.CopyTo(buffer, headerLength);
            var security = new FrameSecurity(aes);
            security.SetKey(Convert.FromHexString(InstallCodeLinkKey), 0);
            int length = security.Secure(buffer, 0, headerLength, zcl.Length, h.Auxiliary, ApsFrameTests.TrustCentre);
            byte[] aps = buffer[..length];

            var decoded = new ApsHeader();
            Assert.IsNull(ApsFrameCodec.Decode(aps, 0, aps.Length, decoded, SecurityLevel.Zigbee));
            Assert.AreEqual(zcl.Length, decoded.PayloadLength);

            var results = ZigbeeOracle.ZigbeeOnHost(new object[]
            {
                new { op = "aps", hex = Convert.ToHexString(aps), key = InstallCodeLinkKey, source64 = ApsFrameTests.TrustCentre.ToString() },
            });
            Assert.IsTrue(results[0].GetProperty("ok").GetBoolean(), results[0].ToString());
            Assert.AreEqual(Convert.ToHexString(zcl), results[0].GetProperty("payload").GetString().ToUpperInvariant());

            // tshark takes the nonce source from the NWK header's extended source.
            var nwk = new NwkHeader();
            nwk.Reset();
            nwk.Destination = 0x1234;
            nwk.Radius = 30;
            nwk.Sequence = 3;
            nwk.HasSourceIeee = true;
            nwk.SourceIeee = ApsFrameTests.TrustCentre;
            byte[] frame = new byte[127];
            int at = NwkFrameCodec.EncodeHeader(nwk, frame, 0);
            aps.CopyTo(frame, at);
            List<string[]> dissected = ZigbeeOracle.Tshark(new[] { frame[..(at + aps.Length)] }, new[] { InstallCodeLinkKey },
                "zbee.sec.key_id", "zbee_zcl_general.ota.cmd.srv_tx.id");
            Assert.AreEqual("0x00", dissected[0][0], "tshark key id (data key)");
            Assert.AreEqual("0x00", dissected[0][1], "tshark decrypted the ZCL Image Notify");
        }

        [TestMethod]
        public void EveryApsCommandDissectsInTsharkUnderTheKeyTransportKey()
        {
            var aes = new DotNetAes();
            byte[] linkKey = Convert.FromHexString(InstallCodeLinkKey);
            byte[] transportKey = new byte[16];
            new KeyedHash(aes).KeyTransportKey(linkKey, 0, transportKey, 0);
            var frames = new List<byte[]>();
            ApsCommand[] commands = ApsFrameTests.Commands();
            foreach (ApsCommand c in commands)
            {
                var h = new ApsHeader();
                h.FrameType = ApsFrameType.Command;
                h.Security = true;
                h.Counter = c.CommandId;
                h.Auxiliary.KeyId = AuxiliaryHeader.KeyIdKeyTransport;
                h.Auxiliary.ExtendedNonce = true;
                h.Auxiliary.Source = ApsFrameTests.TrustCentre;
                h.Auxiliary.FrameCounter = 300u + c.CommandId;
                byte[] buffer = new byte[100];
                int headerLength = ApsFrameCodec.EncodeHeader(h, buffer, 0);
                int payloadLength = ApsCommandCodec.Encode(c, buffer, headerLength);
                var security = new FrameSecurity(aes);
                security.SetKey(transportKey, 0);
                int length = security.Secure(buffer, 0, headerLength, payloadLength, h.Auxiliary, ApsFrameTests.TrustCentre);
                frames.Add(UnsecuredNwk(buffer[..length]));
            }

            List<string[]> dissected = ZigbeeOracle.Tshark(frames, new[] { InstallCodeLinkKey }, "zbee_aps.cmd.id", "zbee_aps.cmd.key_type");
            for (int i = 0; i < commands.Length; i++)
            {
                Assert.AreEqual("0x" + commands[i].CommandId.ToString("x2"), dissected[i][0], "tshark APS command id of command " + i);
            }

            Assert.AreEqual("0x04", dissected[1][1], "TC link key type");
            Assert.AreEqual("0x03", dissected[2][1], "application link key type");
        }

        [TestMethod]
        public void TheOraclesCatchABadMicAndAWrongKey()
        {
            var aes = new DotNetAes();
            byte[] payload = CommsHub.VirtualBoard.Capture.ZigbeeFrameWrapper.NwkApsPayload(new byte[] { 0x19, 1, 0x00, 0x00, 0x64 }, 0x0019, 0, 0x1234, 1)[8..];
            byte[] frame = NwkFrameTests.SecuredDataFrame(aes, payload, 5, false);
            byte[] badMic = (byte[])frame.Clone();
            badMic[^1] ^= 0x01;

            Assert.IsTrue(TsharkRefuses(badMic, NwkKeyHex), "tshark let a bad MIC through");
            Assert.IsTrue(TsharkRefuses(frame, InstallCodeLinkKey), "tshark let a frame it could not decrypt through");
            Assert.IsFalse(TsharkRefuses(frame, NwkKeyHex), "tshark refused a good frame");
            var results = ZigbeeOracle.ZigbeeOnHost(new object[] { new { op = "nwk", hex = Convert.ToHexString(badMic), key = NwkKeyHex } });
            Assert.IsFalse(results[0].GetProperty("ok").GetBoolean(), "zigbee-on-host accepted a bad MIC");
        }

        private static bool TsharkRefuses(byte[] frame, string key)
        {
            try
            {
                ZigbeeOracle.Tshark(new[] { frame }, new[] { key }, "zbee_nwk.seqno");
                return false;
            }
            catch (AssertFailedException)
            {
                return true;
            }
        }

        private static string Le(ulong value) => Convert.ToHexString(BitConverter.GetBytes(value));

        private static byte[] UnsecuredNwk(byte[] aps)
        {
            var h = new NwkHeader();
            h.Reset();
            h.FrameType = NwkFrameType.Data;
            h.Destination = 0x1234;
            h.Source = 0x0000;
            h.Radius = 1;
            h.Sequence = 0x10;
            byte[] buffer = new byte[127];
            int length = NwkFrameCodec.EncodeHeader(h, buffer, 0);
            aps.CopyTo(buffer, length);
            return buffer[..(length + aps.Length)];
        }

        private static byte[] SecuredCommand(IAesBlock aes, byte[] command, uint counter)
        {
            var h = new NwkHeader();
            h.Reset();
            h.FrameType = NwkFrameType.Command;
            h.Security = true;
            h.HasSourceIeee = true;
            h.SourceIeee = ApsFrameTests.TrustCentre;
            h.Destination = 0xFFFC;
            h.Radius = 1;
            h.Sequence = (byte)counter;
            h.Auxiliary.Source = ApsFrameTests.TrustCentre;
            h.Auxiliary.FrameCounter = counter;
            byte[] buffer = new byte[127];
            int headerLength = NwkFrameCodec.EncodeHeader(h, buffer, 0);
            command.CopyTo(buffer, headerLength);
            var security = new FrameSecurity(aes);
            security.SetKey(Convert.FromHexString(NwkKeyHex), 0);
            int length = security.Secure(buffer, 0, headerLength, command.Length, h.Auxiliary, h.Auxiliary.Source);
            return buffer[..length];
        }
    }
}
