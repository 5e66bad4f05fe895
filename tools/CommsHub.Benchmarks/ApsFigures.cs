using System.Diagnostics;
using CommsHub.Aps;
using CommsHub.Mac.Coordinator;
using CommsHub.Nwk;
using CommsHub.Ota.Files;
using CommsHub.Ota.Server;
using CommsHub.Platform;
using CommsHub.Radio;
using CommsHub.Security;
using CommsHub.TrustCenter;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Emulators;

namespace CommsHub.Benchmarks;

/// <summary>
/// The APS data path on the hub's real MAC, NWK and APS layers over a radio that loops frames back without
/// allocating: per frame, host time, bytes the managed heap handed out (the device's garbage collector is the scarce
/// resource) and AES calls (each one native call on the board) for the largest APS-secured frames received and sent,
/// an acked receive (its ack is secured and sent too), and the OTA path (a secured Image Block Request in, the
/// secured Image Block Response out through the APS OTA port).
/// </summary>
public static class ApsFigures
{
    private const ulong Hub = 0x00124B00AABBCCDD;
    private const ulong Device = 0x00124B0011223344;
    private const ushort DeviceShort = 0x1A2B;
    private const ushort PanId = 0x1A62;
    private const int Frames = 4000;

    private static readonly byte[] NetworkKey = Convert.FromHexString("0F1E2D3C4B5A69788796A5B4C3D2E1F0");
    private static readonly byte[] LinkKey = Convert.FromHexString("66B6900981E1EE3CA4206B6B861C02BB");

    public static void Print(TextWriter output)
    {
        output.WriteLine("path (largest frame, APS + NWK security; MAC lengths without FCS)                host us/frame  bytes/frame  AES calls/frame  key loads/frame");
        var stack = new Stack();
        int largest = ApsLayer.MaxSecuredPayload;

        // Receive: frames from the device, built beforehand with fresh counters (the device's work is not measured).
        byte[][] plain = stack.DeviceFrames(largest, ackRequest: false, firstCounter: 1);
        Row(output, "receive a secured data frame (" + plain[0].Length + "-byte MAC frame in)", stack, i => stack.Receive(plain[i]), () => stack.Delivered);

        byte[][] acked = stack.DeviceFrames(largest, ackRequest: true, firstCounter: Frames + 1);
        Row(output, "receive it with an ack request (secured ack sent)", stack, i => stack.Receive(acked[i]), () => stack.Delivered);

        byte[] payload = new byte[ApsLayer.HeaderRoom + largest + ApsLayer.MicRoom];
        Row(output, "send a secured data frame", stack, i => stack.Send(payload, largest), () => stack.Sent);

        byte[][] requests = stack.OtaRequests(firstCounter: 2 * Frames + 1);
        Row(output, "OTA: secured block request in, secured block out", stack, i => stack.Receive(requests[i]), () => stack.Sent);
        output.WriteLine();
        output.WriteLine("The device's figures are the AES calls: CCM* makes 2 native calls per frame and layer (CBC-MAC + CTR).");
    }

    private static void Row(TextWriter output, string what, Stack stack, Action<int> once, Func<int> done)
    {
        int sentBefore = stack.Sent;
        // Warm up (JIT, first-use paths), then measure.
        for (int i = 0; i < 100; i++)
        {
            once(i);
        }

        int before = done();
        stack.Aes.Calls = stack.Aes.KeySets = 0;
        long bytes = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (int i = 100; i < Frames; i++)
        {
            once(i);
        }

        watch.Stop();
        bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
        int n = Frames - 100;
        if (done() - before != n)
        {
            throw new InvalidOperationException(what + ": " + (done() - before) + " of " + n + " frames went through");
        }

        if (stack.Sent != sentBefore)
        {
            what += " (" + stack.LastSentLength + "-byte MAC frame out)";
        }

        output.WriteLine($"{what,-80} {watch.Elapsed.TotalMicroseconds / n,13:F1}  {(double)bytes / n,11:F1}  {(double)stack.Aes.Calls / n,15:F1}  {(double)stack.Aes.KeySets / n,15:F1}");
    }

    private sealed class Stack
    {
        private readonly LoopbackRadio _radio = new();
        private readonly CoordinatorMac _mac;
        private readonly ApsLayer _aps;
        private readonly DotNetAes _deviceAes = new();

