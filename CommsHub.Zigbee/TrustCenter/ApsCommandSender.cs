using CommsHub.Aps;
using CommsHub.Nwk;
using CommsHub.Security;

namespace CommsHub.TrustCenter
{
    /// <summary>
    /// Builds, secures and sends the trust centre's APS commands (Zigbee specification 4.4.10): the command payload is
    /// written once into a buffer that keeps room for every header below it, the APS header (with the auxiliary header:
    /// key id, extended nonce with the hub's EUI-64, a frame counter that never repeats) goes in front, and the frame is
    /// secured in place with the link key itself (key id data) or a key hashed from it (key-transport, key-load).
    /// The NWK frame is secured with the network key unless the device has none yet. Nothing is allocated per frame.
    /// </summary>
    public sealed class ApsCommandSender
    {
        /// <summary>No APS security (Switch-Key and Tunnel carry only NWK security).</summary>
        public const int NoApsSecurity = -1;

        /// <summary>Returned when no fresh frame counter could be had for the APS auxiliary header.</summary>
        public const int SendNoFrameCounter = -20;

        /// <summary>Returned when the secured command does not fit one frame.</summary>
        public const int SendTooLong = -21;

        /// <summary>Outer APS header of a Tunnel (control, counter), its command id and destination EUI-64.</summary>
        private const int TunnelPrefix = 2 + 1 + 8;

        private readonly NwkLayer _nwk;
        private readonly INwkFrameCounter _counter;
        private readonly KeyedHash _keyedHash;
        private readonly FrameSecurity _security;
        private readonly ApsHeader _aps = new ApsHeader();
        private readonly ApsHeader _outer = new ApsHeader();
        private readonly byte[] _hashed = new byte[16];
        private readonly byte[] _frame = new byte[NwkLayer.HeaderRoom + NwkLayer.MacPayloadMax];
        private byte _apsCounter;

        public ApsCommandSender(NwkLayer nwk, IAesBlock aes, INwkFrameCounter counter)
        {
            _nwk = nwk;
            _counter = counter;
            _keyedHash = new KeyedHash(aes);
            _security = new FrameSecurity(aes);
        }

        /// <summary>Commands handed to the NWK layer.</summary>
        public int Sent { get; private set; }

        /// <summary>
        /// Sends <paramref name="command"/> to <paramref name="destination"/> (a NWK short address). With
        /// <paramref name="keyId"/> data, key-transport or key-load the APS frame is secured with that key of the link
        /// key at <paramref name="linkKey"/>[<paramref name="keyOffset"/>]; with <see cref="NoApsSecurity"/> it is not.
        /// Returns the MAC handle, or a negative NwkLayer.Send... or Send... value of this class.
        /// </summary>
        public int Send(ushort destination, ApsCommand command, byte[] linkKey, int keyOffset, int keyId, bool nwkSecurity)
        {
            int start = NwkLayer.HeaderRoom;
            int length = Build(command, linkKey, keyOffset, keyId, start);
            if (length < 0)
            {
                return length;
            }

            return Hand(destination, start, length, nwkSecurity);
        }

        /// <summary>
        /// Sends <paramref name="command"/> for <paramref name="device"/> inside an APS Tunnel command to the router
        /// <paramref name="router"/> that is its parent (Zigbee specification 4.4.10.8): the tunnelled frame is secured
        /// under <paramref name="keyId"/> of the device's link key, the Tunnel itself only with NWK security.
        /// </summary>
        public int SendTunnelled(ushort router, ulong device, ApsCommand command, byte[] linkKey, int keyOffset, int keyId)
        {
            int start = NwkLayer.HeaderRoom;
            int length = Build(command, linkKey, keyOffset, keyId, start + TunnelPrefix);
            if (length < 0)
            {
                return length;
            }

            _outer.FrameType = ApsFrameType.Command;
            _outer.DeliveryMode = ApsFrameType.Unicast;
            _outer.AckFormat = false;
            _outer.AckRequest = false;
            _outer.ExtendedHeader = false;
            _outer.Security = false;
            _outer.Counter = _apsCounter++;
            ApsFrameCodec.EncodeHeader(_outer, _frame, start);
            _frame[start + 2] = ApsCommandId.Tunnel;
            CommsHub.Platform.LittleEndian.PutU64(_frame, start + 3, device);
            return Hand(router, start, TunnelPrefix + length, true);
        }

        private int Build(ApsCommand command, byte[] linkKey, int keyOffset, int keyId, int start)
        {
            _aps.FrameType = ApsFrameType.Command;
            _aps.DeliveryMode = ApsFrameType.Unicast;
            _aps.AckFormat = false;
            _aps.AckRequest = false;
            _aps.ExtendedHeader = false;
            _aps.Security = keyId != NoApsSecurity;
            _aps.Counter = _apsCounter++;
            if (_aps.Security)
            {
                uint frameCounter;
                if (!_counter.TryNext(out frameCounter))
                {
                    return SendNoFrameCounter;
                }

                _aps.Auxiliary.Level = 0;
                _aps.Auxiliary.KeyId = keyId;
                _aps.Auxiliary.ExtendedNonce = true;
                _aps.Auxiliary.Source = _nwk.HubEui64;
                _aps.Auxiliary.FrameCounter = frameCounter;
            }

            int headerLength = ApsFrameCodec.HeaderLength(_aps);
            int payloadLength = ApsCommandCodec.Encode(command, _frame, start + headerLength);
            ApsFrameCodec.EncodeHeader(_aps, _frame, start);
            if (!_aps.Security)
            {
                return headerLength + payloadLength;
            }

            if (keyId == AuxiliaryHeader.KeyIdKeyTransport)
            {
                _keyedHash.KeyTransportKey(linkKey, keyOffset, _hashed, 0);
                _security.SetKey(_hashed, 0);
            }
            else if (keyId == AuxiliaryHeader.KeyIdKeyLoad)
            {
                _keyedHash.KeyLoadKey(linkKey, keyOffset, _hashed, 0);
                _security.SetKey(_hashed, 0);
            }
            else
            {
                _security.SetKey(linkKey, keyOffset);
            }

            int length = _security.Secure(_frame, start, headerLength, payloadLength, _aps.Auxiliary, _nwk.HubEui64);
            return length < 0 ? SendTooLong : length;
        }

        private int Hand(ushort destination, int start, int length, bool nwkSecurity)
        {
            if (start + length + NwkLayer.MicRoom > _frame.Length)
            {
                return SendTooLong;
            }

            int handle = nwkSecurity ? _nwk.SendData(destination, _frame, start, length) : _nwk.SendUnsecured(destination, _frame, start, length);
            if (handle >= 0)
            {
                Sent++;
            }

            return handle;
        }

        /// <summary>Why a send failed, in words, for the console and the head-end.</summary>
        public static string Describe(int result)
        {
            switch (result)
            {
                case SendNoFrameCounter: return "no fresh frame counter";
                case SendTooLong: return "the command does not fit one frame";
                case NwkLayer.SendUnknownDestination: return "the destination is not a neighbour";
                case NwkLayer.SendNoFrameCounter: return "no fresh NWK frame counter";
                case NwkLayer.SendTooLong: return "the frame is too long for the NWK layer";
                default: return "the NWK layer refused it (" + result.ToString() + ")";
            }
        }
    }
}
