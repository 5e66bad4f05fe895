using System;
using System.Collections.Generic;
using System.IO;
using CommsHub.Cli.Wan;
using CommsHub.Ota.Server;
using CommsHub.VirtualBoard.Bench;
using CommsHub.VirtualBoard.Capture;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Radio;
using CommsHub.VirtualBoard.Zigbee;
using CommsHub.Wan;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Zigbee
{
    /// <summary>
    /// The whole hub firmware on the virtual board, its MRF24J40 driver on an emulated chip, sharing the radio bench's
    /// clock with emulated Zigbee nodes on the same medium; optionally a head-end on the WAN and a pcap of everything
    /// that crosses the air. A bench's test CAs (one per CBKE suite, seeded by the rig's seed) issue the hub's and the
    /// devices' CBKE credentials; the hub's go in over the WAN.
    /// </summary>
    public sealed class HanRig : IDisposable
    {
        public const string InstallCodeHex = "83FED3407A939723A5C639B26916D505";
        public const string LinkKeyHex = "66B6900981E1EE3CA4206B6B861C02BB";

        private readonly string _pcap;
        private PcapWriter _capture;

        public HanRig(int seed, bool capture = false)
        {
            Bench = new RadioBench(seed);
            Authorities = new BenchCertificateAuthorities(seed);
            var (chip, radio) = Bench.AddRadio("hub");
            HubChip = chip;
            Board = new VirtualBoard.VirtualBoard(null, Bench.Clock.UtcNow, radio: radio, clock: Bench.Clock);
            if (capture)
            {
                _pcap = Path.Combine(Path.GetTempPath(), "commshub-han-" + Guid.NewGuid() + ".pcap");
                _capture = new PcapWriter(File.Create(_pcap));
                Bench.Medium.Capture = _capture;
            }

            Board.Boot();
            Bench.OnMainLoop(() => Board.Hub.Poll());
            Assert.IsNotNull(Board.Hub.Han, "the HAN stack did not start");
        }

        public RadioBench Bench { get; }

        /// <summary>The bench's test CAs, one per suite.</summary>
        public BenchCertificateAuthorities Authorities { get; }

        public Mrf24j40Emulator HubChip { get; }

        public VirtualBoard.VirtualBoard Board { get; }

        public ulong HubEui => Board.Hub.Han.Nwk.HubEui64;

        public byte[] NetworkKey => Board.Hub.Han.Nwk.Network.NetworkKey;

        public int Channel => HubChip.ListeningChannel;

        /// <summary>A head-end on the board's WAN cable that runs the air while it waits.</summary>
        public HeadEnd HeadEnd(Action idle = null) =>
            new HeadEnd(Board.Wan.B, Bench.Clock, idle ?? (() => Bench.Run(TimeSpan.FromMilliseconds(1))), AlertLedger.InMemory());

        public void List(ulong eui, int kind, string installCodeHex = InstallCodeHex)
        {
            Board.Hub.Wan.DeviceLog.AddOrReplace(new DeviceLogEntry { Device = eui, Kind = (byte)kind, InstallCode = Convert.FromHexString(installCodeHex) });
        }

        public ZigbeeNode AddNode(string name, NodeRole role, ulong eui, string installCodeHex = InstallCodeHex, long pollMilliseconds = 250)
        {
            var (_, radio) = Bench.AddRadio(name);
            var node = new ZigbeeNode(name, role, radio, Bench.Clock, new DotNetAes(), eui, Convert.FromHexString(installCodeHex), pollMilliseconds);
            Bench.OnMainLoop(node.Process);
            return node;
        }

        /// <summary>
        /// Issues the hub credentials of each of <paramref name="suites"/> with its EUI-64 as subject and provisions
        /// them over the WAN (SetCbkeCredentials); asserts the hub accepted each.
        /// </summary>
        public void ProvisionCbke(HeadEnd headEnd, params int[] suites)
        {
            foreach (int suite in suites)
            {
                CbkeCredentials c = Authorities.Issue(suite, HubEui);
                Assert.AreEqual("ok", headEnd.ProvisionCbke(suite, c.Certificate, c.PrivateKey, c.CaPublicKey), "the hub's suite " + suite + " credentials over the WAN");
            }
        }

        /// <summary>A Smart Energy device on a new node: it registers by itself once the node joins.</summary>
        public SmartEnergyClient AddSmartEnergyDevice(string name, NodeRole role, ulong eui, CbkeCredentials[] credentials, string installCodeHex = InstallCodeHex, long pollMilliseconds = 250)
        {
            ZigbeeNode node = AddNode(name, role, eui, installCodeHex, pollMilliseconds);
            return new SmartEnergyClient(node, Bench.Clock, credentials);
        }

        /// <summary>The OTA client of the tests' PPMID: manufacturer 1234, image type 0001, version 01000000, querying at once.</summary>
        public static DeviceSpec PpmidSpec(ulong eui) => new DeviceSpec
        {
            Name = "ppmid",
            Kind = OtaDeviceKind.Ppmid,
            Eui = eui,
            ManufacturerCode = 0x1234,
            ImageType = 0x0001,
            CurrentVersion = 0x01000000,
            FirstQuery = TimeSpan.FromMilliseconds(200),
        };

        /// <summary>Starts the node's join on the hub's channel and runs until it has joined or was refused.</summary>
        public bool Join(ZigbeeNode node, ushort? parent = null, double seconds = 5)
        {
            node.Join(Channel, parent);
            Bench.RunUntil(() => node.State == NodeState.Joined || node.State == NodeState.Refused, TimeSpan.FromSeconds(seconds));
            return node.State == NodeState.Joined;
        }

        /// <summary>Closes the capture and returns the pcap's path (deleted when the rig is disposed).</summary>
        public string ClosePcap()
        {
            Bench.Medium.Capture = null;
            _capture?.Dispose();
            _capture = null;
            return _pcap;
        }

        public void Dispose()
        {
            ClosePcap();
            Board.Dispose();
            if (_pcap != null && File.Exists(_pcap))
            {
                File.Delete(_pcap);
            }
        }
    }
}
