using System;
using System.Collections.Generic;
using CommsHub.Hub;
using CommsHub.Radio.Mrf24j40;
using CommsHub.VirtualBoard.Bench;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.VirtualBoard.Radio;
using CommsHub.VirtualBoard.Zigbee;

namespace CommsHub.VirtualBoard.Han
{
    /// <summary>
    /// One Home Area Network on the virtual bench: the hub's emulated MRF24J40 (the firmware drives it with its own
    /// driver) and emulated GB devices, each a Zigbee node on its own emulated chip, all on one <see cref="RadioMedium"/>
    /// and one clock. Time runs event by event: after every event on the air or timer, the hub's main loop turns
    /// (<see cref="HubFirmware.Poll"/>, its long work included) and so does every node's. Nothing here calls into the
    /// hub's layers: devices reach the hub only through the air.
    /// </summary>
    public sealed class VirtualHan
    {
        /// <summary>The longest virtual time between two turns of the hub's main loop when the air is quiet.</summary>
        public const long QuietTurnMilliseconds = 10_000;

        private readonly List<HanDevice> _devices = new();

        public VirtualHan(DateTime startUtc, int seed)
        {
            Bench = new RadioBench(seed, startUtc);

            // A HAN runs for days (a soak, a board left on): a copy of every frame would grow without end. A caller that
            // measures the air (bench report) turns the history on for its run.
            Bench.Medium.KeepHistory = false;
            Authorities = new BenchCertificateAuthorities(seed);
            HubChip = new Mrf24j40Emulator(Bench.Medium, "hub");
            Bench.OnMainLoop(HubTurn);
            Bench.Busy = () => Hub != null && Hub.Work.Count > 0;
        }

        public RadioBench Bench { get; }

        /// <summary>The HAN's test CAs (one per CBKE suite): the hub's certificates and every device's come from them.</summary>
        public BenchCertificateAuthorities Authorities { get; }

        /// <summary>The hub's CBKE credentials for both suites, for the head-end to provision over the WAN.</summary>
        public CbkeCredentials[] HubCredentials(ulong hubEui) => Authorities.IssueBoth(hubEui);

        public RadioMedium Medium => Bench.Medium;

        public VirtualClock Clock => Bench.Clock;

        /// <summary>The hub's radio chip; <see cref="NewHubRadio"/> gives the firmware its driver for it.</summary>
        public Mrf24j40Emulator HubChip { get; }

        /// <summary>The firmware now running on the hub (a reboot puts a new one here); null while it is off.</summary>
        public HubFirmware Hub { get; set; }

        /// <summary>How the main loop runs one turn of the hub (a bench can catch a power cut there and reboot the hub).</summary>
        public Action<Action> HubGuard { get; set; } = turn => turn();

        public IReadOnlyList<HanDevice> Devices => _devices;

        /// <summary>The channel the hub formed its network on, or -1 before its radio is up.</summary>
        public int Channel => HubChip.ListeningChannel;

        /// <summary>Something happened to a device worth a log line: joined, refused, left, a download step.</summary>
        public event Action<HanDevice, string> DeviceEvent;

        /// <summary>The hub's MRF24J40 driver on its chip: a fresh one at every boot, as after a reset of the board.</summary>
        public Mrf24j40 NewHubRadio() => new Mrf24j40(HubChip, HubChip.Interrupt, null);

        /// <summary>
        /// Puts the device on the air, switched on but not yet joined: a node of its role (<see cref="HanRoles"/>) on its
        /// own chip, with its OTA client. Its install code is <paramref name="spec"/>'s, else one made from its EUI-64.
        /// </summary>
        public HanDevice AddDevice(DeviceSpec spec)
        {
            byte[] code = spec.InstallCode ?? InstallCodes.FromEui(spec.Eui);
            var chip = new Mrf24j40Emulator(Medium, spec.Name);
            var radio = new Mrf24j40(chip, chip.Interrupt, null);
            NodeRole role = HanRoles.For(spec);
            var node = new ZigbeeNode(spec.Name, role, radio, Clock, new DotNetAes(), spec.Eui, InstallCodes.WithoutCrc(code),
                role == NodeRole.SleepyEndDevice ? HanRoles.JoiningPollMilliseconds : 0);
            var registration = new SmartEnergyClient(node, Clock, Authorities.IssueBoth(spec.Eui));
            var transport = new NodeOtaTransport(registration, HubEui);
            var client = new OtaClientDevice(spec, transport, Clock);
            var device = new HanDevice(spec, node, chip, registration, transport, client, code);
            node.Joined += _ => Raise(device, "joined the HAN as " + RoleName(role) + " 0x" + node.ShortAddress.ToString("X4"));
            registration.Registered += _ =>
            {
                // Once registered, a sleepy device polls when its application waits for something (the OTA client's cadence).
                if (node.Sleepy)
                {
                    node.PollMilliseconds = 0;
                }

                if (transport.DroppedBeforeRegistration > device.QueriesDroppedAtRegistration)
                {
                    device.QueriesDroppedAtRegistration = transport.DroppedBeforeRegistration;
                    client.QueryNow();
                }

                Raise(device, "registered: CBKE suite " + registration.Suite + " link key, hub time " + (registration.HubTime?.ToString("u") ?? "unknown"));
            };
            registration.Failed += (_, why) => Raise(device, "registration failed: " + why);
            node.Refused += (_, status) => Raise(device, "refused by the hub (association status 0x" + status.ToString("X2") + ")");
            client.Note += (_, text) => Raise(device, text);
            // The node's own steps while it joins (a scan that heard no parent, the key taken); once joined its routing chatter stays out of the log.
            node.Step += (_, text) =>
            {
                if (node.State != NodeState.Joined)
                {
                    Raise(device, text);
                }
            };
            Bench.OnMainLoop(node.Process);
            _devices.Add(device);
            return device;
        }

