using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.Mac;
using CommsHub.Mac.Coordinator;
using CommsHub.Nwk;
using CommsHub.Platform;
using CommsHub.Radio;
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
    /// The hub's NWK layer (with the bench clock) on its real MAC and MRF24J40 driver over the emulated medium, with
    /// children that associate through the MAC. The far side's NWK frames are built with the pure codecs; every frame
    /// either side sends is kept so a test can have tshark dissect the lot with the network key.
    /// </summary>
    internal sealed class NwkRig
    {
        /// <summary>An APS data frame tshark dissects cleanly: OTA Query Next Image Response, NO_IMAGE_AVAILABLE.</summary>
        public static readonly byte[] ApsData = { 0x40, 0x01, 0x19, 0x00, 0x09, 0x01, 0x01, 0x00, 0x19, 0x00, 0x02, 0x98 };

        public const string NwkKeyHex = "0F1E2D3C4B5A69788796A5B4C3D2E1F0";
        public const ulong HubEui = 0x00124B00AABBCCDD;
        public const ushort PanId = 0x1A62;
        public const int Channel = 20;

        private readonly Dictionary<EndDeviceMac, int> _seen = new();

        public NwkRig()
        {
            Bench = new RadioBench(3);
            var (_, hubRadio) = Bench.AddRadio("hub");
            var chip = new NorFlashEmulator(0x14);
            var flash = new W25qFlash(chip);
            flash.Identify();
            Store = new NetworkStore(flash, 64 * 4096);
            Store.Mount();
            var network = new NetworkParameters { ExtendedPanId = HubEui, PanId = PanId, Channel = Channel };
            Convert.FromHexString(NwkKeyHex).CopyTo(network.NetworkKey, 0);
            Store.Save(network);
            Mac = new CoordinatorMac(hubRadio, Bench.Clock, new HostEntropy(), HubEui, HubEui);
            Nwk = new NwkLayer(Mac, new DotNetAes(), Store, network, HubEui, 8, Bench.Clock);
            Nwk.DataIndication += (h, buffer, offset, length) =>
            {
                Received.Add(buffer.AsSpan(offset, length).ToArray());
                ReceivedFrom.Add(h.Source);
            };
            Bench.OnMainLoop(Mac.Process);
            Mac.Start(PanId, Channel);
            Mac.PermitJoining = true;
        }

        public RadioBench Bench { get; }
        public NetworkStore Store { get; }
        public CoordinatorMac Mac { get; }
        public NwkLayer Nwk { get; }
        public List<byte[]> Received { get; } = new();
        public List<ushort> ReceivedFrom { get; } = new();

        /// <summary>Every NWK frame on the air between the hub and the devices, for tshark.</summary>
        public List<byte[]> Capture { get; } = new();

        public EndDeviceMac AddChild(ulong eui, bool sleepy = false)
        {
            var (_, radio) = Bench.AddRadio("device-" + eui.ToString("X"));
            var device = new EndDeviceMac(radio, Bench.Clock, eui, sleepy);
            Bench.OnMainLoop(device.Process);
            device.Start(Channel);
            device.RequestAssociation(PanId);
            Assert.IsTrue(Bench.RunUntil(() => device.AssociationStatus == 0 && Nwk.Neighbours.IndexOf(eui) >= 0, TimeSpan.FromSeconds(2)), "association failed");
            Bench.Run(TimeSpan.FromMilliseconds(20));
            _seen[device] = 0;
            return device;
        }

        public void Sends(EndDeviceMac device, byte[] nwkFrame)
        {
            Capture.Add((byte[])nwkFrame.Clone());
            device.SendData(nwkFrame);
            Assert.IsTrue(Bench.RunUntil(() => device.LastTransmitStatus >= 0, TimeSpan.FromSeconds(1)));
            Bench.Run(TimeSpan.FromMilliseconds(5));
        }

        /// <summary>Runs until the device has a frame it had not seen; returns it decoded and decrypted.</summary>
        public Heard NextAt(EndDeviceMac device, TimeSpan limit, Action poll = null)
        {
            int seen = _seen[device];
            Assert.IsTrue(Bench.RunUntil(() => { poll?.Invoke(); return device.ReceivedData.Count > seen; }, limit), "the device heard nothing from the hub");
            _seen[device] = seen + 1;
            return Open(device.ReceivedData[seen]);
        }

        public bool HeardNothingMore(EndDeviceMac device)
        {
            return device.ReceivedData.Count == _seen[device];
        }

        public Heard Open(byte[] nwk)
        {
            Capture.Add((byte[])nwk.Clone());
            var header = new NwkHeader();
            Assert.IsNull(NwkFrameCodec.Decode(nwk, 0, nwk.Length, header, SecurityLevel.Zigbee));
            byte[] plain = (byte[])nwk.Clone();
            if (header.Security)
            {
                var security = new FrameSecurity(new DotNetAes());
                security.SetKey(Convert.FromHexString(NwkKeyHex), 0);
                Assert.IsNull(security.Unsecure(plain, 0, header.HeaderLength, header.PayloadLength, header.Auxiliary, header.Auxiliary.Source));
            }

            byte[] payload = plain.AsSpan(header.PayloadOffset, header.PayloadLength).ToArray();
            NwkCommand command = null;
            if (header.FrameType == NwkFrameType.Command)
            {
                command = new NwkCommand();
                Assert.IsNull(NwkCommandCodec.Decode(payload, 0, payload.Length, command));
            }

            return new Heard(header, payload, command);
        }

        /// <summary>tshark dissects the whole capture with the network key: no malformed frame, no warning.</summary>
        public List<string[]> Tshark(params string[] fields) => ZigbeeOracle.Tshark(Capture, new[] { NwkKeyHex }, fields);

        public static byte[] Command(NwkCommand c)
        {
            byte[] b = new byte[128];
            int n = NwkCommandCodec.Encode(c, b, 0);
            return b.AsSpan(0, n).ToArray();
        }

        /// <summary>
        /// A NWK frame from a device, secured with the network key unless <paramref name="auxSource"/> is 0; the caller
        /// adjusts the header (addresses, flags) through <paramref name="shape"/>.
        /// </summary>
        public static byte[] Frame(int frameType, ushort source, ushort destination, byte[] payload, uint counter, ulong auxSource,
            Action<NwkHeader> shape = null, byte sequence = 0, byte keySequence = 0)
        {
            var h = new NwkHeader();
            h.Reset();
            h.FrameType = frameType;
            h.Security = auxSource != 0;
            h.Destination = destination;
            h.Source = source;
            h.Radius = 30;
            h.Sequence = sequence == 0 ? (byte)counter : sequence;
            h.Auxiliary.KeyId = AuxiliaryHeader.KeyIdNetwork;
            h.Auxiliary.ExtendedNonce = true;
            h.Auxiliary.Source = auxSource;
            h.Auxiliary.FrameCounter = counter;
            h.Auxiliary.KeySequence = keySequence;
            shape?.Invoke(h);
            int headerLength = NwkFrameCodec.HeaderLength(h);
            byte[] buffer = new byte[headerLength + payload.Length + 4];
            NwkFrameCodec.EncodeHeader(h, buffer, 0);
            payload.CopyTo(buffer, headerLength);
            if (!h.Security)
            {
                return buffer.AsSpan(0, headerLength + payload.Length).ToArray();
            }

            var security = new FrameSecurity(new DotNetAes());
            security.SetKey(Convert.FromHexString(NwkKeyHex), 0);
            int length = security.Secure(buffer, 0, headerLength, payload.Length, h.Auxiliary, auxSource);
            return buffer.AsSpan(0, length).ToArray();
        }
    }

    internal sealed record Heard(NwkHeader Header, byte[] Payload, NwkCommand Command);

    /// <summary>
    /// A radio node with no MAC state machine: sends any MAC data frame (an extended source for a device that is not
    /// a child) and keeps every data frame addressed to it.
    /// </summary>
    internal sealed class RawNode
    {
        private readonly IRadio _radio;
        private readonly MacFrame _rx = new();
        private byte _sequence = 0x30;

        public RawNode(NwkRig rig, ulong eui)
        {
            Eui = eui;
            var (_, radio) = rig.Bench.AddRadio("raw-" + eui.ToString("X"));
            _radio = radio;
            rig.Bench.OnMainLoop(radio.Process);
            radio.Initialize();
            radio.SetExtendedAddress(eui);
            radio.SetPanId(NwkRig.PanId);
            radio.SetChannel(NwkRig.Channel);
            radio.TransmitDone += (status, pending, retries) => LastStatus = status;
            radio.FrameReceived += (bytes, length, lqi, rssi) =>
            {
                if (MacFrameCodec.Decode(bytes, 0, length, _rx) == null && _rx.FrameType == MacFrameType.Data)
                {
                    Received.Add(_rx.Payload.AsSpan(_rx.PayloadOffset, _rx.PayloadLength).ToArray());
                    ReceivedTo.Add(_rx.Destination);
                }
            };
        }

        public ulong Eui { get; }
        public int LastStatus { get; private set; } = -1;
        public List<byte[]> Received { get; } = new();
        public List<MacAddress> ReceivedTo { get; } = new();

        public void SendFromExtended(NwkRig rig, byte[] nwk)
        {
            rig.Capture.Add((byte[])nwk.Clone());
            var f = new MacFrame();
            f.Clear();
            f.FrameType = MacFrameType.Data;
            f.AckRequest = true;
            f.PanIdCompression = true;
            f.Sequence = _sequence++;
            f.DestinationPanId = NwkRig.PanId;
            f.Destination = MacAddress.FromShort(0x0000);
            f.Source = MacAddress.FromExtended(Eui);
            f.Payload = nwk;
            f.PayloadLength = nwk.Length;
            byte[] frame = new byte[MacFrame.MaxLength];
            int length = MacFrameCodec.Encode(f, frame, 0);
            LastStatus = -1;
            Assert.IsTrue(_radio.Transmit(frame, 0, length));
            Assert.IsTrue(rig.Bench.RunUntil(() => LastStatus >= 0, TimeSpan.FromSeconds(1)));
            rig.Bench.Run(TimeSpan.FromMilliseconds(5));
        }
    }
}
