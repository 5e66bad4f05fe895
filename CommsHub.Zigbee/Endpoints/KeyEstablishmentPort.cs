using CommsHub.Aps;
using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Platform;
using CommsHub.Security;
using CommsHub.Security.Ecc;
using CommsHub.TrustCenter;
using CommsHub.Zcl;

namespace CommsHub.Endpoints
{
    /// <summary>A device's link key is now the one it established by CBKE, authorised.</summary>
    public delegate void KeyEstablishedHandler(ulong device);

    /// <summary>
    /// The Key Establishment cluster (0x0800) on the Smart Energy endpoint: its KeyEstablishmentSuite attribute through
    /// the ZCL foundation commands, and its client-to-server commands through the responder
    /// (<see cref="KeyEstablishmentServer"/>), whose answers go back as server-to-client frames with the sequence
    /// number of the request they answer. The curve work runs in <see cref="Step"/>, which the hub calls from its work
    /// queue while <see cref="Busy"/>. On a confirmed exchange the device's TC link key becomes the CBKE key, marked
    /// authorised. Credentials come per suite from <see cref="Provision"/>; with none the attribute is 0 and every
    /// Initiate gets UNSUPPORTED_SUITE.
    /// </summary>
    public sealed class KeyEstablishmentPort
    {
        /// <summary>ZCL header of a server-to-client cluster command: control, sequence, command id.</summary>
        private const int HeaderLength = 3;

        private readonly IClock _clock;
        private readonly IAesBlock _aes;
        private readonly IEphemeralKeySource _ephemeralKeys;
        private readonly LinkKeyTable _linkKeys;
        private readonly ZclReader _reader = new ZclReader();
        private readonly ZclHeader _header = new ZclHeader();
        private readonly ZclWriter _writer = new ZclWriter();
        private readonly byte[] _frame = new byte[HeaderLength + KeyEstablishmentFrames.InitiateHeaderLength + ImplicitCertificate.MaxLength];
        private readonly ZclAttributeServer _attributes;
        private KeyEstablishmentIdentity _suite1;
        private KeyEstablishmentIdentity _suite2;
        private SmartEnergyEndpointServer _endpoint;
        private byte _exchangeSequence;

        public KeyEstablishmentPort(IClock clock, IAesBlock aes, IEphemeralKeySource ephemeralKeys, LinkKeyTable linkKeys)
        {
            _clock = clock;
            _aes = aes;
            _ephemeralKeys = ephemeralKeys;
            _linkKeys = linkKeys;
            Server = new KeyEstablishmentServer(clock, aes, ephemeralKeys, null, null);
            ZclValueGetter value = SuiteValue;
            _attributes = new ZclAttributeServer(KeyEstablishmentCluster.ClusterId, new ZclAttributeTable(new ZclAttribute[]
            {
                ZclAttribute.Numeric(KeyEstablishmentCluster.SuiteAttributeId, ZclDataType.Enum16, value),
            }));
        }

        /// <summary>Raised after a device's authorised key is installed.</summary>
        public event KeyEstablishedHandler Established;

        public KeyEstablishmentServer Server { get; private set; }

        /// <summary>Whether the WAN has set the clock (suite 2 certificate validity); read before every message.</summary>
        public bool ClockTrusted { get; set; }

        /// <summary>True while an exchange is open: its timeouts need <see cref="Step"/> every turn.</summary>
        public bool Busy
        {
            get { return !Server.IsIdle; }
        }

        /// <summary>True while the exchange has curve work or its derivation to do: <see cref="Step"/> with a curve budget.</summary>
        public bool Computing
        {
            get { return Server.IsComputing; }
        }

        /// <summary>Exchanges that ended with an authorised key installed.</summary>
        public int KeysInstalled { get; private set; }

        /// <summary>Established keys the link key table could not take (full).</summary>
        public int KeysLost { get; private set; }

        /// <summary>Terminates the hub sent, and the status of the last one.</summary>
        public int TerminatesSent { get; private set; }

        public byte LastTerminateStatus { get; private set; }

        /// <summary>Why the last Key Establishment frame was refused, or null.</summary>
        public string LastFailure { get; private set; }

