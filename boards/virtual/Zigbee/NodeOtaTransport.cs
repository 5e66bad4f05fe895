using System;
using CommsHub.VirtualBoard.Bench;

namespace CommsHub.VirtualBoard.Zigbee
{
    /// <summary>
    /// An OTA client on an emulated Zigbee node: its ZCL frames go to the hub's Smart Energy endpoint through the
    /// node's APS, NWK (secured) and MAC on the radio, and the OTA cluster frames the node receives come back to it.
    /// Over a <see cref="SmartEnergyClient"/> the frames go APS-secured under the CBKE key once the device has
    /// registered, and the client's sends before that are dropped: a real device does not query before it is
    /// registered.
    /// </summary>
    public sealed class NodeOtaTransport : IOtaClientTransport
    {
        public const ushort OtaCluster = 0x0019;
        public const ushort SmartEnergyProfile = 0x0109;

        /// <summary>The Smart Energy endpoint on both sides (the hub's is SmartEnergyEndpoint.Endpoint).</summary>
        public const byte Endpoint = 1;

        private readonly ZigbeeNode _node;
        private readonly SmartEnergyClient _client;
        private readonly ulong _hub;
        private OtaClientDevice _device;

        public NodeOtaTransport(ZigbeeNode node, ulong hubEui)
        {
            _node = node;
            _hub = hubEui;
        }

        /// <summary>Over a registering Smart Energy device: nothing goes out before it is registered, then all under its CBKE key.</summary>
        public NodeOtaTransport(SmartEnergyClient client, ulong hubEui)
        {
            _client = client ?? throw new ArgumentException("client: a Smart Energy client is needed");
            _node = client.Node;
            _hub = hubEui;
        }

        /// <summary>Secure the client's frames at APS with the node's link key too (node transport only; over a client, always once registered).</summary>
        public bool ApsSecurity { get; set; }

        public int FramesSent { get; private set; }

        public int FramesReceived { get; private set; }

        /// <summary>The OTA client's frames dropped because the device had not registered yet.</summary>
        public int DroppedBeforeRegistration { get; private set; }

        public void Attach(OtaClientDevice device)
        {
            _device = device;
            if (_client != null)
            {
                _client.ZclReceived += OnClientZcl;
            }
            else
            {
                _node.ZclReceived += OnZcl;
            }
        }

        public void Detach(OtaClientDevice device)
        {
            if (_client != null)
            {
                _client.ZclReceived -= OnClientZcl;
            }
            else
            {
                _node.ZclReceived -= OnZcl;
            }

            _device = null;
        }

        public void Send(OtaClientDevice device, byte[] zcl)
        {
            if (_client != null)
            {
                if (_client.State != RegistrationState.Registered || _node.State != NodeState.Joined)
                {
                    DroppedBeforeRegistration++;
                    return;
                }

                FramesSent++;
                _client.SendZcl(OtaCluster, zcl);
                return;
            }

            if (_node.State != NodeState.Joined)
            {
                return;
            }

            FramesSent++;
            _node.SendZcl(Endpoint, OtaCluster, SmartEnergyProfile, Endpoint, zcl, apsSecurity: ApsSecurity);
        }

        public void Poll(OtaClientDevice device) => _node.Poll();

        private void OnZcl(ZigbeeNode node, byte sourceEndpoint, ushort cluster, ushort profile, byte[] zcl)
        {
            if (cluster == OtaCluster && profile == SmartEnergyProfile && _device != null)
            {
                FramesReceived++;
                _device.Receive(_hub, zcl);
            }
        }

        private void OnClientZcl(SmartEnergyClient client, ushort cluster, byte[] zcl)
        {
            if (cluster == OtaCluster && _device != null)
            {
                FramesReceived++;
                _device.Receive(_hub, zcl);
            }
        }
    }
}
