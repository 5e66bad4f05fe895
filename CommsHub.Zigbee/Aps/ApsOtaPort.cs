using CommsHub.Nwk;
using CommsHub.Ota.Server;

namespace CommsHub.Aps
{
    /// <summary>
    /// The OTA Upgrade cluster on the real path: ZCL frames the APS layer delivers to the Smart Energy endpoint on
    /// cluster 0x0019 go to the <see cref="OtaServer"/>, and its answers go down through APS, NWK and the MAC to the
    /// device's short address and endpoint, APS-secured with the device's link key when its own requests came so.
    /// Each device's blocks are sized from that budget (<see cref="ApsOtaBudgetPolicy"/>). The server's frame is copied
    /// once into a buffer that reserves room for every header below it; nothing is allocated per frame.
    /// </summary>
    public sealed class ApsOtaPort : IZclSender
    {
        private const int Devices = 16;

        private readonly ApsLayer _aps;
        private readonly NwkLayer _nwk;
        private readonly byte[] _frame = new byte[ApsLayer.HeaderRoom + ApsLayer.MaxPayload + ApsLayer.MicRoom];
        private readonly ulong[] _device = new ulong[Devices];
        private readonly byte[] _endpoint = new byte[Devices];
        private readonly bool[] _secured = new bool[Devices];
        private int _nextSlot;

        public ApsOtaPort(ApsLayer aps, NwkLayer nwk)
        {
            _aps = aps;
            _nwk = nwk;
            _aps.DataIndication += OnApsData;
        }

        /// <summary>Where OTA frames go; set once the image store is mounted.</summary>
        public OtaServer Server { get; set; }

        /// <summary>OTA responses that could not be sent (unknown device, frame too long, queues full).</summary>
        public int SendFailures { get; private set; }

        public void Send(ulong destination, byte[] frame, int offset, int length)
        {
            int neighbour = _nwk.Neighbours.IndexOf(destination);
            int slot = SlotOf(destination);
            bool secured = slot >= 0 && _secured[slot];
            if (neighbour < 0 || length > ApsOtaBudgetPolicy.PayloadFor(secured))
            {
                SendFailures++;
                return;
            }

            System.Array.Copy(frame, offset, _frame, ApsLayer.HeaderRoom, length);
            int handle = _aps.SendData(_nwk.Neighbours.ShortAt(neighbour), slot >= 0 ? _endpoint[slot] : SmartEnergyEndpoint.Endpoint,
                SmartEnergyEndpoint.OtaCluster, SmartEnergyEndpoint.Profile, SmartEnergyEndpoint.Endpoint, _frame, ApsLayer.HeaderRoom, length, false, secured);
            if (handle < 0)
            {
                SendFailures++;
            }
        }

        private void OnApsData(ApsHeader header, ushort source, byte[] buffer, int offset, int length)
        {
            OtaServer server = Server;
            if (server == null || header.Cluster != SmartEnergyEndpoint.OtaCluster || header.Profile != SmartEnergyEndpoint.Profile
                || header.DestinationEndpoint != SmartEnergyEndpoint.Endpoint)
            {
                return;
            }

            int neighbour = _nwk.Neighbours.IndexOfShort(source);
            if (neighbour < 0)
            {
                return;
            }

            ulong device = _nwk.Neighbours.ExtendedAt(neighbour);
            Remember(device, header.SourceEndpoint, header.Security);
            server.Receive(device, buffer, offset, length, ApsOtaBudgetPolicy.PayloadFor(header.Security));
        }

        /// <summary>The APS payload an OTA response to <paramref name="device"/> may fill, from how its latest request came.</summary>
        public int BudgetFor(ulong device)
        {
            int slot = SlotOf(device);
            return ApsOtaBudgetPolicy.PayloadFor(slot >= 0 && _secured[slot]);
        }

        private void Remember(ulong device, byte endpoint, bool secured)
        {
            int slot = SlotOf(device);
            if (slot < 0)
            {
                slot = _nextSlot;
                _nextSlot = (_nextSlot + 1) % Devices;
                _device[slot] = device;
            }

            _endpoint[slot] = endpoint;
            _secured[slot] = secured;
        }

        private int SlotOf(ulong device)
        {
            for (int i = 0; i < Devices; i++)
            {
                if (_device[i] == device)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