        /// <summary>Starts the device's join on the hub's channel (through <paramref name="parent"/> if given, else the best parent heard).</summary>
        public void Join(HanDevice device, ushort? parent = null) => device.Node.Join(Channel, parent);

        /// <summary>Joins a device and runs until it has joined or was refused, at most <paramref name="limit"/>; true if it joined.</summary>
        public bool JoinAndWait(HanDevice device, TimeSpan limit, ushort? parent = null)
        {
            Join(device, parent);
            Bench.RunUntil(() => device.Node.State == NodeState.Joined || device.Node.State == NodeState.Refused || device.Node.State == NodeState.Idle, limit);
            return device.Joined;
        }

        /// <summary>
        /// Routers first, so that end devices could join through them; each is waited for in turn. A device that heard
        /// no beacon (another answer collided with the hub's) or no association response scans again, as a real one does,
        /// up to <see cref="JoinAttempts"/> times.
        /// </summary>
        public void JoinAll(TimeSpan limitEach)
        {
            foreach (bool routers in new[] { true, false })
            {
                foreach (var d in _devices)
                {
                    if ((d.Node.Role == NodeRole.Router) != routers)
                    {
                        continue;
                    }

                    ushort parent = ParentFor(d);
                    for (int attempt = 0; attempt < JoinAttempts && d.Node.State != NodeState.Joined && d.Node.State != NodeState.Refused; attempt++)
                    {
                        JoinAndWait(d, limitEach, parent);
                    }

                    // As an installer commissions one device at a time: the next joins once this one has registered
                    // (the hub runs one CBKE exchange at a time; a second initiator would be sent to retry later).
                    if (d.Joined)
                    {
                        Bench.RunUntil(() => d.Registered || d.Registration.State == RegistrationState.Failed, RegistrationLimit);
                    }
                }
            }
        }

        public const int JoinAttempts = 3;

        /// <summary>
        /// The hub, or the router the device's line names (via=): then the device and the hub no longer hear each other,
        /// and the router lets it join.
        /// </summary>
        private ushort ParentFor(HanDevice d)
        {
            HanDevice router = d.Spec.Via == null ? null : Find(d.Spec.Via);
            if (router == null || !router.Joined || router.Node.Role != NodeRole.Router)
            {
                if (d.Spec.Via != null)
                {
                    Raise(d, "via=" + d.Spec.Via + " names no joined router: it joins the hub directly");
                }

                return 0x0000;
            }

            Medium.SetLoss(HubChip, d.Chip, 1.0);
            Medium.SetLoss(d.Chip, HubChip, 1.0);
            router.Node.Mac.PermitJoining = true;
            return router.Node.ShortAddress;
        }

        /// <summary>How long <see cref="JoinAll"/> waits for a joined device to register before it goes on to the next.</summary>
        public static readonly TimeSpan RegistrationLimit = TimeSpan.FromMinutes(3);

        public HanDevice Find(string name) => _devices.Find(d => d.Name == name);

        /// <summary>Runs the air, the clocks and every main loop for <paramref name="duration"/> of virtual time.</summary>
        public void Run(TimeSpan duration)
        {
            // The hub's main loop never stops on the board: over a quiet stretch it still turns at least every QuietTurnMilliseconds.
            long left = (long)duration.TotalMilliseconds;
            while (left > 0)
            {
                long step = Math.Min(left, QuietTurnMilliseconds);
                Bench.Run(TimeSpan.FromMilliseconds(step));
                left -= step;
            }
        }

        /// <summary>The keys a capture of this HAN decrypts with: the hub's network key and every device's link keys.</summary>
        public List<(byte[] Key, string Label)> CaptureKeys()
        {
            var keys = new List<(byte[], string)>();
            byte[] nwk = Hub?.Han?.Nwk.Network.NetworkKey;
            if (nwk != null)
            {
                keys.Add(((byte[])nwk.Clone(), "NWK key"));
            }

            foreach (var d in _devices)
            {
                keys.Add((d.InstallCodeLinkKey, d.Name + " install-code link key"));
                keys.Add((d.KeyTransportKey, d.Name + " key-transport key"));
                d.NoteCbkeKey(d.Registration.LinkKey);
                foreach (byte[] cbke in d.CbkeLinkKeys)
                {
                    keys.Add((cbke, d.Name + " CBKE link key"));
                }
            }

            return keys;
        }

        private ulong HubEui => Hub?.Identity.Value ?? 0;

        /// <summary>Turns of the hub's main loop so far.</summary>
        public long HubTurns { get; private set; }

        private HubFirmware _polled;
        private Action _poll;

        private void HubTurn()
        {
            var hub = Hub;
            if (hub == null)
            {
                return;
            }

            if (hub != _polled)
            {
                _polled = hub;
                _poll = hub.Poll;
            }

            HubGuard(_poll);
            HubTurns++;
        }

        private void Raise(HanDevice device, string text) => DeviceEvent?.Invoke(device, text);

        private static string RoleName(NodeRole role) => role switch
        {
            NodeRole.Router => "router",
            NodeRole.SleepyEndDevice => "sleepy end device",
            _ => "rx-on end device",
        };
    }
}
