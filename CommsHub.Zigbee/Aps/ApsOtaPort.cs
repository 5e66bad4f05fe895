using CommsHub.Endpoints;
using CommsHub.Ota.Server;

namespace CommsHub.Aps
{
    /// <summary>
    /// The OTA Upgrade cluster on the real path: the Smart Energy endpoint hands it the ZCL frames for cluster 0x0019,
    /// which go to the <see cref="OtaServer"/>, and its answers go back through the endpoint (APS, NWK, MAC) to the
    /// device, APS-secured when its link key is authorised or its own requests came APS-secured; each device's blocks
    /// are sized from the APS layer's real budget to it (<see cref="ApsLayer.MaxPayloadTo"/>). Nothing is allocated per frame.
    /// </summary>
    public sealed class ApsOtaPort : IZclSender
    {
        private readonly SmartEnergyEndpointServer _endpoint;

        public ApsOtaPort(SmartEnergyEndpointServer endpoint)
        {
            _endpoint = endpoint;
        }

        /// <summary>Where OTA frames go; set once the image store is mounted.</summary>
        public OtaServer Server { get; set; }

        /// <summary>OTA responses that could not be sent (unknown device, frame too long, queues full).</summary>
        public int SendFailures { get; private set; }

        public void Send(ulong destination, byte[] frame, int offset, int length)
        {
            if (!_endpoint.Send(destination, SmartEnergyEndpoint.OtaCluster, frame, offset, length))
            {
                SendFailures++;
            }
        }

        /// <summary>The APS payload an OTA response to <paramref name="device"/> may fill.</summary>
        public int BudgetFor(ulong device)
        {
            return _endpoint.Capacity(device, SmartEnergyEndpoint.OtaCluster);
        }

        /// <summary>A ZCL frame from <paramref name="device"/> on the OTA cluster; answers fit in <paramref name="capacity"/> bytes.</summary>
        public void Receive(ulong device, byte[] buffer, int offset, int length, int capacity)
        {
            OtaServer server = Server;
            if (server != null)
            {
                server.Receive(device, buffer, offset, length, capacity);
            }
        }
    }
}