        public Stack()
        {
            var clock = new VirtualClock(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
            Aes = new CountingAes(new DotNetAes());
            _mac = new CoordinatorMac(_radio, clock, new HostEntropy(), Hub, Hub);
            var network = new NetworkParameters { ExtendedPanId = Hub, PanId = PanId, Channel = 20 };
            NetworkKey.CopyTo(network.NetworkKey, 0);
            var nwk = new NwkLayer(_mac, Aes, new MemoryCounter(), network, Hub, 8);
            var keys = new LinkKeyTable(4);
            keys.Put(Device, LinkKey, 0);
            _aps = new ApsLayer(nwk, Aes, keys, new MemoryCounter(), clock);
            _aps.DataIndication += (h, source, buffer, offset, length) => Delivered++;
            _mac.Start(PanId, 20);
            _mac.Children.Put(Device, DeviceShort, true);
            nwk.Neighbours.Put(Device, DeviceShort, true);
            _radio.Transmitted += () => Sent++;

            // The OTA cluster as the hub wires it: behind the Smart Energy endpoint that dispatches APS data by cluster.
            var port = new CommsHub.Endpoints.SmartEnergyEndpointServer(_aps, nwk, keys, clock,
                new CommsHub.Endpoints.KeyEstablishmentPort(clock, Aes, null, keys)).Ota;
            byte[] image = SyntheticOtaImage.Build(64 * 1024);
            var offer = new OtaOffer(OtaFileParser.Parse(new ByteArrayImageSource(image)), OtaDeviceKind.Ppmid);
            port.Server = new OtaServer(new OnePolicy(offer), port, clock, new OtaServerSettings());
        }

        public CountingAes Aes { get; }

        public int Delivered { get; private set; }

        public int Sent { get; private set; }

        public int LastSentLength => _radio.LastLength;

        public void Receive(byte[] frame)
        {
            // The radio's buffer is reused frame after frame, as the driver's is; decryption works in place.
            _radio.Deliver(frame);
            _mac.Process();
            _mac.Process();
        }

        public void Send(byte[] buffer, int length)
        {
            int handle = _aps.SendData(DeviceShort, 1, 0x0019, 0x0109, 1, buffer, ApsLayer.HeaderRoom, length, false, true);
            if (handle < 0)
            {
                throw new InvalidOperationException("send refused: " + handle);
            }

            _mac.Process();
            _mac.Process();
        }

        public byte[][] DeviceFrames(int payloadLength, bool ackRequest, int firstCounter)
        {
            var frames = new byte[Frames][];
            byte[] payload = new byte[payloadLength];
            for (int i = 0; i < Frames; i++)
            {
                // A ZCL Default Response on the metering cluster: the Smart Energy endpoint takes it through its dispatcher
                // and answers nothing (no server for the cluster, and a Default Response is never answered), so only the
                // receive path (and its ack) is measured.
                payload[0] = 0x18;
                payload[1] = (byte)i;
                payload[2] = 0x0B;
                frames[i] = DeviceFrame(payload, ackRequest, (uint)(firstCounter + i), 0x0702);
            }

            return frames;
        }

        public byte[][] OtaRequests(int firstCounter)
        {
            var frames = new byte[Frames][];
            for (int i = 0; i < Frames; i++)
            {
                byte[] request = SyntheticOtaImage.BlockRequest((byte)i, (uint)((i % 512) * 64), 255);
                frames[i] = DeviceFrame(request, false, (uint)(firstCounter + i), 0x0019);
            }

            return frames;
        }

        /// <summary>A MAC data frame from the device: NWK secured with the network key, APS secured with the link key.</summary>
        private byte[] DeviceFrame(byte[] payload, bool ackRequest, uint counter, ushort cluster)
        {
            var a = new ApsHeader { FrameType = ApsFrameType.Data, AckRequest = ackRequest, Security = true, DestinationEndpoint = 1, Cluster = cluster, Profile = 0x0109, SourceEndpoint = 1, Counter = (byte)counter };
            a.Auxiliary.KeyId = AuxiliaryHeader.KeyIdData;
            a.Auxiliary.FrameCounter = counter;
            byte[] aps = new byte[127];
            int apsHeader = ApsFrameCodec.EncodeHeader(a, aps, 0);
            payload.CopyTo(aps, apsHeader);
            var security = new FrameSecurity(_deviceAes);
            security.SetKey(LinkKey, 0);
            int apsLength = security.Secure(aps, 0, apsHeader, payload.Length, a.Auxiliary, Device);

            var n = new NwkHeader();
            n.Reset();
            n.FrameType = NwkFrameType.Data;
            n.Security = true;
            n.Destination = 0x0000;
            n.Source = DeviceShort;
            n.Radius = 30;
            n.Sequence = (byte)counter;
            n.Auxiliary.KeyId = AuxiliaryHeader.KeyIdNetwork;
            n.Auxiliary.ExtendedNonce = true;
            n.Auxiliary.Source = Device;
            n.Auxiliary.FrameCounter = counter;
            byte[] mac = new byte[127];
            mac[0] = 0x41;
            mac[1] = 0x88;
            mac[2] = (byte)counter;
            mac[3] = PanId & 0xFF;
            mac[4] = PanId >> 8;
            mac[5] = 0x00;
            mac[6] = 0x00;
            mac[7] = DeviceShort & 0xFF;
            mac[8] = DeviceShort >> 8;
            int nwkHeader = NwkFrameCodec.EncodeHeader(n, mac, 9);
            Array.Copy(aps, 0, mac, 9 + nwkHeader, apsLength);
            security.SetKey(NetworkKey, 0);
            int nwkLength = security.Secure(mac, 9, nwkHeader, apsLength, n.Auxiliary, Device);
            return mac[..(9 + nwkLength)];
        }
    }

