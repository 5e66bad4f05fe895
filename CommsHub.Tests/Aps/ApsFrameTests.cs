using CommsHub.Aps;
using CommsHub.Security;
using CommsHub.Tests.Security;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Aps
{
    [TestClass]
    public class ApsFrameTests
    {
        public const ulong TrustCentre = 0x00124B0001020304;
        public const ulong Joiner = 0x0011223344556677;
        public static readonly byte[] NwkKey = TestBytes.Parse("ABCDEF01234567890000000000000000");

        /// <summary>
        /// The APS frame that hands a joining device the NWK key: Transport-Key, key type 1, secured at key id 2
        /// (key-transport key from the install-code link key) with the trust centre's EUI-64 as extended nonce.
        /// </summary>
        public static byte[] TransportKeyFrame(IAesBlock aes, byte[] linkKey, uint counter)
        {
            var c = new ApsCommand();
            c.CommandId = ApsCommandId.TransportKey;
            c.KeyType = ApsCommandId.KeyTypeNetwork;
            System.Array.Copy(NwkKey, c.Key, 16);
            c.KeySequence = 0;
            c.DestinationIeee = Joiner;
            c.SourceIeee = TrustCentre;

            var h = new ApsHeader();
            h.FrameType = ApsFrameType.Command;
            h.Security = true;
            h.Counter = 0x21;
            h.Auxiliary.KeyId = AuxiliaryHeader.KeyIdKeyTransport;
            h.Auxiliary.ExtendedNonce = true;
            h.Auxiliary.Source = TrustCentre;
            h.Auxiliary.FrameCounter = counter;

            byte[] buffer = new byte[100];
            int headerLength = ApsFrameCodec.HeaderLength(h);
            int payloadLength = ApsCommandCodec.Encode(c, buffer, headerLength);
            Assert.AreEqual(headerLength, ApsFrameCodec.EncodeHeader(h, buffer, 0));

            byte[] key = new byte[16];
            new KeyedHash(aes).KeyTransportKey(linkKey, 0, key, 0);
            var security = new FrameSecurity(aes);
            security.SetKey(key, 0);
            int length = security.Secure(buffer, 0, headerLength, payloadLength, h.Auxiliary, TrustCentre);
            byte[] frame = new byte[length];
            System.Array.Copy(buffer, frame, length);
            return frame;
        }

        [TestMethod]
        public void ATransportKeyUnderTheInstallCodeKeyDecryptsToTheNwkKey()
        {
            var aes = new SoftwareAes();
            byte[] linkKey = TestBytes.Parse("66B6900981E1EE3CA4206B6B861C02BB");
            byte[] frame = TransportKeyFrame(aes, linkKey, 0x10);

            var h = new ApsHeader();
            Assert.IsNull(ApsFrameCodec.Decode(frame, 0, frame.Length, h, SecurityLevel.Zigbee));
            Assert.AreEqual(ApsFrameType.Command, h.FrameType);
            Assert.AreEqual(AuxiliaryHeader.KeyIdKeyTransport, h.Auxiliary.KeyId);
            Assert.AreEqual(0x10, (int)h.Auxiliary.FrameCounter);

            byte[] key = new byte[16];
            new KeyedHash(aes).KeyTransportKey(linkKey, 0, key, 0);
            var security = new FrameSecurity(aes);
            security.SetKey(key, 0);
            Assert.IsNull(security.Unsecure(frame, 0, h.HeaderLength, h.PayloadLength, h.Auxiliary, h.Auxiliary.Source));
            var c = new ApsCommand();
            Assert.IsNull(ApsCommandCodec.Decode(frame, h.PayloadOffset, h.PayloadLength, c));
            Assert.AreEqual(ApsCommandId.KeyTypeNetwork, c.KeyType);
            Assert.AreEqual(TestBytes.ToHex(NwkKey), TestBytes.ToHex(c.Key));
            Assert.AreEqual(Joiner.ToString(), c.DestinationIeee.ToString());
        }

        [TestMethod]
        public void UnderTheWrongKeyTheTransportKeyIsAMicFailure()
        {
            var aes = new SoftwareAes();
            byte[] frame = TransportKeyFrame(aes, TestBytes.Parse("66B6900981E1EE3CA4206B6B861C02BB"), 1);
            var h = new ApsHeader();
            Assert.IsNull(ApsFrameCodec.Decode(frame, 0, frame.Length, h, SecurityLevel.Zigbee));
            var security = new FrameSecurity(aes);
            security.SetKey(TestBytes.Parse("66B6900981E1EE3CA4206B6B861C02BB"), 0);
            Assert.AreEqual(FrameSecurity.MicMismatch, security.Unsecure(frame, 0, h.HeaderLength, h.PayloadLength, h.Auxiliary, h.Auxiliary.Source));
        }

        [TestMethod]
        public void DataAckAndFragmentedFramesRoundTrip()
        {
            byte[] buffer = new byte[64];
            var decoded = new ApsHeader();
            ApsHeader[] headers = { Data(false), Data(true), Ack(false), Ack(true), Group() };
            foreach (ApsHeader h in headers)
            {
                int length = ApsFrameCodec.EncodeHeader(h, buffer, 0);
                Assert.AreEqual(ApsFrameCodec.HeaderLength(h), length);
                buffer[length] = 0xAA;
                Assert.IsNull(ApsFrameCodec.Decode(buffer, 0, length + 1, decoded, 5));
                Assert.AreEqual((int)h.FrameControl, (int)decoded.FrameControl);
                Assert.AreEqual((int)h.Cluster, (int)decoded.Cluster);
                Assert.AreEqual((int)h.Counter, (int)decoded.Counter);
                Assert.AreEqual(h.Fragmentation, decoded.Fragmentation);
                Assert.AreEqual((int)h.BlockNumber, (int)decoded.BlockNumber);
                Assert.AreEqual((int)h.AckBitfield, (int)decoded.AckBitfield);
                Assert.AreEqual((int)h.GroupAddress, (int)decoded.GroupAddress);
                Assert.AreEqual(length, decoded.PayloadOffset);
                Assert.AreEqual(1, decoded.PayloadLength);
                for (int prefix = 0; prefix < length; prefix++)
                {
                    Assert.IsNotNull(ApsFrameCodec.Decode(buffer, 0, prefix, decoded, 5), "header cut to " + prefix + " bytes");
                }
            }
        }

        [TestMethod]
        public void EveryApsCommandRoundTripsAndEveryPrefixIsRefused()
        {
            byte[] buffer = new byte[64];
            var decoded = new ApsCommand();
            ApsCommand[] commands = Commands();
            foreach (ApsCommand c in commands)
            {
                int length = ApsCommandCodec.Encode(c, buffer, 0);
                Assert.IsNull(ApsCommandCodec.Decode(buffer, 0, length, decoded), "command " + c.CommandId);
                byte[] again = new byte[64];
                Assert.AreEqual(length, ApsCommandCodec.Encode(decoded, again, 0));
                Assert.AreEqual(TestBytes.ToHex(buffer, 0, length), TestBytes.ToHex(again, 0, length));
                for (int prefix = 0; prefix < length; prefix++)
                {
                    Assert.IsNotNull(ApsCommandCodec.Decode(buffer, 0, prefix, decoded), "command " + c.CommandId + " cut to " + prefix);
                }
            }
        }

        [TestMethod]
        public void ATruncatedApsAuxiliaryHeaderIsNamed()
        {
            byte[] frame = TransportKeyFrame(new SoftwareAes(), new byte[16], 1);
            var h = new ApsHeader();

            // APS command header: control 1, counter 1; then the auxiliary header: control 1, counter 4, source 8.
            Assert.AreEqual("auxiliary header: frame counter truncated", ApsFrameCodec.Decode(frame, 0, 5, h, 5));
            Assert.AreEqual("auxiliary header: source address truncated", ApsFrameCodec.Decode(frame, 0, 10, h, 5));
        }

        public static ApsCommand[] Commands()
        {
            ApsCommand[] list = new ApsCommand[10];
            for (int i = 0; i < list.Length; i++)
            {
                list[i] = new ApsCommand();
                for (int k = 0; k < 16; k++)
                {
                    list[i].Key[k] = (byte)(0xA0 + k + i);
                }

                list[i].DestinationIeee = Joiner;
                list[i].SourceIeee = TrustCentre;
                list[i].PartnerIeee = 0x0102030405060708;
            }

            list[0].CommandId = ApsCommandId.TransportKey;
            list[0].KeyType = ApsCommandId.KeyTypeNetwork;
            list[0].KeySequence = 3;
            list[1].CommandId = ApsCommandId.TransportKey;
            list[1].KeyType = ApsCommandId.KeyTypeTrustCenterLink;
            list[2].CommandId = ApsCommandId.TransportKey;
            list[2].KeyType = ApsCommandId.KeyTypeApplicationLink;
            list[2].Initiator = true;
            list[3].CommandId = ApsCommandId.UpdateDevice;
            list[3].ShortAddress = 0x7A7B;
            list[3].Status = 1;
            list[4].CommandId = ApsCommandId.RemoveDevice;
            list[5].CommandId = ApsCommandId.RequestKey;
            list[5].KeyType = ApsCommandId.KeyTypeTrustCenterLink;
            list[6].CommandId = ApsCommandId.RequestKey;
            list[6].KeyType = ApsCommandId.RequestKeyApplicationLink;
            list[7].CommandId = ApsCommandId.SwitchKey;
            list[7].KeySequence = 4;
            list[8].CommandId = ApsCommandId.VerifyKey;
            list[8].KeyType = ApsCommandId.KeyTypeTrustCenterLink;
            list[9].CommandId = ApsCommandId.ConfirmKey;
            list[9].KeyType = ApsCommandId.KeyTypeTrustCenterLink;
            return list;
        }

        private static ApsHeader Data(bool fragmented)
        {
            var h = new ApsHeader();
            h.FrameType = ApsFrameType.Data;
            h.AckRequest = true;
            h.DestinationEndpoint = 1;
            h.Cluster = 0x0019;
            h.Profile = 0x0109;
            h.SourceEndpoint = 1;
            h.Counter = 0x55;
            if (fragmented)
            {
                h.ExtendedHeader = true;
                h.Fragmentation = ApsFrameType.FirstFragment;
                h.BlockNumber = 4;
            }

            return h;
        }

        private static ApsHeader Ack(bool ofCommand)
        {
            var h = new ApsHeader();
            h.FrameType = ApsFrameType.Ack;
            h.AckFormat = ofCommand;
            h.DestinationEndpoint = 1;
            h.Cluster = ofCommand ? (ushort)0 : (ushort)0x0019;
            h.Profile = ofCommand ? (ushort)0 : (ushort)0x0109;
            h.SourceEndpoint = 1;
            h.Counter = 0x56;
            if (!ofCommand)
            {
                h.ExtendedHeader = true;
                h.Fragmentation = ApsFrameType.LaterFragment;
                h.BlockNumber = 2;
                h.AckBitfield = 0x07;
            }

            return h;
        }

        private static ApsHeader Group()
        {
            var h = Data(false);
            h.AckRequest = false;
            h.DeliveryMode = ApsFrameType.Group;
            h.GroupAddress = 0x1001;
            return h;
        }
    }
}