        internal void Attach(SmartEnergyEndpointServer endpoint)
        {
            _endpoint = endpoint;
        }

        /// <summary>
        /// Takes the hub's credentials for a suite (null removes them); an exchange in progress is dropped, since its
        /// engine goes with the old credentials.
        /// </summary>
        public void Provision(ushort suite, KeyEstablishmentIdentity identity)
        {
            if (suite == KeyEstablishmentSuite.Suite1)
            {
                _suite1 = identity;
            }
            else if (suite == KeyEstablishmentSuite.Suite2)
            {
                _suite2 = identity;
            }

            Server = new KeyEstablishmentServer(_clock, _aes, _ephemeralKeys, _suite1, _suite2);
        }

        /// <summary>A ZCL frame from <paramref name="device"/> on cluster 0x0800.</summary>
        public void Receive(ulong device, byte[] buffer, int offset, int length)
        {
            LastFailure = null;
            _reader.Reset(buffer, offset, length);
            if (!_header.Decode(_reader))
            {
                LastFailure = "unreadable ZCL header: " + _reader.Failure;
                return;
            }

            if (_header.FrameType == ZclHeader.FrameTypeGlobal)
            {
                int answer = _attributes.Handle(buffer, offset, length, _frame, 0, _frame.Length);
                LastFailure = _attributes.LastRejection;
                if (answer > 0)
                {
                    _endpoint.Send(device, KeyEstablishmentCluster.ClusterId, _frame, 0, answer);
                }

                return;
            }

            if (_header.ServerToClient || _header.ManufacturerSpecific)
            {
                // The hub is never a Key Establishment client; a manufacturer's commands are not the cluster's.
                LastFailure = _header.ServerToClient ? "Key Establishment: a server-to-client command sent to the server" : "Key Establishment: manufacturer-specific command";
                return;
            }

            if (device == Server.Peer || Server.IsIdle)
            {
                _exchangeSequence = _header.Sequence;
            }

            Server.ClockTrusted = ClockTrusted;
            int payload = _reader.Position;
            bool answered = Server.Receive(device, _header.CommandId, buffer, payload, offset + length - payload);
            LastFailure = Server.LastFailure;
            if (answered)
            {
                SendOutput(_header.Sequence);
            }
        }

        /// <summary>
        /// One slice of the open exchange's work within <paramref name="budget"/>; sends what it produces. With an
        /// empty budget it only ends an exchange whose initiator has gone quiet.
        /// </summary>
        public void Step(WorkBudget budget)
        {
            Server.ClockTrusted = ClockTrusted;
            if (Server.Step(budget))
            {
                SendOutput(_exchangeSequence);
            }

            if (Server.LastFailure != null)
            {
                LastFailure = Server.LastFailure;
            }
        }

        private void SendOutput(byte sequence)
        {
            KeyEstablishmentOutput output = Server.Output;
            if (output.CommandId == KeyEstablishmentCluster.TerminateKeyEstablishment)
            {
                TerminatesSent++;
                LastTerminateStatus = output.TerminateStatus;
            }

            _writer.Reset(_frame, 0);
            ZclHeader.Encode(_writer, ZclHeader.FrameTypeClusterSpecific, true, true, sequence, output.CommandId);
            System.Array.Copy(output.Payload, 0, _frame, HeaderLength, output.Length);
            _endpoint.Send(output.Destination, KeyEstablishmentCluster.ClusterId, _frame, 0, HeaderLength + output.Length);

            // The Confirm Key Response went out under the old key; from now the device uses the new one.
            EstablishedLinkKey key = Server.TakeEstablished();
            if (key != null)
            {
                Install(key);
            }
        }

        private void Install(EstablishedLinkKey key)
        {
            if (_linkKeys == null || _linkKeys.Put(key.Device, key.Key, 0, key.Authorised) < 0)
            {
                KeysLost++;
                LastFailure = "link key table: full, the established key was not kept";
                return;
            }

            KeysInstalled++;
            KeyEstablishedHandler handler = Established;
            if (handler != null)
            {
                handler(key.Device);
            }
        }

        private uint SuiteValue(ushort attributeId)
        {
            return Server.SuiteAttribute;
        }
    }
}
