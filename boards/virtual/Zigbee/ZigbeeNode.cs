using System;
using CommsHub.Aps;
using CommsHub.Nwk;
using CommsHub.Platform;
using CommsHub.Radio;
using CommsHub.Security;

namespace CommsHub.VirtualBoard.Zigbee
{
    /// <summary>Where a node is in joining.</summary>
    public enum NodeState
    {
        Idle,
        Scanning,
        Associating,
        WaitingForKey,
        Joined,
        Refused,
    }

    /// <summary>
    /// An emulated Zigbee PRO device on the emulated radio, the way another vendor's meter or PPMID behaves: it scans,
    /// associates with a parent, takes the network key only from a Transport-Key under the key-transport key of its
    /// install-code link key, announces itself with Device_annce, then exchanges NWK-secured data, answering APS acks.
    /// A sleepy end device polls its parent on a period. A router also takes children and relays for them
    /// (<see cref="RouterRelay"/>). The application seam: <see cref="SendZcl"/> and <see cref="ZclReceived"/>.
    /// </summary>
    public sealed class ZigbeeNode
    {
        /// <summary>How long the node listens for beacons after its Beacon Request.</summary>
        public const long ScanMilliseconds = 100;

        public const ushort ZdoProfile = 0x0000;
        public const ushort DeviceAnnceCluster = 0x0013;

        private readonly IClock _clock;
        private readonly NwkHeader _rxNwk = new();
        private readonly ApsHeader _rxAps = new();
        private ClockTimer _pollTimer;
        private byte _zdoSequence;
        private int _channel;
        private ushort? _wantedParent;

        public ZigbeeNode(string name, NodeRole role, IRadio radio, IClock clock, IAesBlock aes, ulong eui, byte[] installCode, long pollMilliseconds = 500)
        {
            Name = name;
            Role = role;
            _clock = clock;
            Eui = eui;
            PollMilliseconds = pollMilliseconds;
            byte[] linkKey = new byte[16];
            string problem = new InstallCode(aes).DeriveFromCode(installCode, 0, installCode.Length, linkKey, 0);
            if (problem != null)
            {
                throw new ArgumentException(problem, nameof(installCode));
            }

            Mac = new NodeMac(radio, clock, eui, role == NodeRole.SleepyEndDevice, role == NodeRole.Router);
            Nwk = new NodeNwk(aes, eui, role != NodeRole.Router);
            Aps = new NodeAps(aes, eui, linkKey);
            Mac.DataReceived += OnMacData;
            Mac.Associated += OnAssociated;
            if (role == NodeRole.Router)
            {
                Relay = new RouterRelay(this);
            }
        }

        public string Name { get; }

        public NodeRole Role { get; }

        public ulong Eui { get; }

        public long PollMilliseconds { get; set; }

        public NodeMac Mac { get; }

        public NodeNwk Nwk { get; }

        public NodeAps Aps { get; }

        /// <summary>A router's relaying; null on an end device.</summary>
        public RouterRelay Relay { get; }

        public NodeState State { get; private set; }

        public ushort ShortAddress => Mac.ShortAddress;

        public bool Sleepy => Role == NodeRole.SleepyEndDevice;

        /// <summary>False while the device is switched off: it neither sends nor runs its MAC; its network state stays.</summary>
        public bool PoweredOn { get; private set; } = true;

        public int AcksSent { get; private set; }

        public int DataFramesSent { get; private set; }

        /// <summary>The node joined: it holds the network key and has announced itself.</summary>
        public event Action<ZigbeeNode> Joined;

        /// <summary>The parent refused the association: its status.</summary>
        public event Action<ZigbeeNode, byte> Refused;

        /// <summary>ZCL (or any non-ZDO) data for this node: source endpoint, cluster, profile, the ZCL frame.</summary>
        public event Action<ZigbeeNode, byte, ushort, ushort, byte[]> ZclReceived;

        /// <summary>ZDO frames for this node: cluster and the ZDO payload.</summary>
        public event Action<ZigbeeNode, ushort, byte[]> ZdoReceived;

        /// <summary>Every NWK command the node received for itself, opened (for the router and for tests).</summary>
        public event Action<ZigbeeNode, NwkHeader, byte[]> NwkCommandReceived;

        public event Action<ZigbeeNode, string> Step;

