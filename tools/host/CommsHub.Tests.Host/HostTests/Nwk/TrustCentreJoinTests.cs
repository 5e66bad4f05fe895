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
using CommsHub.TrustCenter;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.VirtualBoard.Radio;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Nwk
{
    /// <summary>
    /// The trust centre on the hub's real MAC, NWK layer and MRF24J40 driver over the emulated chip: a device in the
    /// Device Log joins and gets the network key in a Transport-Key under its install-code key, and then talks under
    /// NWK security; a device not in the log, or one after the window, is refused at association. tshark decrypts
    /// every data frame on the medium with the keys.
    /// </summary>
    [TestClass]
    public class TrustCentreJoinTests
    {
        private const string NwkKeyHex = "00112233445566778899AABBCCDDEEFF";
        private const string InstallCodeHex = "83FED3407A939723A5C639B26916D505";
        private const string LinkKeyHex = "66B6900981E1EE3CA4206B6B861C02BB";
        private const ulong HubEui = 0x00124B00AABBCCDD;
        private const ulong ListedEui = 0x00124B0011223344;
        private const ulong StrangerEui = 0x00124B00BADBAD00;
        private const ushort PanId = 0x2B3C;

        [TestMethod]
        public void ADeviceInTheLogJoinsTakesTheNetworkKeyAndIsHeardUnderNwkSecurity()
        {
            var rig = new Rig();
            rig.Tc.OpenJoining(60);
            var device = rig.AddDevice(ListedEui);
            Assert.IsTrue(rig.Join(device), "association failed");
            Assert.IsTrue(rig.Bench.RunUntil(() => device.ReceivedData.Count == 1, TimeSpan.FromSeconds(1)), "no Transport-Key");
            Assert.AreEqual(1, rig.Tc.TransportKeysSent);

            // The device's side, with the pure codecs: NWK unsecured, APS under the key-transport key of its install code.
            byte[] nwk = device.ReceivedData[0];
            var n = new NwkHeader();
            Assert.IsNull(NwkFrameCodec.Decode(nwk, 0, nwk.Length, n, SecurityLevel.Zigbee));
            Assert.IsFalse(n.Security, "the Transport-Key's NWK frame must be unsecured");
            var a = new ApsHeader();
            Assert.IsNull(ApsFrameCodec.Decode(nwk, n.PayloadOffset, n.PayloadLength, a, SecurityLevel.Zigbee));
            Assert.AreEqual(ApsFrameType.Command, a.FrameType);
            Assert.AreEqual(AuxiliaryHeader.KeyIdKeyTransport, a.Auxiliary.KeyId);
            Assert.IsTrue(a.Auxiliary.ExtendedNonce);
            Assert.AreEqual(HubEui, a.Auxiliary.Source);
            var aes = new DotNetAes();
            byte[] linkKey = new byte[16];
            Assert.IsNull(new InstallCode(aes).DeriveFromCode(Convert.FromHexString(InstallCodeHex), 0, 16, linkKey, 0));
            Assert.AreEqual(LinkKeyHex, Convert.ToHexString(linkKey));
            byte[] transportKey = new byte[16];
            new KeyedHash(aes).KeyTransportKey(linkKey, 0, transportKey, 0);
            var security = new FrameSecurity(aes);
            security.SetKey(transportKey, 0);
            byte[] copy = (byte[])nwk.Clone();
            Assert.IsNull(security.Unsecure(copy, n.PayloadOffset, a.HeaderLength, a.PayloadLength, a.Auxiliary, a.Auxiliary.Source));
            var command = new ApsCommand();
            Assert.IsNull(ApsCommandCodec.Decode(copy, a.PayloadOffset, a.PayloadLength, command));
            Assert.AreEqual((int)ApsCommandId.TransportKey, (int)command.CommandId);
            Assert.AreEqual((int)ApsCommandId.KeyTypeNetwork, (int)command.KeyType);
            Assert.AreEqual(NwkKeyHex, Convert.ToHexString(command.Key));
            Assert.AreEqual(ListedEui, command.DestinationIeee);
            Assert.AreEqual(HubEui, command.SourceIeee);

            // With that key the device is heard.
            device.SendData(Secured(command.Key, device.ShortAddress, ListedEui, 1));
            Assert.IsTrue(rig.Bench.RunUntil(() => rig.Delivered == 1, TimeSpan.FromSeconds(1)), rig.Nwk.LastDrop);

            var dissected = rig.TsharkAll("zbee.sec.key_id", "zbee_aps.cmd.key");
            Assert.IsTrue(dissected.Any(f => f[1].Replace(":", "").Equals(NwkKeyHex, StringComparison.OrdinalIgnoreCase)),
                "tshark did not decrypt the Transport-Key to the network key: " + string.Join(" | ", dissected.Select(f => string.Join(";", f))));
        }

        [TestMethod]
        public void ADeviceNotInTheLogIsRefusedCountedAndReported()
        {
            var rig = new Rig();
            rig.Tc.OpenJoining(60);
            var stranger = rig.AddDevice(StrangerEui);
            Assert.IsFalse(rig.Join(stranger));
            Assert.AreEqual((int)AssociationStatus.PanAccessDenied, (int)stranger.AssociationStatus);
            Assert.AreEqual(1, rig.Tc.RefusedNotInLog);
            Assert.AreEqual(0, rig.Mac.Children.Count);
            Assert.AreEqual(0, rig.Tc.TransportKeysSent);
            Assert.IsTrue(rig.Reports.Any(r => r.Contains("not in the Device Log")), string.Join(" | ", rig.Reports));
        }

        [TestMethod]
        public void AJoinAfterTheWindowClosedIsRefused()
        {
            var rig = new Rig();
            rig.Tc.OpenJoining(2);
            rig.Bench.Run(TimeSpan.FromSeconds(3));
            rig.Tc.Process();
            Assert.IsFalse(rig.Mac.PermitJoining, "beacons still advertise permit-join after the window");
            var device = rig.AddDevice(ListedEui);
            Assert.IsFalse(rig.Join(device));
            Assert.AreEqual((int)AssociationStatus.PanAccessDenied, (int)device.AssociationStatus);
            Assert.AreEqual(0, rig.Tc.TransportKeysSent);
        }

        [TestMethod]
        public void AJoinWhileTheMacStillPermitsButTheWindowHasPassedIsRefusedAndCounted()
        {
            var rig = new Rig();
            rig.Tc.OpenJoining(1);
            rig.Bench.Run(TimeSpan.FromSeconds(2));
            Assert.IsTrue(rig.Mac.PermitJoining, "the main loop has not run the trust centre yet");
            var device = rig.AddDevice(ListedEui);
            Assert.IsFalse(rig.Join(device));
            Assert.AreEqual(1, rig.Tc.RefusedWindowClosed);
            Assert.IsTrue(rig.Reports.Any(r => r.Contains("after the join window closed")));
        }

        [TestMethod]
        public void ApsDataIsAcknowledgedAndDeliveredOnceAndCommandsUnderTheWrongKeyIdAreDropped()
        {
            var rig = new Rig();
            rig.Tc.OpenJoining(60);
            var device = rig.AddDevice(ListedEui);
            Assert.IsTrue(rig.Join(device));
            Assert.IsTrue(rig.Bench.RunUntil(() => device.ReceivedData.Count == 1, TimeSpan.FromSeconds(1)), "no Transport-Key");
            byte[] key = Convert.FromHexString(NwkKeyHex);

            // APS data with ack request, APS counter 0x33, sent twice (as after a lost ack) under fresh NWK counters.
            byte[] data = Convert.FromHexString("40011900090101330119000201");
            device.SendData(Secured(key, device.ShortAddress, ListedEui, 10, data));
            Assert.IsTrue(rig.Bench.RunUntil(() => device.ReceivedData.Count == 2, TimeSpan.FromSeconds(1)), "no APS ack: " + rig.Aps.LastDrop + " / " + rig.Nwk.LastDrop);
            device.SendData(Secured(key, device.ShortAddress, ListedEui, 11, data));
            Assert.IsTrue(rig.Bench.RunUntil(() => device.ReceivedData.Count == 3, TimeSpan.FromSeconds(1)), "no second APS ack");
            Assert.AreEqual(1, rig.ApsDelivered.Count, "a retransmission reached the endpoint twice");
            Assert.AreEqual(0x0019, rig.ApsDelivered[0]);
            Assert.AreEqual(1, rig.Aps.Dropped(ApsDrop.Duplicate));
            Assert.AreEqual(2, rig.Aps.AcksSent);

            // The acks decode as APS acks of that counter, from endpoint 1 to endpoint 1.
            byte[] ack = device.ReceivedData[1];
            var n = new NwkHeader();
            Assert.IsNull(NwkFrameCodec.Decode(ack, 0, ack.Length, n, SecurityLevel.Zigbee));
            var security = new FrameSecurity(new DotNetAes());
            security.SetKey(key, 0);
            Assert.IsNull(security.Unsecure(ack, 0, n.HeaderLength, n.PayloadLength, n.Auxiliary, n.Auxiliary.Source));
            var a = new ApsHeader();
            Assert.IsNull(ApsFrameCodec.Decode(ack, n.PayloadOffset, n.PayloadLength, a, SecurityLevel.Zigbee));
            Assert.AreEqual(ApsFrameType.Ack, a.FrameType);
            Assert.AreEqual(0x33, (int)a.Counter);

            // Everything so far, the hub's acks included, decodes and decrypts in tshark (the forgeries below would not).
            var types = rig.TsharkAll("zbee_aps.type");
            Assert.AreEqual(2, types.Count(t => t[0] == "0x02"), "tshark saw " + string.Join(",", types.Select(t => t[0])));

            // An APS command secured under the key-transport key id (2) and a Request-Key without APS security: both
            // dropped (only Verify-Key may come under NWK security alone).
            byte[] wrongKeyId = Convert.FromHexString("2144" + "30" + "0C000000" + "4433221100" + "4B12" + "00" + "0F" + "00112233");
            device.SendData(Secured(key, device.ShortAddress, ListedEui, 12, wrongKeyId));
            Assert.IsTrue(rig.Bench.RunUntil(() => device.LastTransmitStatus >= 0, TimeSpan.FromSeconds(1)));
            device.SendData(Secured(key, device.ShortAddress, ListedEui, 13, Convert.FromHexString("0145" + "08" + "04")));
            rig.Bench.Run(TimeSpan.FromMilliseconds(100));
            Assert.AreEqual(1, rig.Aps.Dropped(ApsDrop.WrongKeyId), rig.Aps.LastDrop);
            Assert.AreEqual(1, rig.Aps.Dropped(ApsDrop.UnsecuredCommand), rig.Aps.LastDrop);
        }

        [TestMethod]
        public void TheZdoServerAnswersMatchDescIeeeAddrNodeDescAndSimpleDescAndTakesDeviceAnnce()
        {
            var rig = new Rig();
            rig.Tc.OpenJoining(60);
            var device = rig.AddDevice(ListedEui);
            Assert.IsTrue(rig.Join(device));
            Assert.IsTrue(rig.Bench.RunUntil(() => device.ReceivedData.Count == 1, TimeSpan.FromSeconds(1)), "no Transport-Key");
            byte[] key = Convert.FromHexString(NwkKeyHex);
            string addr = device.ShortAddress.ToString("X4");
            string annceAddr = addr.Substring(2, 2) + addr.Substring(0, 2);
            string[] requests =
            {
                "00" + "00" + "1300" + "0000" + "00" + "01" + "21" + annceAddr + "4433221100" + "4B1200" + "80", // Device_annce
                "00" + "00" + "0600" + "0000" + "00" + "02" + "22" + "FDFF" + "0901" + "01" + "1900" + "00",         // Match_Desc OTA
                "00" + "00" + "0100" + "0000" + "00" + "03" + "23" + "0000" + "00" + "00",                           // IEEE_addr of 0x0000
                "00" + "00" + "0200" + "0000" + "00" + "04" + "24" + "0000",                                         // Node_Desc
                "00" + "00" + "0400" + "0000" + "00" + "05" + "25" + "0000" + "01",                                  // Simple_Desc ep 1
            };
            uint counter = 20;
            foreach (string r in requests)
            {
                device.SendData(Secured(key, device.ShortAddress, ListedEui, counter++, Convert.FromHexString(r)));
                Assert.IsTrue(rig.Bench.RunUntil(() => device.LastTransmitStatus >= 0, TimeSpan.FromSeconds(1)));
                rig.Bench.Run(TimeSpan.FromMilliseconds(30));
            }

            Assert.AreEqual(1, rig.Zdo.Announcements);
            Assert.AreEqual(4, rig.Zdo.Answered, rig.Zdo.LastProblem);
            var answers = new Dictionary<int, CommsHub.Zdo.ZdoFrame>();
            foreach (byte[] nwk in device.ReceivedData.Skip(1))
            {
                var n = new NwkHeader();
                Assert.IsNull(NwkFrameCodec.Decode(nwk, 0, nwk.Length, n, SecurityLevel.Zigbee));
                var security = new FrameSecurity(new DotNetAes());
                security.SetKey(key, 0);
                byte[] copy = (byte[])nwk.Clone();
                Assert.IsNull(security.Unsecure(copy, 0, n.HeaderLength, n.PayloadLength, n.Auxiliary, n.Auxiliary.Source));
                var a = new ApsHeader();
                Assert.IsNull(ApsFrameCodec.Decode(copy, n.PayloadOffset, n.PayloadLength, a, SecurityLevel.Zigbee));
                var z = new CommsHub.Zdo.ZdoFrame();
                Assert.IsNull(CommsHub.Zdo.ZdoCodec.Decode(a.Cluster, copy, a.PayloadOffset, a.PayloadLength, z));
                answers[a.Cluster] = z;
            }

            Assert.AreEqual(1, answers[0x8006].Count, "Match_Desc found no OTA server");
            Assert.AreEqual(1, (int)answers[0x8006].List[0]);
            Assert.AreEqual(HubEui, answers[0x8001].Ieee);
            Assert.AreEqual(0, (int)answers[0x8002].Status);
            Assert.AreEqual(0x0109, (int)answers[0x8004].Profile);
            Assert.AreEqual("0000,000A,0019,0025,0800", string.Join(",", answers[0x8004].List.Take(answers[0x8004].InCount).Select(c => c.ToString("X4"))),
                "the Smart Energy endpoint's server clusters: Basic, Time, OTA, Keep-Alive, Key Establishment");
            rig.TsharkAll("zbee_zdp.seqno");
        }

        /// <summary>A NWK data frame from a device to the hub, secured with <paramref name="key"/> by the pure codecs.</summary>
        internal static byte[] SecuredFrom(byte[] key, ushort source, ulong eui, uint counter, byte[] apsPayload) => Secured(key, source, eui, counter, apsPayload);

        private static byte[] Secured(byte[] key, ushort source, ulong eui, uint counter, byte[] apsPayload = null)
        {
            var h = new NwkHeader();
            h.Reset();
            h.Security = true;
            h.Destination = 0x0000;
            h.Source = source;
            h.Radius = 30;
            h.Sequence = (byte)counter;
            h.Auxiliary.Source = eui;
            h.Auxiliary.FrameCounter = counter;
            // APS data to the OTA cluster: Query Next Image Request (field control 0, manufacturer, type, version).
            byte[] payload = apsPayload ?? Convert.FromHexString("40011900090101001D0101003412000100000000");
            int headerLength = NwkFrameCodec.HeaderLength(h);
            byte[] buffer = new byte[headerLength + payload.Length + 4];
            NwkFrameCodec.EncodeHeader(h, buffer, 0);
            payload.CopyTo(buffer, headerLength);
            var security = new FrameSecurity(new DotNetAes());
            security.SetKey(key, 0);
            return buffer.AsSpan(0, security.Secure(buffer, 0, headerLength, payload.Length, h.Auxiliary, eui)).ToArray();
        }

        private sealed class Log : IDeviceLog
        {
            public int InstallCodeOf(ulong eui64, byte[] code)
            {
                if (eui64 != ListedEui)
                {
                    return 0;
                }

                Convert.FromHexString(InstallCodeHex).CopyTo(code, 0);
                return 16;
            }

            public bool JoinWindowOpen(ulong eui64, long nowMilliseconds) => false;

            public bool AnyJoinWindowOpen(long nowMilliseconds) => false;

            public void JoinRefused(ulong eui64, string why)
            {
            }
        }

        private sealed class Rig
        {
            public Rig()
            {
                Bench = new RadioBench(5);
                var (_, hubRadio) = Bench.AddRadio("hub");
                var flash = new W25qFlash(new NorFlashEmulator(0x14));
                flash.Identify();
                var store = new NetworkStore(flash, 64 * 4096);
                store.Mount();
                var network = new NetworkParameters { ExtendedPanId = HubEui, PanId = PanId, Channel = 18 };
                Convert.FromHexString(NwkKeyHex).CopyTo(network.NetworkKey, 0);
                store.Save(network);
                Mac = new CoordinatorMac(hubRadio, Bench.Clock, new HostEntropy(), HubEui, HubEui);
                var aes = new DotNetAes();
                Nwk = new NwkLayer(Mac, aes, store, network, HubEui, 8);
                Nwk.DataIndication += (h, buffer, offset, length) => Delivered++;
                Tc = new TrustCentre(Mac, Nwk, aes, new Log(), Bench.Clock, store);
                Aps = new ApsLayer(Nwk, aes, Tc.LinkKeys, store, Bench.Clock);
                Aps.DataIndication += (h, source, buffer, offset, length) => ApsDelivered.Add(h.Cluster);
                Zdo = new CommsHub.Zdo.ZdoServer(Aps, Nwk);
                Tc.Reported += Reports.Add;
                Bench.OnMainLoop(Mac.Process);
                Mac.Start(PanId, 18);
            }

            public RadioBench Bench { get; }
            public CoordinatorMac Mac { get; }
            public NwkLayer Nwk { get; }
            public TrustCentre Tc { get; }
            public ApsLayer Aps { get; }
            public CommsHub.Zdo.ZdoServer Zdo { get; }
            public List<int> ApsDelivered { get; } = new();
            public List<string> Reports { get; } = new();
            public int Delivered { get; private set; }

            public EndDeviceMac AddDevice(ulong eui)
            {
                var (_, radio) = Bench.AddRadio("device-" + eui.ToString("X"));
                var device = new EndDeviceMac(radio, Bench.Clock, eui, false);
                Bench.OnMainLoop(device.Process);
                device.Start(18);
                return device;
            }

            public bool Join(EndDeviceMac device)
            {
                device.RequestAssociation(PanId);
                Bench.RunUntil(() => device.AssociationStatus != 0xFF, TimeSpan.FromSeconds(2));
                Bench.Run(TimeSpan.FromMilliseconds(20));
                return device.AssociationStatus == 0;
            }

            /// <summary>Every MAC data frame on the medium, through tshark with the network key, the link key and its key-transport key.</summary>
            public List<string[]> TsharkAll(params string[] fields)
            {
                var nwk = Bench.Medium.History
                    .Where(f => (f.Psdu[0] & 7) == MacFrameType.Data && f.Psdu.Length > 11)
                    .Select(f => f.Psdu.AsSpan(9, f.Psdu.Length - 11).ToArray())
                    .ToList();
                Assert.IsTrue(nwk.Count >= 2);
                byte[] transportKey = new byte[16];
                new KeyedHash(new DotNetAes()).KeyTransportKey(Convert.FromHexString(LinkKeyHex), 0, transportKey, 0);
                return ZigbeeOracle.Tshark(nwk, new[] { NwkKeyHex, LinkKeyHex, Convert.ToHexString(transportKey) }, fields);
            }
        }
    }
}
