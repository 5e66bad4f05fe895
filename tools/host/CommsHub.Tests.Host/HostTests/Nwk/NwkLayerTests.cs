using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.Mac;
using CommsHub.Mac.Coordinator;
using CommsHub.Nwk;
using CommsHub.Security;
using CommsHub.Storage.Network;
using CommsHub.Storage.W25q;
using CommsHub.Tests.HostTests.Security;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.VirtualBoard.Radio;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Nwk
{
    /// <summary>
    /// The hub's NWK layer on its real MAC and MRF24J40 driver, on the emulated chip and medium, with the frame counter
    /// from the network store on emulated flash. The device side builds its frames with the pure codecs; tshark checks
    /// what the hub sent with the network key.
    /// </summary>
    [TestClass]
    public class NwkLayerTests
    {
        private const string NwkKeyHex = "0F1E2D3C4B5A69788796A5B4C3D2E1F0";
        private const ulong HubEui = 0x00124B00AABBCCDD;
        private const ulong DeviceEui = 0x00124B0011223344;
        private const ushort PanId = 0x1A62;

        [TestMethod]
        public void ASecuredFrameFromAChildIsDecryptedAndHandedUp()
        {
            var rig = new Rig();
            byte[] payload = { 0x08, 0x00, 0x19, 0x00, 0x09, 0x01, 0x01, 0x00, 0x12, 0x34 };
            rig.DeviceSends(rig.Secured(payload, 5));
            Assert.AreEqual(1, rig.Received.Count, rig.Nwk.LastDrop);
            Assert.AreEqual(Convert.ToHexString(payload), Convert.ToHexString(rig.Received[0]));
            Assert.AreEqual(5u, rig.Nwk.Neighbours.IncomingCounterAt(0));
        }

        [TestMethod]
        public void ABadMicIsDroppedAndCounted()
        {
            var rig = new Rig();
            byte[] frame = rig.Secured(new byte[] { 1, 2, 3, 4 }, 1);
            frame[^1] ^= 0x01;
            rig.DeviceSends(frame);
            Assert.AreEqual(0, rig.Received.Count);
            Assert.AreEqual(1, rig.Nwk.Dropped(NwkDrop.BadMic), rig.Nwk.LastDrop);

            // The forgery did not move the counter on: the genuine frame with that counter still gets through.
            rig.DeviceSends(rig.Secured(new byte[] { 1, 2, 3, 4 }, 1));
            Assert.AreEqual(1, rig.Received.Count, rig.Nwk.LastDrop);
        }

        [TestMethod]
        public void AReplayedFrameCounterIsDroppedAndCounted()
        {
            var rig = new Rig();
            byte[] frame = rig.Secured(new byte[] { 9, 9 }, 100);
            rig.DeviceSends((byte[])frame.Clone());
            rig.DeviceSends((byte[])frame.Clone());
            rig.DeviceSends(rig.Secured(new byte[] { 9, 9 }, 99));
            Assert.AreEqual(1, rig.Received.Count);
            Assert.AreEqual(2, rig.Nwk.Dropped(NwkDrop.Replayed), rig.Nwk.LastDrop);
            rig.DeviceSends(rig.Secured(new byte[] { 9, 9 }, 101));
            Assert.AreEqual(2, rig.Received.Count);
        }

        [TestMethod]
        public void AFrameFromAnUnknownNeighbourIsDroppedAndCounted()
        {
            var rig = new Rig();
            rig.DeviceSends(rig.Secured(new byte[] { 7 }, 1, source: 0x00124B00DEADBEEF));
            Assert.AreEqual(0, rig.Received.Count);
            Assert.AreEqual(1, rig.Nwk.Dropped(NwkDrop.UnknownNeighbour), rig.Nwk.LastDrop);
        }

        [TestMethod]
        public void ATruncatedAuxiliaryHeaderIsDroppedAndCountedForEveryCut()
        {
            var rig = new Rig();
            byte[] frame = rig.Secured(new byte[] { 7 }, 1);

            // The NWK header is 8 bytes; the auxiliary header (14 bytes) follows. Cut inside it at every length.
            for (int keep = 8; keep < 8 + 14; keep++)
            {
                rig.DeviceSends(frame.Take(keep).ToArray());
            }

            Assert.AreEqual(0, rig.Received.Count);
            Assert.AreEqual(14, rig.Nwk.Dropped(NwkDrop.TruncatedAuxiliaryHeader), rig.Nwk.LastDrop);
        }

        [TestMethod]
        public void AnUnsecuredFrameAndAWrongKeySequenceAreDropped()
        {
            var rig = new Rig();
            byte[] unsecured = { 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x1E, 0x01, 0xAA };
            BitConverter.GetBytes(rig.Device.ShortAddress).CopyTo(unsecured, 4);
            rig.DeviceSends(unsecured);
            rig.DeviceSends(rig.Secured(new byte[] { 1 }, 1, keySequence: 7));
            Assert.AreEqual(0, rig.Received.Count);
            Assert.AreEqual(1, rig.Nwk.Dropped(NwkDrop.Unsecured));
            Assert.AreEqual(1, rig.Nwk.Dropped(NwkDrop.WrongKeySequence));
        }

        [TestMethod]
        public void TheHubSendsSecuredFramesThatTsharkDecryptsWithIncreasingCounters()
        {
            var rig = new Rig();
            var nwkFrames = new List<byte[]>();
            uint last = 0;
            for (int i = 0; i < 3; i++)
            {
                byte[] buffer = new byte[NwkLayer.HeaderRoom + 20 + NwkLayer.MicRoom];
                // APS data to the OTA cluster carrying a Query Next Image Response with status NO_IMAGE_AVAILABLE.
                byte[] payload = { 0x40, 0x01, 0x19, 0x00, 0x09, 0x01, 0x01, (byte)i, 0x19, (byte)i, 0x02, 0x98 };
                payload.CopyTo(buffer, NwkLayer.HeaderRoom);
                int handle = rig.Nwk.SendData(rig.Device.ShortAddress, buffer, NwkLayer.HeaderRoom, payload.Length);
                Assert.IsTrue(handle > 0, "send refused: " + handle);
                Assert.IsTrue(rig.Bench.RunUntil(() => rig.Device.ReceivedData.Count == i + 1, TimeSpan.FromSeconds(1)));
                byte[] nwk = rig.Device.ReceivedData[i];
                var header = new NwkHeader();
                Assert.IsNull(NwkFrameCodec.Decode(nwk, 0, nwk.Length, header, SecurityLevel.Zigbee));
                Assert.AreEqual(HubEui, header.Auxiliary.Source);
                Assert.IsTrue(i == 0 || header.Auxiliary.FrameCounter > last, "frame counter did not increase");
                last = header.Auxiliary.FrameCounter;
                nwkFrames.Add((byte[])nwk.Clone());
                var security = new FrameSecurity(new DotNetAes());
                security.SetKey(Convert.FromHexString(NwkKeyHex), 0);
                Assert.IsNull(security.Unsecure(nwk, 0, header.HeaderLength, header.PayloadLength, header.Auxiliary, header.Auxiliary.Source));
                Assert.AreEqual(Convert.ToHexString(payload), Convert.ToHexString(nwk, header.PayloadOffset, header.PayloadLength));
            }

            var dissected = ZigbeeOracle.Tshark(nwkFrames, new[] { NwkKeyHex }, "zbee.sec.counter", "zbee_aps.cluster");
            for (int i = 0; i < 3; i++)
            {
                Assert.AreEqual("0x0019", dissected[i][1].Split(',')[0], "tshark did not decrypt frame " + i + " to the OTA cluster");
            }

            Assert.AreEqual(NwkLayer.SendUnknownDestination, rig.Nwk.SendData(0x4444, new byte[60], NwkLayer.HeaderRoom, 10));
            Assert.AreEqual(NwkLayer.SendTooLong, rig.Nwk.SendData(rig.Device.ShortAddress, new byte[200], NwkLayer.HeaderRoom, NwkLayer.MaxSecuredPayload + 1));
        }

        [TestMethod]
        public void AChildThatLeavesIsNoLongerANeighbour()
        {
            var rig = new Rig();
            Assert.AreEqual(1, rig.Nwk.Neighbours.Count);
            rig.Mac.Disassociate(DeviceEui);
            Assert.AreEqual(0, rig.Nwk.Neighbours.Count);
            rig.DeviceSends(rig.Secured(new byte[] { 1 }, 1));
            Assert.AreEqual(1, rig.Nwk.Dropped(NwkDrop.UnknownNeighbour));
        }

        private sealed class Rig
        {
            private readonly DotNetAes _deviceAes = new();

            public Rig()
            {
                Bench = new RadioBench(3);
                var (_, hubRadio) = Bench.AddRadio("hub");
                var (_, deviceRadio) = Bench.AddRadio("device");
                var chip = new NorFlashEmulator(0x14);
                var flash = new W25qFlash(chip);
                flash.Identify();
                Store = new NetworkStore(flash, 64 * 4096);
                Store.Mount();
                var network = new NetworkParameters { ExtendedPanId = HubEui, PanId = PanId, Channel = 20 };
                Convert.FromHexString(NwkKeyHex).CopyTo(network.NetworkKey, 0);
                Store.Save(network);
                Mac = new CoordinatorMac(hubRadio, Bench.Clock, new HostEntropy(), HubEui, HubEui);
                Nwk = new NwkLayer(Mac, new DotNetAes(), Store, network, HubEui, 8);
                Nwk.DataIndication += (h, buffer, offset, length) => Received.Add(buffer.AsSpan(offset, length).ToArray());
                Device = new EndDeviceMac(deviceRadio, Bench.Clock, DeviceEui, false);
                Bench.OnMainLoop(Mac.Process);
                Bench.OnMainLoop(Device.Process);
                Mac.Start(PanId, 20);
                Mac.PermitJoining = true;
                Device.Start(20);
                Device.RequestAssociation(PanId);
                Assert.IsTrue(Bench.RunUntil(() => Device.AssociationStatus == 0 && Nwk.Neighbours.Count == 1, TimeSpan.FromSeconds(2)), "association failed");
                Bench.Run(TimeSpan.FromMilliseconds(20));
            }

            public RadioBench Bench { get; }
            public NetworkStore Store { get; }
            public CoordinatorMac Mac { get; }
            public NwkLayer Nwk { get; }
            public EndDeviceMac Device { get; }
            public List<byte[]> Received { get; } = new();

            /// <summary>A secured NWK data frame from the device to the hub, built with the pure codecs.</summary>
            public byte[] Secured(byte[] payload, uint counter, ulong source = DeviceEui, byte keySequence = 0)
            {
                var h = new NwkHeader();
                h.Reset();
                h.FrameType = NwkFrameType.Data;
                h.Security = true;
                h.Destination = 0x0000;
                h.Source = Device.ShortAddress;
                h.Radius = 30;
                h.Sequence = (byte)counter;
                h.Auxiliary.KeyId = AuxiliaryHeader.KeyIdNetwork;
                h.Auxiliary.ExtendedNonce = true;
                h.Auxiliary.Source = source;
                h.Auxiliary.FrameCounter = counter;
                h.Auxiliary.KeySequence = keySequence;
                int headerLength = NwkFrameCodec.HeaderLength(h);
                byte[] buffer = new byte[headerLength + payload.Length + 4];
                NwkFrameCodec.EncodeHeader(h, buffer, 0);
                payload.CopyTo(buffer, headerLength);
                var security = new FrameSecurity(_deviceAes);
                security.SetKey(Convert.FromHexString(NwkKeyHex), 0);
                int length = security.Secure(buffer, 0, headerLength, payload.Length, h.Auxiliary, source);
                return buffer.AsSpan(0, length).ToArray();
            }

            public void DeviceSends(byte[] nwkFrame)
            {
                Device.SendData(nwkFrame);
                Assert.IsTrue(Bench.RunUntil(() => Device.LastTransmitStatus >= 0, TimeSpan.FromSeconds(1)));
                Bench.Run(TimeSpan.FromMilliseconds(5));
            }
        }
    }
}
