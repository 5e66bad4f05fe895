using CommsHub.Hub;
using CommsHub.Mac;
using CommsHub.Mac.Coordinator;
using CommsHub.Nwk;
using CommsHub.Security;
using CommsHub.Storage.Network;
using CommsHub.Storage.W25q;
using CommsHub.TrustCenter;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.VirtualBoard.Radio;

namespace CommsHub.Cli.Fuzz;

/// <summary>
/// The hub's whole HAN stack (NWK, APS, trust centre, ZDO, the Smart Energy endpoint) on the emulated radio, fed NWK
/// frames from a device that has joined. Each input is a NWK frame in clear; when its header asks for security the
/// instance secures it with the network key and a fresh counter, so mutations get past the MIC and reach every layer.
/// </summary>
public static class FuzzHanStackTarget
{
    private const ushort DeviceShort = 0x1234;
    private const int Channel = 15;
    private static readonly byte[] NetworkKey = Convert.FromHexString("ABCDEF01234567890011223344556677");
    private static readonly byte[] LinkKey = Convert.FromHexString("66B6900981E1EE3CA4206B6B861C02BB");

    public static readonly FuzzTarget HanStack = new("han-stack", "the HAN stack (NWK, APS, trust centre, ZDO, Smart Energy endpoint) receiving NWK frames from a joined device", Seeds, () => new Instance(), 64);

    /// <summary>NWK frames in clear, 4 bytes of MIC room at the end of secured ones: NWK commands, ZDO, Basic, Key Establishment, OTA.</summary>
    public static List<byte[]> Seeds()
    {
        var list = new List<byte[]>
        {
            Data("00" + "00" + "0100" + "0000" + "00" + "01" + "01" + "3412" + "00" + "00"),                 // ZDO IEEE_addr_req
            Data("40" + "01" + "0000" + "0901" + "01" + "02" + "00" + "03" + "00" + "0400"),                 // Basic: Read Attributes
            Data("40" + "01" + "0008" + "0901" + "01" + "03" + "00" + "04" + "00" + "0000"),                 // Key Establishment: Read suite
            Data("40" + "01" + "1900" + "0901" + "01" + "04" + "01" + "05" + "01" + "00" + "3412" + "0100" + "01000000"), // OTA Query Next Image
            Data("01" + "06" + "0F" + "04" + "A4907856341200DB" + "00112233445566778899AABBCCDDEEFF"),      // APS Verify-Key
        };
        foreach (byte[] command in ZigbeeSeeds.NwkFrames().Skip(3))
        {
            list.Add(command);
        }

        return list;
    }

    private static byte[] Data(string apsHex)
    {
        var h = Header(NwkFrameType.Data);
        byte[] aps = Convert.FromHexString(apsHex);
        byte[] buffer = new byte[127];
        int at = NwkFrameCodec.EncodeHeader(h, buffer, 0);
        aps.CopyTo(buffer, at);
        return buffer[..(at + aps.Length + 4)];
    }

    private static NwkHeader Header(int frameType)
    {
        var h = new NwkHeader();
        h.Reset();
        h.FrameType = frameType;
        h.Security = true;
        h.Destination = 0x0000;
        h.Source = DeviceShort;
        h.Radius = 30;
        h.Auxiliary.KeyId = AuxiliaryHeader.KeyIdNetwork;
        h.Auxiliary.ExtendedNonce = true;
        h.Auxiliary.Source = Fuzz.Seeds.Device;
        return h;
    }

    private sealed class Instance : IFuzzInstance
    {
        private readonly RadioBench _bench = new(11);
        private readonly CoordinatorMac _mac;
        private readonly Hub.HanStack _stack;
        private readonly CommsHub.Radio.Mrf24j40.Mrf24j40 _device;
        private readonly FrameSecurity _security = new(new SoftwareAes());
        private readonly NwkHeader _header = new();
        private readonly MacFrame _mac802 = new();
        private readonly byte[] _frame = new byte[MacFrame.MaxLength];
        private readonly byte[] _nwk = new byte[MacFrame.MaxLength];
        private uint _counter = 1;
        private byte _sequence;
        private byte _probe = 0x80;

        public Instance()
        {
            var (_, hubRadio) = _bench.AddRadio("hub");
            _mac = new CoordinatorMac(hubRadio, _bench.Clock, new FuzzHubTargets.CountingEntropy(), Fuzz.Seeds.Hub, Fuzz.Seeds.Hub);
            _mac.Start(Fuzz.Seeds.PanId, Channel);
            var flash = new W25qFlash(new NorFlashEmulator(0x14));
            flash.Identify();
            var store = new NetworkStore(flash, 0);
            store.Mount();
            var network = new NetworkParameters { ExtendedPanId = Fuzz.Seeds.Hub, PanId = Fuzz.Seeds.PanId, Channel = Channel };
            NetworkKey.CopyTo(network.NetworkKey, 0);
            store.Save(network);
            _stack = new Hub.HanStack(_mac, store, new SoftwareAes(), new OneDeviceLog(), _bench.Clock, Fuzz.Seeds.Hub);
            _bench.OnMainLoop(_mac.Process);
            _bench.OnMainLoop(_stack.Process);
            Rejoin();
            (_, _device) = _bench.AddRadio("device");
            _device.Initialize();
            _device.SetChannel(Channel);
            _bench.OnMainLoop(_device.Process);
            _security.SetKey(NetworkKey, 0);
        }