        /// <summary>Scans <paramref name="channel"/> and associates with <paramref name="parent"/>, or the first parent that permits joining.</summary>
        public void Join(int channel, ushort? parent = null)
        {
            _channel = channel;
            _wantedParent = parent;
            Mac.Start(channel);
            State = NodeState.Scanning;
            Mac.SendBeaconRequest();
            _clock.StartTimer(ScanMilliseconds, _ => ChooseParent(), null);
        }

        /// <summary>Runs once per main-loop turn.</summary>
        public void Process()
        {
            if (PoweredOn)
            {
                Mac.Process();
            }
        }

        /// <summary>Switched off: the node keeps its address, keys and counters (as a device's NVM does) and resumes with them.</summary>
        public void PowerOff() => PoweredOn = false;

        public void PowerOn() => PoweredOn = true;

        /// <summary>
        /// Leaves the network of its own accord: a NWK Leave command (no request bit, no rejoin) to its parent, then it
        /// forgets the network key, as a device does when told to leave by its user.
        /// </summary>
        public void Leave()
        {
            if (State != NodeState.Joined)
            {
                return;
            }

            SendNwk(Mac.ParentShortAddress, Nwk.Build(Mac.ParentShortAddress, new byte[] { LeaveCommandId, 0x00 }, NwkFrameType.Command, radius: 1));
            State = NodeState.Idle;
            _pollTimer?.Cancel();
            Note("left the network");
        }

        /// <summary>NWK command identifier of Leave (Zigbee specification 3.4.4).</summary>
        public const byte LeaveCommandId = 0x04;

        /// <summary>Sends a ZCL frame to the hub (or <paramref name="destination"/>) under NWK security.</summary>
        public void SendZcl(byte destinationEndpoint, ushort cluster, ushort profile, byte sourceEndpoint, byte[] zcl, bool ackRequest = false, ushort destination = 0x0000, bool apsSecurity = false)
        {
            byte[] aps = Aps.BuildData(destinationEndpoint, cluster, profile, sourceEndpoint, zcl, ackRequest, apsSecurity: apsSecurity);
            Relay?.BeforeOwnFrame(destination);
            SendNwk(destination, Nwk.Build(destination, aps));
        }

        /// <summary>
        /// Sends a ZDO request (<paramref name="zdo"/> starts with its transaction sequence number) to
        /// <paramref name="destination"/>: unicast, or broadcast to every rx-on-when-idle device (0xFFFD).
        /// </summary>
        public void SendZdo(ushort cluster, byte[] zdo, ushort destination = 0x0000)
        {
            bool broadcast = destination >= 0xFFF8;
            byte[] aps = Aps.BuildData(0, cluster, ZdoProfile, 0, zdo, ackRequest: false, broadcast: broadcast);
            Relay?.BeforeOwnFrame(destination);
            byte[] nwk = Nwk.Build(destination, aps);
            if (broadcast)
            {
                // An end device gives every frame to its parent; a router broadcasts.
                DataFramesSent++;
                Mac.SendData(Relay != null ? (ushort)0xFFFF : Mac.ParentShortAddress, nwk);
                return;
            }

            SendNwk(destination, nwk);
        }

        /// <summary>A Data Request to the parent now (a sleepy device also polls on its own period).</summary>
        public void Poll()
        {
            if (PoweredOn && Mac.ShortAddress != 0xFFFF)
            {
                Mac.Poll();
            }
        }

        /// <summary>Hands a NWK frame to the MAC for its next hop: an end device's parent, a router's route.</summary>
        internal void SendNwk(ushort destination, byte[] nwkFrame)
        {
            if (!PoweredOn)
            {
                return;
            }

            ushort nextHop = Relay != null ? Relay.NextHop(destination) : Mac.ParentShortAddress;
            DataFramesSent++;
            Mac.SendData(nextHop, nwkFrame);
        }

        internal void Note(string what) => Step?.Invoke(this, what);

        private void ChooseParent()
        {
            HeardBeacon chosen = null;
            foreach (var b in Mac.Beacons)
            {
                if (_wantedParent.HasValue ? b.Source == _wantedParent.Value : b.Beacon.AssociationPermit && (chosen == null || b.Beacon.PanCoordinator))
                {
                    chosen = b;
                }
            }

            if (chosen == null)
            {
                Note("no parent heard on channel " + _channel);
                State = NodeState.Idle;
                return;
            }

            Mac.ExtendedPanId = chosen.Beacon.ExtendedPanId;
            State = NodeState.Associating;
            Mac.RequestAssociation(chosen.PanId, chosen.Source);
        }

