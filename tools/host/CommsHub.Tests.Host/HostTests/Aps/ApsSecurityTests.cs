using System;
using System.Linq;
using CommsHub.Aps;
using CommsHub.Nwk;
using CommsHub.Security;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Aps
{
    /// <summary>
    /// APS security with a device's link key (key id data) on the hub's real stack: frames the hub secures decrypt
    /// with the link key under the network key (by our codecs and by tshark with both keys); secured frames from the
    /// device are delivered and acked under the same key; bad APS security is dropped, counted, never delivered.
    /// </summary>
    [TestClass]
    public class ApsSecurityTests
    {
        // ZCL OTA Query Next Image Response, server to client, sequence 0x05, status NO_IMAGE_AVAILABLE.
        private static readonly byte[] ZclResponse = { 0x19, 0x05, 0x02, 0x98 };

        // ZCL OTA Query Next Image Request: field control 0, manufacturer, image type, version.
        private static readonly byte[] ZclRequest = Convert.FromHexString("01070100341201000000000000");

        [TestMethod]
        public void AFrameSentWithApsSecurityDecryptsWithTheLinkKeyUnderTheNetworkKeyInOurCodecsAndInTshark()
        {
            var rig = new ApsRig();
            byte[] buffer = new byte[ApsLayer.HeaderRoom + ZclResponse.Length + ApsLayer.MicRoom];
            ZclResponse.CopyTo(buffer, ApsLayer.HeaderRoom);
            int handle = rig.Aps.SendData(rig.Device.ShortAddress, 1, 0x0019, 0x0109, 1, buffer, ApsLayer.HeaderRoom, ZclResponse.Length, false, true);
            Assert.IsTrue(handle > 0, "send refused: " + handle);
            Assert.IsTrue(rig.Bench.RunUntil(() => rig.Device.ReceivedData.Count == 1, TimeSpan.FromSeconds(1)));

            var (n, a, frame) = rig.Open(rig.Device.ReceivedData[0]);
            Assert.IsTrue(a.Security, "the APS frame is not APS-secured");
            Assert.AreEqual(AuxiliaryHeader.KeyIdData, a.Auxiliary.KeyId);
            Assert.IsFalse(a.Auxiliary.ExtendedNonce);
            Assert.AreEqual(0, a.Auxiliary.Level, "the level is sent as 0");
            Assert.IsTrue(a.Auxiliary.FrameCounter < n.Auxiliary.FrameCounter, "APS and NWK counters come from the one outgoing counter, APS first");
            Assert.AreNotEqual(Convert.ToHexString(ZclResponse), Convert.ToHexString(frame, a.PayloadOffset, a.PayloadLength), "payload in clear");
            Assert.IsNull(rig.OpenAps(n, a, frame));
            Assert.AreEqual(Convert.ToHexString(ZclResponse), Convert.ToHexString(frame, a.PayloadOffset, a.PayloadLength));

            // tshark decrypts the NWK layer with the network key and the APS layer with the link key, down to the ZCL.
            var dissected = rig.TsharkAll("zbee_aps.cluster", "zbee.sec.key_id", "zbee_zcl.cmd.tsn");
            Assert.AreEqual(1, dissected.Count);
            Assert.AreEqual("0x0019", dissected[0][0]);
            Assert.AreEqual("5", dissected[0][2], "tshark did not decrypt the APS payload: " + string.Join(";", dissected[0]));
        }

        [TestMethod]
        public void ApsSecurityIsRefusedCleanlyForABroadcastAnUnknownDeviceAndADeviceWithoutALinkKey()
        {
            var rig = new ApsRig();
            byte[] buffer = new byte[ApsLayer.HeaderRoom + 4 + ApsLayer.MicRoom];
            Assert.AreEqual(ApsLayer.SendSecuredBroadcast, rig.Aps.SendData(0xFFFD, 1, 0x0019, 0x0109, 1, buffer, ApsLayer.HeaderRoom, 4, false, true));
            Assert.AreEqual(NwkLayer.SendUnknownDestination, rig.Aps.SendData(0x7777, 1, 0x0019, 0x0109, 1, buffer, ApsLayer.HeaderRoom, 4, false, true));
            Assert.AreEqual(NwkLayer.SendTooLong, rig.Aps.SendData(rig.Device.ShortAddress, 1, 0x0019, 0x0109, 1,
                new byte[ApsLayer.HeaderRoom + ApsLayer.MaxSecuredPayload + 1 + ApsLayer.MicRoom], ApsLayer.HeaderRoom, ApsLayer.MaxSecuredPayload + 1, false, true));
            rig.LinkKeys.Remove(ApsRig.DeviceEui);
            Assert.AreEqual(ApsLayer.SendNoLinkKey, rig.Aps.SendData(rig.Device.ShortAddress, 1, 0x0019, 0x0109, 1, buffer, ApsLayer.HeaderRoom, 4, false, true));
            rig.Bench.Run(TimeSpan.FromMilliseconds(50));
            Assert.AreEqual(0, rig.Device.ReceivedData.Count);

            // The largest secured payload still goes.
            byte[] largest = new byte[ApsLayer.HeaderRoom + ApsLayer.MaxSecuredPayload + ApsLayer.MicRoom];
            rig.LinkKeys.Put(ApsRig.DeviceEui, Convert.FromHexString(ApsRig.LinkKeyHex), 0);
            Assert.IsTrue(rig.Aps.SendData(rig.Device.ShortAddress, 1, 0x0019, 0x0109, 1, largest, ApsLayer.HeaderRoom, ApsLayer.MaxSecuredPayload, false, true) > 0);
        }

        [TestMethod]
        public void ASecuredFrameFromTheDeviceIsDeliveredInClearAndAckedUnderTheSameLinkKey()
        {
            var rig = new ApsRig();
            rig.DeviceSends(rig.ApsFrame(ZclRequest, apsCounter: 0x40, frameCounter: 7, ackRequest: true));
            Assert.AreEqual(1, rig.Delivered.Count, rig.Aps.LastDrop + " / " + rig.Nwk.LastDrop);
            Assert.AreEqual("0019:" + Convert.ToHexString(ZclRequest), rig.Delivered[0]);
            Assert.IsTrue(rig.Bench.RunUntil(() => rig.Device.ReceivedData.Count == 1, TimeSpan.FromSeconds(1)), "no ack");
            var (n, a, frame) = rig.Open(rig.Device.ReceivedData[0]);
            Assert.AreEqual(ApsFrameType.Ack, a.FrameType);
            Assert.AreEqual(0x40, (int)a.Counter);
            Assert.IsTrue(a.Security, "the ack of a secured frame must be secured");
            Assert.IsNull(rig.OpenAps(n, a, frame));
            var types = rig.TsharkAll("zbee_aps.type", "zbee_zcl.cmd.tsn");
            Assert.AreEqual("0x00", types[0][0]);
            Assert.AreEqual("7", types[0][1], "tshark did not decrypt the device's APS payload");
            Assert.AreEqual("0x02", types[1][0]);
        }

        [TestMethod]
        public void ACommandUnderTheWrongKeyIdIsDroppedAndCounted()
        {
            var rig = new ApsRig();
            // A Request-Key (0x08) command secured under the key-transport key id, then under the key-load key id.
            rig.DeviceSends(rig.ApsFrame(new byte[] { 0x08, 0x04 }, 1, 1, AuxiliaryHeader.KeyIdKeyTransport, frameType: ApsFrameType.Command));
            rig.DeviceSends(rig.ApsFrame(new byte[] { 0x08, 0x04 }, 2, 2, AuxiliaryHeader.KeyIdKeyLoad, frameType: ApsFrameType.Command));
            rig.DeviceSends(rig.ApsFrame(ZclRequest, 3, 3, AuxiliaryHeader.KeyIdNetwork));
            Assert.AreEqual(3, rig.Aps.Dropped(ApsDrop.WrongKeyId), rig.Aps.LastDrop);
            Assert.AreEqual(0, rig.Delivered.Count);
        }

        [TestMethod]
        public void ABadApsMicIsDroppedAndCountedAndTheGenuineFrameStillGetsThrough()
        {
            var rig = new ApsRig();
            byte[] forged = rig.ApsFrame(ZclRequest, 1, 9);
            forged[^1] ^= 0x20;
            rig.DeviceSends(forged);
            rig.DeviceSends(rig.ApsFrame(ZclRequest, 2, 10, key: Convert.FromHexString("000102030405060708090A0B0C0D0E0F")));
            Assert.AreEqual(2, rig.Aps.Dropped(ApsDrop.BadMic), rig.Aps.LastDrop);
            Assert.AreEqual(0, rig.Delivered.Count);

            // The forgeries did not move the APS counter on.
            rig.DeviceSends(rig.ApsFrame(ZclRequest, 3, 9));
            Assert.AreEqual(1, rig.Delivered.Count, rig.Aps.LastDrop);
        }

        [TestMethod]
        public void ATruncatedApsAuxiliaryHeaderIsDroppedAndCountedForEveryCut()
        {
            var rig = new ApsRig();
            byte[] frame = rig.ApsFrame(ZclRequest, 1, 1);

            // The APS data header is 8 bytes; the auxiliary header (5 bytes) follows. Cut inside it at every length.
            for (int keep = 8; keep < 8 + 5; keep++)
            {
                rig.DeviceSends(frame.Take(keep).ToArray());
            }

            Assert.AreEqual(5, rig.Aps.Dropped(ApsDrop.TruncatedAuxiliaryHeader), rig.Aps.LastDrop);
            Assert.AreEqual(0, rig.Delivered.Count);
        }

        [TestMethod]
        public void AReplayedApsCounterInsideAFreshNwkFrameIsDroppedButAVerbatimRepeatIsAckedAgain()
        {
            var rig = new ApsRig();
            byte[] first = rig.ApsFrame(ZclRequest, apsCounter: 1, frameCounter: 100, ackRequest: true);
            rig.DeviceSends(first);
            Assert.AreEqual(1, rig.Delivered.Count, rig.Aps.LastDrop);

            // An older APS counter, and the same APS counter with a new APS header counter: replays.
            rig.DeviceSends(rig.ApsFrame(ZclRequest, 2, 99));
            rig.DeviceSends(rig.ApsFrame(ZclRequest, 3, 100));
            Assert.AreEqual(2, rig.Aps.Dropped(ApsDrop.Replayed), rig.Aps.LastDrop);

            // The very frame again (its ack lost): acked again, not delivered again.
            rig.DeviceSends(first);
            Assert.AreEqual(1, rig.Aps.Dropped(ApsDrop.Duplicate), rig.Aps.LastDrop);
            Assert.AreEqual(2, rig.Aps.AcksSent);
            Assert.AreEqual(1, rig.Delivered.Count);

            rig.DeviceSends(rig.ApsFrame(ZclRequest, 4, 101));
            Assert.AreEqual(2, rig.Delivered.Count, rig.Aps.LastDrop);
        }

        [TestMethod]
        public void TheIncomingApsCounterStartsAgainWhenTheLinkKeyIsReplaced()
        {
            var rig = new ApsRig();
            rig.DeviceSends(rig.ApsFrame(ZclRequest, 1, 500));
            byte[] newKey = Convert.FromHexString("86D58AAA998E2FAEFAF9FEF49606543A");
            rig.LinkKeys.Put(ApsRig.DeviceEui, newKey, 0);
            rig.DeviceSends(rig.ApsFrame(ZclRequest, 2, 1, key: newKey));
            Assert.AreEqual(2, rig.Delivered.Count, rig.Aps.LastDrop);
            rig.DeviceSends(rig.ApsFrame(ZclRequest, 3, 1, key: newKey));
            Assert.AreEqual(1, rig.Aps.Dropped(ApsDrop.Replayed));
        }
    }
}