        public void Feed(byte[] input)
        {
            int length = Math.Min(input.Length, NwkLayer.MacPayloadMax);
            Array.Copy(input, _nwk, length);
            if (NwkFrameCodec.Decode(_nwk, 0, length, _header, SecurityLevel.Zigbee) == null && _header.Security)
            {
                // Secure what the mutation made, as the joined device would: the hub then judges the frame's content.
                _header.Auxiliary.Source = Fuzz.Seeds.Device;
                _header.Auxiliary.FrameCounter = _counter++;
                _header.Auxiliary.KeySequence = _stack.Nwk.Network.KeySequence;
                int headerLength = NwkFrameCodec.HeaderLength(_header);
                int payload = _header.PayloadLength;
                Array.Copy(input, _header.PayloadOffset, _nwk, headerLength, payload);
                NwkFrameCodec.EncodeHeader(_header, _nwk, 0);
                int secured = _security.Secure(_nwk, 0, headerLength, payload, _header.Auxiliary, Fuzz.Seeds.Device);
                if (secured < 0)
                {
                    return;
                }

                length = Math.Min(secured, NwkLayer.MacPayloadMax);
            }

            Transmit(length);
            _bench.Run(TimeSpan.FromMilliseconds(5));
        }

        public string Check()
        {
            _bench.RunUntil(() => !_device.IsTransmitting, TimeSpan.FromSeconds(1));
            _bench.Run(TimeSpan.FromSeconds(2));
            if (_mac.Children.Count > _mac.Children.Capacity || _stack.Nwk.Neighbours.Count > _stack.Nwk.Neighbours.Capacity)
            {
                return "a table is past its capacity";
            }

            // A mutation may have made the hub forget the device (a Leave): it joins again, then must be answered. The
            // probe's APS counter may have been used by a recent input (duplicate rejection), so a few are tried.
            Rejoin();
            for (int attempt = 0; attempt < 4; attempt++)
            {
                _bench.Medium.History.Clear();
                Feed(Data("00" + "00" + "0100" + "0000" + "00" + (_probe++).ToString("X2") + "01" + "3412" + "00" + "00"));
                _bench.Run(TimeSpan.FromMilliseconds(200));

                // The answer is a MAC data frame to the device's short address (frame control, sequence, PAN id, destination).
                bool answered = _bench.Medium.History.Any(f => !f.Collided && f.Psdu.Length > 20 && (f.Psdu[0] & 7) == MacFrameType.Data
                    && (f.Psdu[5] | (f.Psdu[6] << 8)) == DeviceShort);
                _bench.Medium.History.Clear();
                if (answered)
                {
                    return null;
                }
            }

            return "the hub no longer answers an IEEE_addr_req from a joined device: " + _stack.Nwk.LastDrop + " / " + _stack.Aps.LastDrop;
        }

        private void Rejoin()
        {
            _mac.Children.Put(Fuzz.Seeds.Device, DeviceShort, true);
            _stack.Nwk.Neighbours.Put(Fuzz.Seeds.Device, DeviceShort, true);
            _stack.TrustCentre.LinkKeys.Put(Fuzz.Seeds.Device, LinkKey, 0);
        }

        private void Transmit(int length)
        {
            if (_device.IsTransmitting)
            {
                return;
            }

            _mac802.Clear();
            _mac802.FrameType = MacFrameType.Data;
            _mac802.AckRequest = true;
            _mac802.PanIdCompression = true;
            _mac802.Sequence = _sequence++;
            _mac802.DestinationPanId = Fuzz.Seeds.PanId;
            _mac802.Destination = MacAddress.FromShort(CoordinatorMac.CoordinatorShortAddress);
            _mac802.Source = MacAddress.FromShort(DeviceShort);
            _mac802.Payload = _nwk;
            _mac802.PayloadLength = length;
            int n = MacFrameCodec.Encode(_mac802, _frame, 0);
            _device.Transmit(_frame, 0, n);
        }
    }

    private sealed class OneDeviceLog : IDeviceLog
    {
        public int InstallCodeOf(ulong eui64, byte[] code)
        {
            if (eui64 != Fuzz.Seeds.Device)
            {
                return 0;
            }

            Convert.FromHexString("83FED3407A939723A5C639B26916D505").CopyTo(code, 0);
            return 16;
        }

        public bool JoinWindowOpen(ulong eui64, long nowMilliseconds) => false;

        public bool AnyJoinWindowOpen(long nowMilliseconds) => false;

        public void JoinRefused(ulong eui64, string why)
        {
        }
    }
}