        private void OnAssociated(byte status)
        {
            if (status != 0)
            {
                State = NodeState.Refused;
                Note("refused at association, status " + status);
                Refused?.Invoke(this, status);
                return;
            }

            Nwk.ShortAddress = Mac.ShortAddress;
            State = NodeState.WaitingForKey;
            if (Sleepy && PollMilliseconds > 0)
            {
                _pollTimer = _clock.StartTimer(PollMilliseconds, PollTick, null);
            }
        }

        private void PollTick(object state)
        {
            Poll();
            // Zero hands polling to the application (an OTA client that polls fast only while it waits for answers).
            if (PollMilliseconds > 0 && State != NodeState.Idle)
            {
                _pollTimer = _clock.StartTimer(PollMilliseconds, PollTick, null);
            }
        }

        private void OnMacData(ushort macSource, byte[] msdu)
        {
            if (Relay != null && Relay.Intercept(macSource, msdu))
            {
                return;
            }

            Deliver(msdu);
        }

        /// <summary>A NWK frame for this node (or one a router relays and also reads, a broadcast).</summary>
        internal void Deliver(byte[] msdu)
        {
            byte[] payload = Nwk.Open(msdu, _rxNwk);
            if (payload == null)
            {
                return;
            }

            if (_rxNwk.Destination != ShortAddress && _rxNwk.Destination < 0xFFF8)
            {
                return;
            }

            if (_rxNwk.FrameType == NwkFrameType.Command)
            {
                NwkCommandReceived?.Invoke(this, _rxNwk, payload);
                return;
            }

            ushort source = _rxNwk.Source;
            switch (Aps.Receive(source, payload, _rxAps, out byte[] asdu, out byte keySequence, _rxNwk.Auxiliary.Source))
            {
                case ApsReceivedKind.NetworkKey:
                    if (State == NodeState.WaitingForKey)
                    {
                        Nwk.SetNetworkKey(asdu, keySequence);
                        State = NodeState.Joined;
                        Note("network key taken from the Transport-Key");
                        Announce();
                        Joined?.Invoke(this);
                    }

                    return;
                case ApsReceivedKind.Command:
                    Relay?.OnApsCommand(asdu);
                    return;
                case ApsReceivedKind.Duplicate:
                    AckIfAsked(source);
                    return;
                case ApsReceivedKind.Data:
                    AckIfAsked(source);
                    if (_rxAps.Profile == ZdoProfile)
                    {
                        ZdoReceived?.Invoke(this, _rxAps.Cluster, asdu);
                    }
                    else
                    {
                        ZclReceived?.Invoke(this, _rxAps.SourceEndpoint, _rxAps.Cluster, _rxAps.Profile, asdu);
                    }

                    return;
            }
        }

        /// <summary>A router tells the trust centre a child joined it (Update-Device, status 1: standard device, unsecured join).</summary>
        internal void SendUpdateDevice(ulong child, ushort childShort)
        {
            var command = new ApsCommand { CommandId = ApsCommandId.UpdateDevice, DestinationIeee = child, ShortAddress = childShort, Status = 0x01 };
            byte[] aps = Aps.BuildSecuredCommand(command);
            Relay?.BeforeOwnFrame(0x0000);
            SendNwk(0x0000, Nwk.Build(0x0000, aps));
        }

        private void AckIfAsked(ushort source)
        {
            if (_rxAps.AckRequest && _rxAps.FrameType == ApsFrameType.Data)
            {
                AcksSent++;
                SendNwk(source, Nwk.Build(source, Aps.BuildAck(_rxAps)));
            }
        }

        /// <summary>Device_annce (ZDO 0x0013) broadcast to every rx-on-when-idle device: address, EUI-64, capability.</summary>
        private void Announce()
        {
            byte capability = (byte)(0x80
                | (Sleepy ? 0 : 0x08 | 0x04)
                | (Role == NodeRole.Router ? 0x02 : 0));
            byte[] zdo = new byte[12];
            zdo[0] = _zdoSequence++;
            LittleEndian.PutU16(zdo, 1, ShortAddress);
            LittleEndian.PutU64(zdo, 3, Eui);
            zdo[11] = capability;
            byte[] aps = Aps.BuildData(0, DeviceAnnceCluster, ZdoProfile, 0, zdo, ackRequest: false, broadcast: true);
            byte[] nwk = Nwk.Build(0xFFFD, aps);
            DataFramesSent++;
            // An end device gives every frame to its parent; a router broadcasts.
            Mac.SendData(Relay != null ? (ushort)0xFFFF : Mac.ParentShortAddress, nwk);
        }
    }
}
