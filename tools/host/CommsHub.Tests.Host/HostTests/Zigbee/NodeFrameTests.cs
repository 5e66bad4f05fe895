using System;
using CommsHub.Aps;
using CommsHub.Nwk;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Zigbee;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Zigbee
{
    /// <summary>What an emulated node refuses: replays, altered frames, the wrong key or key sequence, unsecured frames once it holds the key, and a Transport-Key not meant for it.</summary>
    [TestClass]
    public class NodeFrameTests
    {
        private const ulong A = 0x00DB000000000A01;
        private const ulong B = 0x00DB000000000B01;
        private static readonly byte[] Key = Convert.FromHexString("000102030405060708090A0B0C0D0E0F");

        [TestMethod]
        public void ANodeOpensAFreshSecuredFrameOnceAndDropsItsReplay()
        {
            var (sender, receiver) = Pair();
            byte[] frame = sender.Build(0x1234, new byte[] { 1, 2, 3 });
            var h = new NwkHeader();

            Assert.AreEqual("010203", Convert.ToHexString(receiver.Open(frame, h)));
            Assert.IsTrue(h.Security);
            Assert.AreEqual(A, h.Auxiliary.Source);
            Assert.IsNull(receiver.Open(frame, h));
            Assert.AreEqual(1, receiver.DroppedFor("NWK frame counter replayed"));
            Assert.AreEqual("040506", Convert.ToHexString(receiver.Open(sender.Build(0x1234, new byte[] { 4, 5, 6 }), h)), "the next counter is fresh");
        }

        [TestMethod]
        public void AnAlteredFrameAWrongKeyAWrongKeySequenceAndAnUnsecuredFrameAreDropped()
        {
            var (sender, receiver) = Pair();
            var h = new NwkHeader();
            byte[] altered = sender.Build(0x1234, new byte[] { 1, 2, 3 });
            altered[^6] ^= 0x01;
            Assert.IsNull(receiver.Open(altered, h));
            Assert.IsTrue(receiver.LastDrop.StartsWith("MIC check failed"), receiver.LastDrop);

            var stranger = new NodeNwk(new DotNetAes(), 0x00DB0000000000FF, endDevice: true) { ShortAddress = 0x4444 };
            stranger.SetNetworkKey(Convert.FromHexString("FF0102030405060708090A0B0C0D0E0F"), 0);
            Assert.IsNull(receiver.Open(stranger.Build(0x1234, new byte[] { 9 }), h));
            Assert.IsTrue(receiver.LastDrop.StartsWith("MIC check failed"), receiver.LastDrop);

            var rotated = new NodeNwk(new DotNetAes(), 0x00DB0000000000FE, endDevice: true) { ShortAddress = 0x4445 };
            rotated.SetNetworkKey(Key, 1);
            Assert.IsNull(receiver.Open(rotated.Build(0x1234, new byte[] { 9 }), h));
            Assert.AreEqual("NWK key sequence number is not the active key's", receiver.LastDrop);

            var keyless = new NodeNwk(new DotNetAes(), 0x00DB0000000000FD, endDevice: true) { ShortAddress = 0x4446 };
            Assert.IsNull(receiver.Open(keyless.Build(0x1234, new byte[] { 9 }), h));
            Assert.AreEqual("NWK frame without security", receiver.LastDrop);

            Assert.IsNull(receiver.Open(new byte[] { 0x08, 0x02, 0x34 }, h), "a truncated frame");
            Assert.AreEqual(5, receiver.Dropped);
            Assert.AreEqual(0, receiver.Accepted);
        }

        [TestMethod]
        public void ANodeTakesOnlyATransportKeyForItselfUnderItsOwnKeyTransportKey()
        {
            byte[] linkKey = Convert.FromHexString(HanRig.LinkKeyHex);
            var node = new NodeAps(new DotNetAes(), B, linkKey);
            var other = new NodeAps(new DotNetAes(), A, Convert.FromHexString("41618FC0C83B0E14A589954B16E31466"));
            var h = new ApsHeader();

            Assert.AreEqual(ApsReceivedKind.NetworkKey, node.Receive(0, TransportKey(node, B), h, out byte[] key, out _));
            Assert.AreEqual(Convert.ToHexString(Key), Convert.ToHexString(key));
            Assert.AreEqual(ApsReceivedKind.Dropped, node.Receive(0, TransportKey(node, A), h, out _, out _));
            Assert.AreEqual("Transport-Key for another device", node.LastDrop);
            Assert.AreEqual(ApsReceivedKind.Dropped, node.Receive(0, TransportKey(other, B), h, out _, out _));
            Assert.IsTrue(node.LastDrop.Contains("MIC check failed"), node.LastDrop);
            Assert.AreEqual(ApsReceivedKind.Dropped, node.Receive(0, Convert.FromHexString("01" + "07" + "05"), h, out _, out _));
            Assert.AreEqual("APS command without APS security", node.LastDrop);
        }

        [TestMethod]
        public void ARetransmittedApsDataFrameIsReportedAsADuplicateToAcknowledgeAgain()
        {
            var node = new NodeAps(new DotNetAes(), B, Convert.FromHexString(HanRig.LinkKeyHex));
            var sender = new NodeAps(new DotNetAes(), A, Convert.FromHexString(HanRig.LinkKeyHex));
            byte[] frame = sender.BuildData(1, 0x0019, 0x0109, 1, new byte[] { 0x19, 0x01, 0x00 }, ackRequest: true);
            var h = new ApsHeader();

            Assert.AreEqual(ApsReceivedKind.Data, node.Receive(0x0000, frame, h, out byte[] zcl, out _));
            Assert.AreEqual("190100", Convert.ToHexString(zcl));
            Assert.IsTrue(h.AckRequest);
            Assert.AreEqual(ApsReceivedKind.Duplicate, node.Receive(0x0000, frame, h, out _, out _));
            Assert.AreEqual(ApsReceivedKind.Data, node.Receive(0x1111, frame, h, out _, out _), "the same counter from another source is not a duplicate");
            byte[] ack = node.BuildAck(h);
            var a = new ApsHeader();
            Assert.IsNull(ApsFrameCodec.Decode(ack, 0, ack.Length, a, 5));
            Assert.AreEqual(ApsFrameType.Ack, a.FrameType);
            Assert.AreEqual((int)h.Counter, (int)a.Counter);
        }

        private static (NodeNwk Sender, NodeNwk Receiver) Pair()
        {
            var sender = new NodeNwk(new DotNetAes(), A, endDevice: true) { ShortAddress = 0x2222 };
            var receiver = new NodeNwk(new DotNetAes(), B, endDevice: false) { ShortAddress = 0x1234 };
            sender.SetNetworkKey(Key, 0);
            receiver.SetNetworkKey(Key, 0);
            return (sender, receiver);
        }

        /// <summary>A Transport-Key as the trust centre sends it, built on <paramref name="keysOf"/>'s key-transport key for <paramref name="destination"/>.</summary>
        private static byte[] TransportKey(NodeAps keysOf, ulong destination)
        {
            var h = new ApsHeader { FrameType = ApsFrameType.Command, DeliveryMode = ApsFrameType.Unicast, Security = true, Counter = 3 };
            h.Auxiliary.KeyId = CommsHub.Security.AuxiliaryHeader.KeyIdKeyTransport;
            h.Auxiliary.ExtendedNonce = true;
            h.Auxiliary.Source = 0x00DB0000000000C0;
            h.Auxiliary.FrameCounter = 7;
            var c = new ApsCommand { CommandId = ApsCommandId.TransportKey, KeyType = ApsCommandId.KeyTypeNetwork, DestinationIeee = destination, SourceIeee = 0x00DB0000000000C0 };
            Key.CopyTo(c.Key, 0);
            byte[] body = new byte[64];
            int bodyLength = ApsCommandCodec.Encode(c, body, 0);
            int headerLength = ApsFrameCodec.HeaderLength(h);
            byte[] frame = new byte[headerLength + bodyLength + 4];
            ApsFrameCodec.EncodeHeader(h, frame, 0);
            Array.Copy(body, 0, frame, headerLength, bodyLength);
            var security = new CommsHub.Security.FrameSecurity(new DotNetAes());
            security.SetKey(keysOf.KeyTransportKey, 0);
            security.Secure(frame, 0, headerLength, bodyLength, h.Auxiliary, h.Auxiliary.Source);
            return frame;
        }
    }
}
