using System;
using System.Linq;
using CommsHub.Radio.Mrf24j40;
using CommsHub.VirtualBoard.Bench;
using CommsHub.VirtualBoard.Radio;
using CommsHub.VirtualBoard.Zigbee;

namespace CommsHub.VirtualBoard.Han
{
    /// <summary>
    /// One emulated GB device on the virtual HAN: a Zigbee node of its role on its own emulated MRF24J40, and the OTA
    /// client that reaches the hub only through that node's APS, NWK and MAC.
    /// </summary>
    public sealed class HanDevice
    {
        internal HanDevice(DeviceSpec spec, ZigbeeNode node, Mrf24j40Emulator chip, SmartEnergyClient registration, NodeOtaTransport transport, OtaClientDevice client, byte[] installCode)
        {
            Spec = spec;
            Node = node;
            Registration = registration;
            // Every key a capture needs: a device that registers again (after a hub reboot) holds a new one. The client
            // raises Registered before it stores its LinkKey, so the node's APS link key (the CBKE key by then) is read.
            registration.Registered += _ => NoteCbkeKey(node.Aps.LinkKey);
            Chip = chip;
            Transport = transport;
            Client = client;
            InstallCode = installCode;
        }

        public DeviceSpec Spec { get; }

        public string Name => Spec.Name;

        public ulong Eui => Spec.Eui;

        public ZigbeeNode Node { get; }

        public Mrf24j40Emulator Chip { get; }

        /// <summary>The device's Smart Energy registration: CBKE with the hub, then the OTA and Time servers found.</summary>
        public SmartEnergyClient Registration { get; }

        internal void NoteCbkeKey(byte[] key)
        {
            if (key != null && !key.AsSpan().SequenceEqual(InstallCodeLinkKey) && !CbkeLinkKeys.Exists(k => k.AsSpan().SequenceEqual(key)))
            {
                CbkeLinkKeys.Add((byte[])key.Clone());
            }
        }

        /// <summary>Every link key CBKE gave the device in this run.</summary>
        public System.Collections.Generic.List<byte[]> CbkeLinkKeys { get; } = new();

        public bool Registered => Registration.State == RegistrationState.Registered;

        /// <summary>OTA frames the transport had dropped (not registered yet) when the device last registered.</summary>
        internal int QueriesDroppedAtRegistration { get; set; }

        public NodeOtaTransport Transport { get; }

        public OtaClientDevice Client { get; }

        /// <summary>As listed in the Device Log (with its CRC when the label carries one).</summary>
        public byte[] InstallCode { get; }

        /// <summary>The link key the node derived from its install code.</summary>
        public byte[] InstallCodeLinkKey => Node.Aps.InstallCodeKey;

        /// <summary>The key the trust centre's Transport-Key to this device is secured with (hashed from the install-code key).</summary>
        public byte[] KeyTransportKey
        {
            get
            {
                byte[] key = new byte[16];
                new CommsHub.Security.KeyedHash(new CommsHub.VirtualBoard.Crypto.DotNetAes()).KeyTransportKey(InstallCodeLinkKey, 0, key, 0);
                return key;
            }
        }

        public bool Joined => Node.State == NodeState.Joined;

        /// <summary>Switched off: no radio, no application; address, keys and counters are kept for when it comes back.</summary>
        public void PowerOff()
        {
            Client.PowerOff();
            Node.PowerOff();
            Chip.PoweredOff = true;
        }

        public void PowerOn()
        {
            Chip.PoweredOff = false;
            Node.PowerOn();
            Client.PowerOn();
        }

        /// <summary>The device leaves the network (NWK Leave to its parent) and its OTA client stops for good.</summary>
        public void Leave()
        {
            Node.Leave();
            Client.LeaveNetwork();
        }
    }
}
