using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.Aps;
using CommsHub.Mac;
using CommsHub.Mac.Coordinator;
using CommsHub.Nwk;
using CommsHub.Security;
using CommsHub.Storage.Network;
using CommsHub.Storage.W25q;
using CommsHub.Tests.HostTests.Security;
using CommsHub.Tests.Security;
using CommsHub.TrustCenter;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.VirtualBoard.Radio;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Aps
{
    /// <summary>
    /// The hub's APS layer on its real NWK layer, MAC and MRF24J40 driver over the emulated chip, with one associated
    /// device whose link key the table holds. The device builds its frames with the pure codecs; tshark reads
    /// everything on the medium with the network and link keys.
    /// </summary>
    internal sealed class ApsRig
    {
        public const string NwkKeyHex = "0F1E2D3C4B5A69788796A5B4C3D2E1F0";
        public const string LinkKeyHex = "66B6900981E1EE3CA4206B6B861C02BB";
        public const ulong HubEui = 0x00124B00AABBCCDD;
        public const ulong DeviceEui = 0x00124B0011223344;
        public const ushort PanId = 0x1A63;

        private readonly DotNetAes _deviceAes = new();
        private uint _nwkCounter = 1;

        public ApsRig(bool sleepy = false)
        {
            Bench = new RadioBench(7);
            var (_, hubRadio) = Bench.AddRadio("hub");
            var (_, deviceRadio) = Bench.AddRadio("device");
            var flash = new W25qFlash(new NorFlashEmulator(0x14));
            flash.Identify();
            Store = new NetworkStore(flash, 64 * 4096);
            Store.Mount();
            var network = new NetworkParameters { ExtendedPanId = HubEui, PanId = PanId, Channel = 21 };
            Convert.FromHexString(NwkKeyHex).CopyTo(network.NetworkKey, 0);
            Store.Save(network);
            Mac = new CoordinatorMac(hubRadio, Bench.Clock, new HostEntropy(), HubEui, HubEui);
            Aes = new CountingAes(new DotNetAes());
            Nwk = new NwkLayer(Mac, Aes, Store, network, HubEui, 8);
            LinkKeys = new LinkKeyTable(4);
            LinkKeys.Put(DeviceEui, Convert.FromHexString(LinkKeyHex), 0);
            Aps = new ApsLayer(Nwk, Aes, LinkKeys, Store, Bench.Clock);
            Aps.DataIndication += (h, source, buffer, offset, length) =>
                Delivered.Add(h.Cluster.ToString("X4") + ":" + Convert.ToHexString(buffer, offset, length));
            Device = new EndDeviceMac(deviceRadio, Bench.Clock, DeviceEui, sleepy);
            Bench.OnMainLoop(Mac.Process);
            Bench.OnMainLoop(Aps.Process);
            Bench.OnMainLoop(Device.Process);
            Mac.Start(PanId, 21);
            Mac.PermitJoining = true;
            Device.Start(21);
            Device.RequestAssociation(PanId);
            Assert.IsTrue(Bench.RunUntil(() => Device.AssociationStatus == 0 && Nwk.Neighbours.Count == 1, TimeSpan.FromSeconds(2)), "association failed");
            Bench.Run(TimeSpan.FromMilliseconds(20));
        }

        public RadioBench Bench { get; }
        public NetworkStore Store { get; }
        public CoordinatorMac Mac { get; }
        public CountingAes Aes { get; }
        public NwkLayer Nwk { get; }
        public LinkKeyTable LinkKeys { get; }
        public ApsLayer Aps { get; }
        public EndDeviceMac Device { get; }

        /// <summary>Each APS data frame handed to the application: "cluster:payload" in hex.</summary>
        public List<string> Delivered { get; } = new();

        /// <summary>An APS frame from the device, built with the pure codecs; secured with the link key (or <paramref name="key"/>) when <paramref name="keyId"/> is not negative.</summary>
        public byte[] ApsFrame(byte[] payload, byte apsCounter, uint frameCounter, int keyId = AuxiliaryHeader.KeyIdData, bool ackRequest = false,
            int frameType = ApsFrameType.Data, ushort cluster = 0x0019, byte[] key = null, int fragmentation = ApsFrameType.NotFragmented, byte block = 0)
        {
            var h = new ApsHeader
            {
                FrameType = frameType,
                DeliveryMode = ApsFrameType.Unicast,
                AckRequest = ackRequest,
                Security = keyId >= 0,
                DestinationEndpoint = 1,
                Cluster = cluster,
                Profile = 0x0109,
                SourceEndpoint = 1,
                Counter = apsCounter,
                ExtendedHeader = fragmentation != ApsFrameType.NotFragmented,
                Fragmentation = fragmentation,
                BlockNumber = block,
                AckBitfield = 0x01,
            };
            h.Auxiliary.KeyId = Math.Max(keyId, 0);
            h.Auxiliary.FrameCounter = frameCounter;
            int headerLength = ApsFrameCodec.HeaderLength(h);
            byte[] buffer = new byte[headerLength + payload.Length + 4];
            ApsFrameCodec.EncodeHeader(h, buffer, 0);
            payload.CopyTo(buffer, headerLength);
            if (!h.Security)
            {
                return buffer.AsSpan(0, headerLength + payload.Length).ToArray();
            }

            var security = new FrameSecurity(_deviceAes);
            security.SetKey(key ?? Convert.FromHexString(LinkKeyHex), 0);
            return buffer.AsSpan(0, security.Secure(buffer, 0, headerLength, payload.Length, h.Auxiliary, DeviceEui)).ToArray();
        }

        /// <summary>A NWK data frame from the device to the hub carrying <paramref name="aps"/>, under the network key with the next NWK counter.</summary>
        public byte[] NwkFrame(byte[] aps)
        {
            uint counter = _nwkCounter++;
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
            h.Auxiliary.Source = DeviceEui;
            h.Auxiliary.FrameCounter = counter;
            int headerLength = NwkFrameCodec.HeaderLength(h);
            byte[] buffer = new byte[headerLength + aps.Length + 4];
            NwkFrameCodec.EncodeHeader(h, buffer, 0);
            aps.CopyTo(buffer, headerLength);
            var security = new FrameSecurity(_deviceAes);
            security.SetKey(Convert.FromHexString(NwkKeyHex), 0);
            return buffer.AsSpan(0, security.Secure(buffer, 0, headerLength, aps.Length, h.Auxiliary, DeviceEui)).ToArray();
        }

        /// <summary>Runs the bench for <paramref name="milliseconds"/> in 10 ms main-loop turns.</summary>
        public void Advance(long milliseconds)
        {
            for (long t = 0; t < milliseconds; t += 10)
            {
                Bench.Run(TimeSpan.FromMilliseconds(10));
            }
        }

        public void DeviceSends(byte[] aps)
        {
            Device.SendData(NwkFrame(aps));
            Assert.IsTrue(Bench.RunUntil(() => Device.LastTransmitStatus >= 0, TimeSpan.FromSeconds(1)));
            Bench.Run(TimeSpan.FromMilliseconds(5));
        }

        /// <summary>The NWK frame the device received, decrypted with the network key and decoded down to APS (payload still APS-secured if it was).</summary>
        public (NwkHeader Nwk, ApsHeader Aps, byte[] Frame) Open(byte[] nwkFrame)
        {
            byte[] frame = (byte[])nwkFrame.Clone();
            var n = new NwkHeader();
            Assert.IsNull(NwkFrameCodec.Decode(frame, 0, frame.Length, n, SecurityLevel.Zigbee));
            var security = new FrameSecurity(new DotNetAes());
            security.SetKey(Convert.FromHexString(NwkKeyHex), 0);
            Assert.IsNull(security.Unsecure(frame, 0, n.HeaderLength, n.PayloadLength, n.Auxiliary, n.Auxiliary.Source));
            var a = new ApsHeader();
            Assert.IsNull(ApsFrameCodec.Decode(frame, n.PayloadOffset, n.PayloadLength, a, SecurityLevel.Zigbee));
            return (n, a, frame);
        }

        /// <summary>Decrypts an APS-secured frame <see cref="Open"/> returned, with the link key and the hub's EUI-64 as nonce source.</summary>
        public string OpenAps(NwkHeader n, ApsHeader a, byte[] frame)
        {
            var security = new FrameSecurity(new DotNetAes());
            security.SetKey(Convert.FromHexString(LinkKeyHex), 0);
            return security.Unsecure(frame, n.PayloadOffset, a.HeaderLength, a.PayloadLength, a.Auxiliary, HubEui);
        }

        /// <summary>Every NWK data frame on the medium through tshark with the network and link keys.</summary>
        public List<string[]> TsharkAll(params string[] fields)
        {
            var nwk = Bench.Medium.History
                .Where(f => (f.Psdu[0] & 7) == MacFrameType.Data && f.Psdu.Length > 11)
                .Select(f => f.Psdu.AsSpan(9, f.Psdu.Length - 11).ToArray())
                .ToList();
            return ZigbeeOracle.Tshark(nwk, new[] { NwkKeyHex, LinkKeyHex }, fields);
        }
    }
}
