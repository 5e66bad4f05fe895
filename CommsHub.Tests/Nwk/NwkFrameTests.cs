using CommsHub.Nwk;
using CommsHub.Security;
using CommsHub.Tests.Security;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Nwk
{
    [TestClass]
    public class NwkFrameTests
    {
        private static readonly byte[] NwkKey = TestBytes.Parse("ABCDEF01234567890000000000000000");
        private const ulong HubIeee = 0x00124B0001020304;

        /// <summary>A secured NWK data frame from the hub, payload written first and the header in front of it, as the layers do.</summary>
        public static byte[] SecuredDataFrame(IAesBlock aes, byte[] payload, uint counter, bool sourceRoute)
        {
            var h = new NwkHeader();
            h.Reset();
            h.FrameType = NwkFrameType.Data;
            h.DiscoverRoute = 1;
            h.Security = true;
            h.HasSourceIeee = true;
            h.SourceIeee = HubIeee;
            h.Destination = 0x1234;
            h.Source = 0x0000;
            h.Radius = 30;
            h.Sequence = 0x42;
            if (sourceRoute)
            {
                h.SourceRoute = true;
                h.RelayCount = 2;
                h.RelayIndex = 1;
                h.Relays[0] = 0x2222;
                h.Relays[1] = 0x1111;
            }

            h.Auxiliary.KeyId = AuxiliaryHeader.KeyIdNetwork;
            h.Auxiliary.ExtendedNonce = true;
            h.Auxiliary.Source = HubIeee;
            h.Auxiliary.FrameCounter = counter;
            h.Auxiliary.KeySequence = 0;

            byte[] buffer = new byte[127];
            int headerLength = NwkFrameCodec.HeaderLength(h);
            int payloadAt = 10 + headerLength;
            System.Array.Copy(payload, 0, buffer, payloadAt, payload.Length);
            int start = payloadAt - headerLength;
            Assert.AreEqual(headerLength, NwkFrameCodec.EncodeHeader(h, buffer, start));
            var security = new FrameSecurity(aes);
            security.SetKey(NwkKey, 0);
            int length = security.Secure(buffer, start, headerLength, payload.Length, h.Auxiliary, h.Auxiliary.Source);
            byte[] frame = new byte[length];
            System.Array.Copy(buffer, start, frame, 0, length);
            return frame;
        }

        [TestMethod]
        public void ASecuredDataFrameDecodesAndDecryptsToItsPayload()
        {
            var aes = new SoftwareAes();
            byte[] payload = TestBytes.Parse("4001190009010101020019000B000000");
            byte[] frame = SecuredDataFrame(aes, payload, 0x00010203, true);
            Assert.AreEqual(0, frame[8 + 8 + 2 + 4] & 7, "the security level is sent as 0");

            var h = new NwkHeader();
            Assert.IsNull(NwkFrameCodec.Decode(frame, 0, frame.Length, h, SecurityLevel.Zigbee));
            Assert.AreEqual(0x1234, (int)h.Destination);
            Assert.AreEqual(2, h.RelayCount);
            Assert.AreEqual(0x1111, (int)h.Relays[1]);
            Assert.AreEqual(HubIeee.ToString(), h.SourceIeee.ToString());
            Assert.AreEqual(0x00010203, (int)h.Auxiliary.FrameCounter);
            Assert.AreEqual(payload.Length, h.PayloadLength);
            Assert.AreNotEqual(TestBytes.ToHex(payload), TestBytes.ToHex(frame, h.PayloadOffset, h.PayloadLength), "the payload is encrypted");

            var security = new FrameSecurity(aes);
            security.SetKey(NwkKey, 0);
            Assert.IsNull(security.Unsecure(frame, 0, h.HeaderLength, h.PayloadLength, h.Auxiliary, h.Auxiliary.Source));
            Assert.AreEqual(TestBytes.ToHex(payload), TestBytes.ToHex(frame, h.PayloadOffset, h.PayloadLength));
        }

        [TestMethod]
        public void AFlippedBitAnywhereIsAMicFailureNamedAndNothingThrows()
        {
            var aes = new SoftwareAes();
            byte[] payload = TestBytes.Parse("00010203040506070809");
            byte[] good = SecuredDataFrame(aes, payload, 7, false);
            var security = new FrameSecurity(aes);
            security.SetKey(NwkKey, 0);
            var h = new NwkHeader();
            const int securityControl = 16;
            for (int i = 0; i < good.Length; i++)
            {
                // The level bits of the security control byte are not protected: the receiver uses its own nwkSecurityLevel.
                byte[] frame = TestBytes.Copy(good);
                frame[i] ^= (byte)(i == securityControl ? 0x10 : 0x01);
                string problem = NwkFrameCodec.Decode(frame, 0, frame.Length, h, SecurityLevel.Zigbee);
                if (problem == null)
                {
                    problem = security.Unsecure(frame, 0, h.HeaderLength, h.PayloadLength, h.Auxiliary, h.Auxiliary.Source);
                }

                Assert.IsNotNull(problem, "bit flipped in byte " + i + " went unnoticed");
            }

            byte[] micFlipped = TestBytes.Copy(good);
            micFlipped[micFlipped.Length - 1] ^= 0x80;
            Assert.IsNull(NwkFrameCodec.Decode(micFlipped, 0, micFlipped.Length, h, SecurityLevel.Zigbee));
            Assert.AreEqual(FrameSecurity.MicMismatch, security.Unsecure(micFlipped, 0, h.HeaderLength, h.PayloadLength, h.Auxiliary, h.Auxiliary.Source));
        }

        [TestMethod]
        public void ATruncatedAuxiliaryHeaderIsNamed()
        {
            byte[] frame = SecuredDataFrame(new SoftwareAes(), new byte[4], 1, false);
            var h = new NwkHeader();

            // NWK header 8 + source IEEE 8 = 16; the auxiliary header is control 1, counter 4, source 8, key sequence 1.
            Assert.AreEqual("auxiliary header: security control missing", NwkFrameCodec.Decode(frame, 0, 16, h, 5));
            Assert.AreEqual("auxiliary header: frame counter truncated", NwkFrameCodec.Decode(frame, 0, 19, h, 5));
            Assert.AreEqual("auxiliary header: source address truncated", NwkFrameCodec.Decode(frame, 0, 25, h, 5));
            Assert.AreEqual("auxiliary header: key sequence number missing", NwkFrameCodec.Decode(frame, 0, 29, h, 5));
            Assert.AreEqual("NWK MIC truncated", NwkFrameCodec.Decode(frame, 0, 32, h, 5));
        }

        [TestMethod]
        public void EveryPrefixOfEveryFrameDecodesWithoutThrowing()
        {
            var h = new NwkHeader();
            var c = new NwkCommand();
            byte[][] frames = { SecuredDataFrame(new SoftwareAes(), new byte[20], 9, true), CommandFrame(NwkCommandId.RouteReply) };
            foreach (byte[] frame in frames)
            {
                for (int length = 0; length < frame.Length; length++)
                {
                    string problem = NwkFrameCodec.Decode(frame, 0, length, h, SecurityLevel.Zigbee);
                    if (problem == null && h.FrameType == NwkFrameType.Command && !h.Security)
                    {
                        NwkCommandCodec.Decode(frame, h.PayloadOffset, h.PayloadLength, c);
                    }
                }
            }

            Assert.IsNotNull(NwkFrameCodec.Decode(frames[0], 0, 5, h, 5));
            Assert.IsNotNull(NwkFrameCodec.Decode(null, 0, 5, h, 5));
            Assert.IsNotNull(NwkFrameCodec.Decode(frames[0], 3, frames[0].Length, h, 5));
        }

        [TestMethod]
        public void EveryNwkCommandRoundTripsAndEveryPrefixIsRefusedByName()
        {
            byte[] ids =
            {
                NwkCommandId.RouteRequest, NwkCommandId.RouteReply, NwkCommandId.NetworkStatus, NwkCommandId.Leave,
                NwkCommandId.RouteRecord, NwkCommandId.RejoinRequest, NwkCommandId.RejoinResponse, NwkCommandId.LinkStatus,
                NwkCommandId.NetworkReport, NwkCommandId.NetworkUpdate, NwkCommandId.EndDeviceTimeoutRequest,
                NwkCommandId.EndDeviceTimeoutResponse,
            };
            byte[] buffer = new byte[127];
            var decoded = new NwkCommand();
            foreach (byte id in ids)
            {
                NwkCommand c = Sample(id);
                int length = NwkCommandCodec.Encode(c, buffer, 3);
                Assert.IsNull(NwkCommandCodec.Decode(buffer, 3, length, decoded), "command " + id);
                Assert.AreEqual(TestBytes.ToHex(buffer, 3, length), Reencode(decoded), "command " + id);
                for (int prefix = 0; prefix < length; prefix++)
                {
                    Assert.IsNotNull(NwkCommandCodec.Decode(buffer, 3, prefix, decoded), "command " + id + " cut to " + prefix + " bytes");
                }
            }
        }

        private static string Reencode(NwkCommand c)
        {
            byte[] again = new byte[127];
            int length = NwkCommandCodec.Encode(c, again, 0);
            return TestBytes.ToHex(again, 0, length);
        }

        /// <summary>An unsecured NWK command frame (as a route reply or rejoin response goes before a device has the key).</summary>
        public static byte[] CommandFrame(byte id)
        {
            var h = new NwkHeader();
            h.Reset();
            h.FrameType = NwkFrameType.Command;
            h.Destination = 0xFFFC;
            h.Source = 0x0000;
            h.Radius = 1;
            h.Sequence = 7;
            byte[] buffer = new byte[127];
            int at = NwkFrameCodec.EncodeHeader(h, buffer, 0);
            at += NwkCommandCodec.Encode(Sample(id), buffer, at);
            byte[] frame = new byte[at];
            System.Array.Copy(buffer, frame, at);
            return frame;
        }

        /// <summary>A command with every optional field present.</summary>
        public static NwkCommand Sample(byte id)
        {
            var c = new NwkCommand();
            c.CommandId = id;
            switch (id)
            {
                case NwkCommandId.RouteRequest:
                    c.Options = 0x08 | NwkCommandCodec.RouteRequestDestinationIeee;
                    c.RequestId = 5;
                    c.Address = 0xFFFC;
                    c.PathCost = 0;
                    c.Ieee = 0x0011223344556677;
                    break;
                case NwkCommandId.RouteReply:
                    c.Options = NwkCommandCodec.RouteReplyOriginatorIeee | NwkCommandCodec.RouteReplyResponderIeee;
                    c.RequestId = 5;
                    c.Originator = 0x1234;
                    c.Responder = 0x0000;
                    c.PathCost = 3;
                    c.Ieee = 0x0011223344556677;
                    c.SecondIeee = 0x00124B0001020304;
                    break;
                case NwkCommandId.NetworkStatus:
                    c.Status = 0x01;
                    c.Address = 0x4321;
                    break;
                case NwkCommandId.Leave:
                    c.Options = 0x40;
                    break;
                case NwkCommandId.RouteRecord:
                case NwkCommandId.LinkStatus:
                case NwkCommandId.NetworkReport:
                case NwkCommandId.NetworkUpdate:
                    c.Count = 3;
                    c.Addresses[0] = 0x1111;
                    c.Addresses[1] = 0x2222;
                    c.Addresses[2] = 0x3333;
                    c.Costs[0] = 0x11;
                    c.Costs[1] = 0x33;
                    c.Costs[2] = 0x77;
                    c.Options = (byte)(id == NwkCommandId.LinkStatus ? 0x60 | 3 : 3);
                    c.ExtendedPanId = 0x00124B0001020304;
                    c.UpdateId = 9;
                    break;
                case NwkCommandId.RejoinRequest:
                    c.Capability = 0x8E;
                    break;
                case NwkCommandId.RejoinResponse:
                    c.Address = 0x5678;
                    c.Status = 0;
                    break;
                case NwkCommandId.EndDeviceTimeoutRequest:
                    c.Timeout = 8;
                    c.Configuration = 0;
                    break;
                case NwkCommandId.EndDeviceTimeoutResponse:
                    c.Status = 0;
                    c.Timeout = 0x03;
                    break;
            }

            return c;
        }
    }
}
