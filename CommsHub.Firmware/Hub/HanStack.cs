using CommsHub.Aps;
using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Endpoints;
using CommsHub.Mac.Coordinator;
using CommsHub.Nwk;
using CommsHub.Platform;
using CommsHub.Security;
using CommsHub.Storage.Network;
using CommsHub.TrustCenter;
using CommsHub.Work;
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
            : this(mac, store, aes, log, clock, hub, null, null, null)
        {
        }

        /// <summary>
        /// The stack with the Smart Energy endpoint's long work (CBKE) on the hub's <paramref name="work"/> queue,
        /// charged to <paramref name="meter"/>, its ephemeral keys from <paramref name="entropy"/>.
        /// </summary>
        public HanStack(CoordinatorMac mac, NetworkStore store, IAesBlock aes, IDeviceLog log, IClock clock, ulong hub,
            WorkQueue work, WorkMeter meter, IEntropySource entropy)
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
            IEphemeralKeySource ephemeralKeys = entropy == null ? null : new EntropyEphemeralKeySource(entropy);
            SmartEnergy = new SmartEnergyEndpointServer(Aps, Nwk, TrustCentre.LinkKeys, clock,
                new KeyEstablishmentPort(clock, aes, ephemeralKeys, TrustCentre.LinkKeys));
            Ota = SmartEnergy.Ota;
            Zdo = new ZdoServer(Aps, Nwk, mac);

            // Children, their counters and link keys from flash, before the main loop lets the MAC hand up a frame.
            store.Devices.Attach(mac, Nwk.Neighbours, TrustCentre.LinkKeys, clock);
            Nwk.LeaveIndication += store.Devices.OnLeft;
            Nwk.RejoinIndication += store.Devices.OnRejoined;
            Registration = new CbkeRegistrationWatch(clock, TrustCentre.LinkKeys, NeighbourCapacity);
            Registration.Removal = TrustCentre.Leave;
            mac.ChildAssociated += Registration.OnJoined;
            SmartEnergy.KeyEstablishment.Established += Registration.OnEstablished;
            _work = work;
            KeyEstablishmentWork = new KeyEstablishmentWork(SmartEnergy.KeyEstablishment, meter == null ? new WorkMeter() : meter);
        }

        private readonly IDeviceLog _log;
        private readonly byte[] _code;
        private readonly WorkQueue _work;
        private readonly CommsHub.Security.Ecc.WorkBudget _idleBudget = new CommsHub.Security.Ecc.WorkBudget();

        /// <summary>Endpoint 1, profile 0x0109: Basic, Time, Keep-Alive, Key Establishment and OTA.</summary>
        public SmartEnergyEndpointServer SmartEnergy { get; private set; }

        /// <summary>Devices that joined and have not yet completed CBKE (<see cref="CbkeDeadlinePolicy"/>).</summary>
        public CbkeRegistrationWatch Registration { get; private set; }

        /// <summary>The open CBKE exchange's work item (queued while an exchange is open).</summary>
        public KeyEstablishmentWork KeyEstablishmentWork { get; private set; }

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
            Registration.Process();
            KeyEstablishmentPort keyEstablishment = SmartEnergy.KeyEstablishment;
            if (keyEstablishment.Computing && _work != null)
            {
                _work.Add(KeyEstablishmentWork);
            }
            else if (keyEstablishment.Busy)
            {
                // Waiting for the initiator: only its timeout to watch, no curve work.
                _idleBudget.Remaining = 0;
                keyEstablishment.Step(_idleBudget);
            }
        }
    }
}