    private sealed class MemoryCounter : INwkFrameCounter
    {
        private uint _next = 1;

        public bool TryNext(out uint counter)
        {
            counter = _next++;
            return true;
        }
    }

    private sealed class OnePolicy(OtaOffer offer) : IOtaImagePolicy
    {
        public OtaOffer OfferFor(ulong d) => d == Device ? offer : null!;

        public void QueryNextImage(ulong d, uint current, bool hasHw, ushort hw, byte answer) { }

        public void HardwareMismatch(ulong d, OtaOffer o, ushort hw) { }

        public void BlockServed(ulong d, OtaOffer o, uint offset, int size, bool first) { }

        public bool UpgradeEnded(ulong d, OtaOffer o, byte status, bool seen) => seen;
    }

    /// <summary>Counts the calls into the AES block and the key loads.</summary>
    private sealed class CountingAes(IAesBlock inner) : IAesBlock
    {
        public int Calls;
        public int KeySets;

        public void SetKey(byte[] key, int offset)
        {
            KeySets++;
            inner.SetKey(key, offset);
        }

        public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            Calls++;
            inner.EncryptBlock(input, inputOffset, output, outputOffset);
        }

        public void EncryptBlocks(byte[] buffer, int offset, int blocks)
        {
            Calls++;
            inner.EncryptBlocks(buffer, offset, blocks);
        }

        public void CbcMac(byte[] buffer, int offset, int blocks, byte[] mac, int macOffset)
        {
            Calls++;
            inner.CbcMac(buffer, offset, blocks, mac, macOffset);
        }
    }

    /// <summary>
    /// A radio that sends every frame at once (reported done on the next Process) and hands up frames given to it
    /// from one reused buffer, as the driver does; nothing is allocated per frame.
    /// </summary>
    private sealed class LoopbackRadio : IRadio
    {
        private readonly byte[] _rx = new byte[127];
        private int _rxLength;
        private bool _transmitting;

        public event RadioTransmitDoneHandler? TransmitDone;

        public event RadioFrameReceivedHandler? FrameReceived;

        public event RadioInterruptHandler? Interrupted;

        public event Action? Transmitted;

        public int LastLength { get; private set; }

        public int Channel { get; private set; }

        public bool IsTransmitting => _transmitting;

        public bool HasWork => _transmitting || _rxLength > 0;

        public void Deliver(byte[] frame)
        {
            Array.Copy(frame, _rx, frame.Length);
            _rxLength = frame.Length;
        }

        public void Initialize() { }

        public void SetChannel(int channel) => Channel = channel;

        public void SetPanId(ushort panId) { }

        public void SetShortAddress(ushort shortAddress) { }

        public void SetExtendedAddress(ulong extendedAddress) { }

        public void SetPanCoordinator(bool coordinator) { }

        public void SetPromiscuous(bool promiscuous) { }

        public void SetFramePendingForDataRequests(bool pending) { }

        public bool Transmit(byte[] frame, int offset, int length)
        {
            if (_transmitting)
            {
                return false;
            }

            _transmitting = true;
            LastLength = length;
            Transmitted?.Invoke();
            return true;
        }

        public int EnergyDetect() => 0;

        public void Sleep() { }

        public void Wake() { }

        public void Process()
        {
            if (_rxLength > 0)
            {
                int length = _rxLength;
                _rxLength = 0;
                FrameReceived?.Invoke(_rx, length, 255, 0);
            }

            if (_transmitting)
            {
                _transmitting = false;
                TransmitDone?.Invoke(RadioTransmitStatus.Success, false, 0);
            }

            _ = Interrupted;
        }
    }
}
