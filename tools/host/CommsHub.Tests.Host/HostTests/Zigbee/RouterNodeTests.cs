using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CommsHub.Aps;
using CommsHub.Mac;
using CommsHub.Mac.Coordinator;
using CommsHub.Nwk;
using CommsHub.Security;
using CommsHub.VirtualBoard.Capture;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.VirtualBoard.Radio;
using CommsHub.VirtualBoard.Zigbee;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Zigbee
{
    /// <summary>
    /// The emulated router against a fake concentrator (the hub's coordinator MAC and our codecs, scripted here): the
    /// router associates as an FFD and takes the network key; a child that cannot hear the hub joins through it (the
    /// router reports it with Update-Device, relays the Transport-Key the trust centre tunnels to it); after a
    /// many-to-one route request the router sends a Route Record on the child's behalf before relaying its first frame
    /// to the concentrator, re-securing each relayed frame under its own address and counter; a source-routed frame
    /// from the concentrator reaches the child through it. tshark decodes the whole capture with the keys.
    /// </summary>
    [TestClass]
    public class RouterNodeTests
    {
        private const ulong HubEui = 0x00124B00CC000001;
        private const ulong RouterEui = 0x00DB123456780E01;
        private const ulong ChildEui = 0x00DB123456780C01;
        private const string RouterCode = "83FED3407A939723A5C639B26916D505";
        private const string RouterLinkKey = "66B6900981E1EE3CA4206B6B861C02BB";
        private const string ChildCode = "1122334455667788";
        private const string ChildLinkKey = "41618FC0C83B0E14A589954B16E31466";
        private const string NwkKeyHex = "0F1E2D3C4B5A69788796A5B4C3D2E1F0";
        private const ushort PanId = 0x1A2B;
        private const int Channel = 15;

        [TestMethod]
        public void ARouterRelaysForAChildTwoHopsFromTheConcentratorWithRouteRecordsAndSourceRoutes()
        {
            string pcap = Path.Combine(Path.GetTempPath(), "commshub-router-" + Guid.NewGuid() + ".pcap");
            try
            {
                var bench = new RadioBench(33);
                var capture = new PcapWriter(File.Create(pcap));
                bench.Medium.Capture = capture;
                var hub = new FakeConcentrator(bench);
                var (routerChip, routerRadio) = bench.AddRadio("router");
                var router = new ZigbeeNode("esme", NodeRole.Router, routerRadio, bench.Clock, new DotNetAes(), RouterEui, Convert.FromHexString(RouterCode));
                bench.OnMainLoop(router.Process);
                router.Join(Channel);
                Assert.IsTrue(bench.RunUntil(() => router.State == NodeState.Joined, TimeSpan.FromSeconds(3)), "router: " + router.State + " " + router.Aps.LastDrop);
                Assert.AreEqual(NwkKeyHex, Convert.ToHexString(router.Nwk.NetworkKey));

                // The child hears only the router.
                var (childChip, childRadio) = bench.AddRadio("child");
                bench.Medium.SetLoss(childChip, hub.Chip, 1.0);
                bench.Medium.SetLoss(hub.Chip, childChip, 1.0);
                var child = new ZigbeeNode("ppmid", NodeRole.RxOnEndDevice, childRadio, bench.Clock, new DotNetAes(), ChildEui, Convert.FromHexString(ChildCode));
                bench.OnMainLoop(child.Process);
                router.Mac.PermitJoining = true;
                child.Join(Channel, router.ShortAddress);
                Assert.IsTrue(bench.RunUntil(() => child.State == NodeState.Joined, TimeSpan.FromSeconds(3)),
                    "child: " + child.State + ", APS " + child.Aps.LastDrop + ", NWK " + child.Nwk.LastDrop + ", hub " + hub.LastProblem + ", relay " + router.Relay.LastDrop);
                Assert.AreEqual(router.ShortAddress, child.Mac.ParentShortAddress);
                Assert.AreEqual(1, hub.UpdateDevices, "the router did not report its child with Update-Device");
                Assert.AreEqual(1, router.Relay.TunnelsRelayed);
                Assert.AreEqual(NwkKeyHex, Convert.ToHexString(child.Nwk.NetworkKey));

                // The concentrator asks for route records; the child's first frame to it brings one, sent by its parent.
                hub.SendManyToOneRouteRequest();
                Assert.IsTrue(bench.RunUntil(() => router.Relay.Concentrator.HasValue, TimeSpan.FromSeconds(1)));
                int before = hub.Heard.Count;
                child.SendZcl(1, 0x0019, 0x0109, 1, Convert.FromHexString("01070100341201000000000001"));
                Assert.IsTrue(bench.RunUntil(() => hub.Heard.Count >= before + 2, TimeSpan.FromSeconds(1)), "hub heard " + (hub.Heard.Count - before) + "; " + hub.LastProblem + " / " + router.Relay.LastDrop);
                var record = hub.Heard[before];
                Assert.AreEqual(NwkFrameType.Command, record.FrameType, "no Route Record ahead of the child's frame");
                Assert.AreEqual((int)NwkCommandId.RouteRecord, (int)record.Payload[0]);
                Assert.AreEqual((int)child.ShortAddress, (int)record.Source, "the route record is the child's, sent on its behalf");
                Assert.AreEqual(1, (int)record.Payload[1]);
                Assert.AreEqual((int)router.ShortAddress, record.Payload[2] | (record.Payload[3] << 8));
                var data = hub.Heard[before + 1];
                Assert.AreEqual(NwkFrameType.Data, data.FrameType);
                Assert.AreEqual((int)child.ShortAddress, (int)data.Source);
                Assert.AreEqual(RouterEui, data.SecuredBy, "a relayed frame is secured hop by hop, under the router's address");
                Assert.AreEqual(NodeNwk.DefaultRadius - 1, (int)data.Radius);

                // A second frame brings no second route record.
                child.SendZcl(1, 0x0019, 0x0109, 1, Convert.FromHexString("01080100341201000000000001"));
                Assert.IsTrue(bench.RunUntil(() => hub.Heard.Count >= before + 3, TimeSpan.FromSeconds(1)));
                bench.Run(TimeSpan.FromMilliseconds(50));
                Assert.AreEqual(before + 3, hub.Heard.Count);
                Assert.AreEqual(1, router.Relay.RouteRecordsSent);

                // Down: a source-routed frame through the router.
                var heard = new List<byte[]>();
                child.ZclReceived += (n, ep, cluster, profile, zcl) => heard.Add(zcl);
                hub.SendSourceRouted(child.ShortAddress, new[] { router.ShortAddress }, Convert.FromHexString("1901" + "0901" + "01"), Convert.FromHexString("19070298"));
                Assert.IsTrue(bench.RunUntil(() => heard.Count == 1, TimeSpan.FromSeconds(1)), "child heard nothing: " + child.Nwk.LastDrop + " / " + router.Relay.LastDrop);
                Assert.AreEqual("19070298", Convert.ToHexString(heard[0]));
                Assert.AreEqual(0, child.Nwk.Dropped, child.Nwk.LastDrop);
                Assert.AreEqual(0, router.Relay.Dropped, router.Relay.LastDrop);

                bench.Medium.Capture = null;
                capture.Dispose();
                var keys = CaptureOracle.Keys(Convert.FromHexString(NwkKeyHex), RouterLinkKey).Concat(CaptureOracle.Keys(Convert.FromHexString(NwkKeyHex), ChildLinkKey).Skip(1));
                var fields = CaptureOracle.Tshark(pcap, keys, "zbee_nwk.cmd.id", "zbee_nwk.relay.index", "zbee_aps.cmd.id", "zbee_aps.cmd.key");
                Assert.IsTrue(fields.Any(f => f[0] == "0x05"), "tshark saw no Route Record");
                Assert.IsTrue(fields.Any(f => f[1].Length > 0), "tshark saw no source route");
                Assert.IsTrue(fields.Any(f => f[2].Split(',').Contains("0x06")), "tshark saw no Update-Device");
                Assert.IsTrue(fields.Any(f => f[2].Split(',').Contains("0x0e")), "tshark saw no Tunnel");
                // The router's Transport-Key, the tunnelled one inside the Tunnel, and the same relayed to the child.
                Assert.IsTrue(fields.Count(f => f[3].Replace(":", "").Equals(NwkKeyHex, StringComparison.OrdinalIgnoreCase)) >= 3, "tshark did not decrypt every Transport-Key");
            }
            finally
            {
                File.Delete(pcap);
            }
        }

        /// <summary>A concentrator and trust centre played by the hub's coordinator MAC and the pure codecs.</summary>
        private sealed class FakeConcentrator
        {
            private readonly CoordinatorMac _mac;
            private readonly NodeNwk _nwk;
            private readonly FrameSecurity _security = new(new DotNetAes());
            private readonly Dictionary<ulong, string> _linkKeys = new() { [RouterEui] = RouterLinkKey, [ChildEui] = ChildLinkKey };
            private uint _apsCounter = 1;
            private byte _sequence;

            public FakeConcentrator(RadioBench bench)
            {
                var (chip, radio) = bench.AddRadio("hub");
                Chip = chip;
                _mac = new CoordinatorMac(radio, bench.Clock, new HostEntropy(), HubEui, HubEui) { PermitJoining = true };
                _nwk = new NodeNwk(new DotNetAes(), HubEui, endDevice: false) { ShortAddress = 0x0000 };
                _nwk.SetNetworkKey(Convert.FromHexString(NwkKeyHex), 0);
                _mac.ChildAssociated += (eui, address) =>
                {
                    byte[] frame = Unsecured(address, TransportKey(eui));
                    _mac.SendData(address, frame, 0, frame.Length);
                };
                _mac.DataIndication += OnData;
                bench.OnMainLoop(_mac.Process);
                _mac.Start(PanId, Channel);
            }

            public Mrf24j40Emulator Chip { get; }

            public List<Heard> Heard { get; } = new();

            public int UpdateDevices { get; private set; }

            public string LastProblem { get; private set; }

            public void SendManyToOneRouteRequest()
            {
                var c = new NwkCommand { CommandId = NwkCommandId.RouteRequest, Options = 0x08, RequestId = 1, Address = 0xFFFC, PathCost = 0 };
                byte[] payload = new byte[6];
                NwkCommandCodec.Encode(c, payload, 0);
                byte[] frame = _nwk.Build(0xFFFC, payload, NwkFrameType.Command);
                _mac.SendData(0xFFFF, frame, 0, frame.Length);
            }

            public void SendSourceRouted(ushort destination, ushort[] relays, byte[] apsAddressing, byte[] zcl)
            {
                // APS data: control 0x00, destination endpoint 1, cluster, profile, source endpoint, counter.
                byte[] aps = new byte[] { 0x00, 0x01 }.Concat(apsAddressing).Concat(new byte[] { 0x55 }).Concat(zcl).ToArray();
                var h = new NwkHeader();
                h.Reset();
                h.Destination = destination;
                h.Source = 0x0000;
                h.Radius = NodeNwk.DefaultRadius;
                h.Sequence = _sequence++;
                h.SourceRoute = true;
                h.RelayCount = relays.Length;
                h.RelayIndex = relays.Length - 1;
                relays.CopyTo(h.Relays, 0);
                byte[] frame = _nwk.Seal(h, aps);
                _mac.SendData(relays[^1], frame, 0, frame.Length);
            }

            private void OnData(MacFrame frame, byte lqi)
            {
                byte[] msdu = new byte[frame.PayloadLength];
                Array.Copy(frame.Payload, frame.PayloadOffset, msdu, 0, msdu.Length);
                var h = new NwkHeader();
                byte[] payload = _nwk.Open(msdu, h);
                if (payload == null)
                {
                    LastProblem = _nwk.LastDrop;
                    return;
                }

                Heard.Add(new Heard(h.FrameType, h.Source, h.Auxiliary.Source, h.Radius, payload));
                if (h.FrameType == NwkFrameType.Data && payload.Length > 0 && (payload[0] & 3) == ApsFrameType.Command)
                {
                    OnApsCommand(h, payload);
                }
            }

            private void OnApsCommand(NwkHeader nwk, byte[] aps)
            {
                var h = new ApsHeader();
                string problem = ApsFrameCodec.Decode(aps, 0, aps.Length, h, SecurityLevel.Zigbee);
                if (problem == null && (!h.Security || h.Auxiliary.KeyId != AuxiliaryHeader.KeyIdData || !_linkKeys.ContainsKey(h.Auxiliary.Source)))
                {
                    problem = "APS command not under a link key";
                }

                if (problem == null)
                {
                    _security.SetKey(Convert.FromHexString(_linkKeys[h.Auxiliary.Source]), 0);
                    problem = _security.Unsecure(aps, 0, h.HeaderLength, h.PayloadLength, h.Auxiliary, h.Auxiliary.Source);
                }

                var command = new ApsCommand();
                problem ??= ApsCommandCodec.Decode(aps, h.PayloadOffset, h.PayloadLength, command);
                if (problem != null || command.CommandId != ApsCommandId.UpdateDevice)
                {
                    LastProblem = problem ?? "unexpected APS command " + command.CommandId;
                    return;
                }

                UpdateDevices++;
                // Tunnel (APS unsecured, NWK secured): the child's EUI-64 and its Transport-Key, secured for it.
                byte[] tunnelled = TransportKey(command.DestinationIeee);
                byte[] tunnel = new byte[] { 0x01, (byte)_apsCounter++, ApsCommandId.Tunnel }
                    .Concat(BitConverter.GetBytes(command.DestinationIeee)).Concat(tunnelled).ToArray();
                byte[] frame = _nwk.Build(nwk.Source, tunnel);
                _mac.SendData(nwk.Source, frame, 0, frame.Length);
            }

            /// <summary>An APS Transport-Key of the network key for <paramref name="device"/>, under its key-transport key.</summary>
            private byte[] TransportKey(ulong device)
            {
                var h = new ApsHeader { FrameType = ApsFrameType.Command, DeliveryMode = ApsFrameType.Unicast, Security = true, Counter = (byte)_apsCounter };
                h.Auxiliary.KeyId = AuxiliaryHeader.KeyIdKeyTransport;
                h.Auxiliary.ExtendedNonce = true;
                h.Auxiliary.Source = HubEui;
                h.Auxiliary.FrameCounter = _apsCounter++;
                var c = new ApsCommand { CommandId = ApsCommandId.TransportKey, KeyType = ApsCommandId.KeyTypeNetwork, KeySequence = 0, DestinationIeee = device, SourceIeee = HubEui };
                Convert.FromHexString(NwkKeyHex).CopyTo(c.Key, 0);
                byte[] body = new byte[64];
                int bodyLength = ApsCommandCodec.Encode(c, body, 0);
                int headerLength = ApsFrameCodec.HeaderLength(h);
                byte[] frame = new byte[headerLength + bodyLength + 4];
                ApsFrameCodec.EncodeHeader(h, frame, 0);
                Array.Copy(body, 0, frame, headerLength, bodyLength);
                byte[] transportKey = new byte[16];
                new KeyedHash(new DotNetAes()).KeyTransportKey(Convert.FromHexString(_linkKeys[device]), 0, transportKey, 0);
                _security.SetKey(transportKey, 0);
                _security.Secure(frame, 0, headerLength, bodyLength, h.Auxiliary, HubEui);
                return frame;
            }

            private byte[] Unsecured(ushort destination, byte[] aps)
            {
                var h = new NwkHeader();
                h.Reset();
                h.Destination = destination;
                h.Radius = 1;
                h.Sequence = 0x40;
                int length = NwkFrameCodec.HeaderLength(h);
                byte[] frame = new byte[length + aps.Length];
                NwkFrameCodec.EncodeHeader(h, frame, 0);
                aps.CopyTo(frame, length);
                return frame;
            }
        }

        private sealed record Heard(int FrameType, ushort Source, ulong SecuredBy, byte Radius, byte[] Payload);
    }
}
