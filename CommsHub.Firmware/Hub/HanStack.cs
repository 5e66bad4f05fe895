using CommsHub.Aps;
using CommsHub.Mac.Coordinator;
using CommsHub.Nwk;
using CommsHub.Platform;
using CommsHub.Security;
using CommsHub.Storage.Network;
using CommsHub.TrustCenter;
using CommsHub.Zdo;

namespace CommsHub.Hub
{
    /// <summary>
    /// The Zigbee layers the hub runs on top of its coordinator MAC: NWK with the network from the store, the trust
    /// centre, APS and the OTA cluster's port. Built once per MAC, since each layer subscribes to the one below.
    /// </summary>
    public sealed class HanStack
    {
        /// <summary>Neighbours the NWK layer tracks: the MAC's child table holds 32.</summary>
        public const int NeighbourCapacity = 32;

        public HanStack(CoordinatorMac mac, NetworkStore store, IAesBlock aes, IDeviceLog log, IClock clock, ulong hub)
        {
            Store = store;
            Nwk = new NwkLayer(mac, aes, store, store.Network, hub, NeighbourCapacity, clock);
            TrustCentre = new TrustCentre(mac, Nwk, aes, log, clock, store);
            Aps = new ApsLayer(Nwk, aes, TrustCentre.LinkKeys, store, clock);
            TrustCentre.Attach(Aps);
            TrustCentre.KeyStore = new StoredNetworkKey(store);
            TrustCentre.Leave = new NwkLeave(Nwk);
            _log = log;
            _code = new byte[InstallCode.MaxLength];
            Nwk.RejoinAdmission = AdmitRejoin;
            Nwk.RejoinIndication += TrustCentre.OnRejoin;
            Ota = new ApsOtaPort(Aps, Nwk);
            Zdo = new ZdoServer(Aps, Nwk, mac);

            // Children, their counters and link keys from flash, before the main loop lets the MAC hand up a frame.
            store.Devices.Attach(mac, Nwk.Neighbours, TrustCentre.LinkKeys, clock);
        }

        private readonly IDeviceLog _log;
        private readonly byte[] _code;

        public ZdoServer Zdo { get; private set; }

        public NetworkStore Store { get; private set; }

        public NwkLayer Nwk { get; private set; }

        public TrustCentre TrustCentre { get; private set; }

        public ApsLayer Aps { get; private set; }

        public ApsOtaPort Ota { get; private set; }

        /// <summary>Only a device the Device Log still lists may rejoin; the trust centre then decides about its key.</summary>
        private bool AdmitRejoin(ulong device)
        {
            return _log.InstallCodeOf(device, _code) > 0;
        }

        public void Process()
        {
            Nwk.Process();
            TrustCentre.Process();
            Aps.Process();
        }
    }
}
