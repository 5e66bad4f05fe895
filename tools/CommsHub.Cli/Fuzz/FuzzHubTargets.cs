using CommsHub.Hub;
using CommsHub.Mac;
using CommsHub.Mac.Coordinator;
using CommsHub.Ota;
using CommsHub.Ota.Files;
using CommsHub.Ota.Server;
using CommsHub.Platform;
using CommsHub.Storage.Metadata;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.VirtualBoard.Radio;
using CommsHub.Wan.Link;
using CommsHub.Wan.Messages;

namespace CommsHub.Cli.Fuzz;

/// <summary>The hub's stateful receivers, fed one mutated input after another on a single long-lived instance.</summary>
public static class FuzzHubTargets
{
    public static readonly FuzzTarget CoordinatorMac = new("mac-radio", "coordinator MAC through the MRF24J40 emulator", Seeds.MacFrames, () => new RadioInstance(), 64);

    public static readonly FuzzTarget WanLinkReceiver = new("wan-link", "WanLink receiving wire bytes", Seeds.LinkWire, () => new LinkInstance(), 64);

    public static readonly FuzzTarget WanServiceInHub = new("wan-service", "WanService inside a booted virtual hub (messages in valid link frames)", HeadEndMessages, () => new HubInstance(), 200);

    public static readonly FuzzTarget OtaServerReceiver = new("ota-server", "OtaServer receiving ZCL frames from three devices", Seeds.OtaRequests, () => new OtaServerInstance(), 64);

    /// <summary>Messages a head-end sends, one of each type, written with the hub's own message buffer.</summary>
    public static List<byte[]> HeadEndMessages()
    {
        byte[] image = Bench.BenchRun.SyntheticImage(0x1234, 1, 0x02000001, 600, null);
        byte[] sha = System.Security.Cryptography.SHA256.HashData(image);
        var list = new List<byte[]>
        {
            Message(WanMessageType.SetTime, w => w.U64(1795000000)),
            Message(WanMessageType.GetIdentity, _ => { }),
            Message(WanMessageType.GetStatus, _ => { }),
            Message(WanMessageType.ImageBegin, w => { w.U8(2); w.U32(0x02000001); w.U32((uint)image.Length); w.Raw(sha, 0, 32); w.U8(1); w.Eui(Seeds.Device); }),
            Message(WanMessageType.ImageChunk, w => { w.U32(0); w.Raw(image, 0, 300); }),
            Message(WanMessageType.ImageChunk, w => { w.U32(300); w.Raw(image, 300, 300); }),
            Message(WanMessageType.ImageEnd, _ => { }),
            Message(WanMessageType.DeviceLogAdd, w => { w.Eui(Seeds.Device); w.U8(2); w.U8(16); w.Raw(new byte[16], 0, 16); w.U16(60); }),
            Message(WanMessageType.DeviceLogRemove, w => w.Eui(Seeds.Device)),
            Message(WanMessageType.AlertAck, w => w.U64(1)),
            Message(WanMessageType.SimulateActivation, w => w.U32(0x00010003)),
            Message(WanMessageType.SetCbkeCredentials, w => { w.U8(1); w.U8(48); w.Raw(new byte[48], 0, 48); w.U8(21); w.Raw(new byte[21], 0, 21); w.U8(22); w.Raw(new byte[22], 0, 22); }),
        };
        return list;
    }

    private static byte[] Message(byte type, Action<WanBuffer> body)
    {
        var w = new WanBuffer(LinkFrame.MaximumPayload);
        w.Start(type, 1);
        body(w);
        return w.Bytes[..w.Position];
    }

    private sealed class RadioInstance : IFuzzInstance
    {
        private readonly RadioBench _bench = new(7);
        private readonly CommsHub.Mac.Coordinator.CoordinatorMac _mac;
        private readonly CommsHub.Radio.Mrf24j40.Mrf24j40 _attacker;
        private readonly byte[] _beaconRequest;

        public RadioInstance()
        {
            var (_, hubRadio) = _bench.AddRadio("hub");
            _mac = new CommsHub.Mac.Coordinator.CoordinatorMac(hubRadio, _bench.Clock, new CountingEntropy(), Seeds.Hub, Seeds.Hub);
            _bench.OnMainLoop(_mac.Process);
            _mac.Start(Seeds.PanId, 15);
            _mac.PermitJoining = true;
            (_, _attacker) = _bench.AddRadio("attacker");
            _attacker.Initialize();
            _attacker.SetChannel(15);
            _bench.OnMainLoop(_attacker.Process);
            _beaconRequest = Seeds.MacFrames()[2];
        }

        public void Feed(byte[] input)
        {
            int length = Math.Min(input.Length, MacFrame.MaxLength);
            if (length >= 3 && !_attacker.IsTransmitting)
            {
                _attacker.Transmit(input, 0, length);
            }

            _bench.Run(TimeSpan.FromMilliseconds(3));
        }

        public string Check()
        {
            // The attacker's own last frame may still be on the air with its retries: wait for it, as a device would.
            _bench.RunUntil(() => !_attacker.IsTransmitting, TimeSpan.FromSeconds(1));
            _bench.Run(TimeSpan.FromMilliseconds(20));
            _bench.Medium.History.Clear();
            if (!_attacker.Transmit(_beaconRequest, 0, _beaconRequest.Length))
            {
                return "the attacking radio could not send the Beacon Request (still busy)";
            }

            _bench.Run(TimeSpan.FromMilliseconds(20));
            bool beacon = _bench.Medium.History.Any(f => !f.Collided && (f.Psdu[0] & 7) == MacFrameType.Beacon);
            _bench.Medium.History.Clear();
            if (!beacon)
            {
                return "no beacon answers a Beacon Request";
            }

            return _mac.Children.Count > _mac.Children.Capacity || _mac.IndirectFramesHeld > 8 ? "the child table or indirect queue is past its capacity" : null;
        }
    }

    private sealed class LinkInstance : IFuzzInstance, ILinkListener
    {
        private readonly SerialPipe _pipe = new();
        private readonly VirtualClock _clock = new(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        private readonly WanLink _link;
        private readonly List<byte[]> _received = new();
        private uint _peerEpoch = 0x0BAD0000;

        public LinkInstance()
        {
            _link = new WanLink(_pipe.A, _clock, 0x5EED, new LinkSettings()) { Listener = this };
        }

        public void Feed(byte[] input)
        {
            _pipe.B.Write(input, 0, input.Length);
            _link.Poll();
            Discard();
            _received.Clear();
        }

        public string Check()
        {
            // A valid input: a fresh session from a peer that has just started, as after a head-end restart.
            var peer = new WanLink(_pipe.B, _clock, ++_peerEpoch, new LinkSettings());
            byte[] hello = { 0x02, 0x01, 0x00 };
            _pipe.B.Write(new byte[] { 0 }, 0, 1);
            peer.Send(hello, 0, hello.Length);
            _link.Poll();
            peer.Poll();
            bool delivered = _received.Any(p => p.AsSpan().SequenceEqual(hello));
            _received.Clear();
            return delivered && peer.InFlight == 0 ? null : "a fresh peer's first frame was " + (delivered ? "delivered but not acknowledged" : "not delivered");
        }

        public void PayloadReceived(byte[] buffer, int offset, int count) => _received.Add(buffer.AsSpan(offset, count).ToArray());

        public void PeerRestarted()
        {
        }

        private void Discard()
        {
            byte[] sink = new byte[4096];
            while (_pipe.B.BytesToRead > 0)
            {
                _pipe.B.Read(sink, 0, sink.Length);
            }
        }
    }

    private sealed class HubInstance : IFuzzInstance, ILinkListener
    {
        private readonly NorFlashEmulator _chip = new(0x16);
        private readonly List<byte[]> _received = new();
        private VirtualClock _clock = new(new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc));
        private SerialPipe _pipe = new();
        private HubFirmware _hub;
        private WanLink _peer;
        private uint _peerEpoch = 0x4E000000;

        public HubInstance()
        {
            Boot();
        }

        public void Feed(byte[] input)
        {
            int count = Math.Min(input.Length, LinkFrame.MaximumPayload);
            for (int i = 0; i < 50 && !_peer.CanSend; i++)
            {
                Pump();
            }

            if (_peer.CanSend)
            {
                _peer.Send(input, 0, count);
            }

            Pump();
            Pump();
            _received.Clear();
        }

        public string Check()
        {
            byte[] ask = { WanMessageType.GetIdentity, 0xEE, 0xEE };
            for (int i = 0; i < 3000 && !_peer.CanSend; i++)
            {
                Pump();
            }

            _peer.Send(ask, 0, ask.Length);
            bool answered = false;
            for (int i = 0; i < 3000 && !answered; i++)
            {
                Pump();
                answered = _received.Any(p => p.Length > 3 && p[0] == WanMessageType.Identity && p[1] == 0xEE && p[2] == 0xEE);
            }

            _received.Clear();
            if (!answered)
            {
                return "the hub no longer answers GetIdentity\n" + $"peer in flight {_peer.InFlight}, hub link in flight {_hub.Wan.Link.InFlight}, replies pending {_hub.Wan.PendingReplies}, dropped {_hub.Wan.RepliesDropped}, hub rejected {_hub.Wan.Link.FramesRejected}, peer rejected {_peer.FramesRejected}";
            }

            // What the hub holds in RAM must be what a reboot reads back from flash.
            string before = Encode(_hub.Store.State);
            _chip.PowerOn();

            // A reboot: the old firmware's timers die with it (a fresh clock at the same wall time, monotonic from 0)
            // and the line starts empty.
            _clock = new VirtualClock(_clock.UtcNow);
            _pipe = new SerialPipe();
            Boot();
            string after = Encode(_hub.Store.State);
            return before == after ? null : "the state after a reboot differs from the state before it:\n before " + before + "\n after  " + after;
        }

        public void PayloadReceived(byte[] buffer, int offset, int count) => _received.Add(buffer.AsSpan(offset, count).ToArray());

        public void PeerRestarted()
        {
        }

        private void Boot()
        {
            _hub = new HubFirmware(new HubHardware("fuzz", _chip, _clock, _pipe.A) { Entropy = new CountingEntropy() });
            _hub.Boot();
            _peer = new WanLink(_pipe.B, _clock, ++_peerEpoch, new LinkSettings()) { Listener = this };
        }

        private void Pump()
        {
            _hub.Poll();
            _peer.Poll();
            _clock.Advance(TimeSpan.FromMilliseconds(5));
        }

        private static string Encode(StoreState state)
        {
            byte[] b = new byte[StoreStateCodec.MaximumLength];
            return Convert.ToHexString(b, 0, StoreStateCodec.Encode(state, b, 0));
        }
    }

    private sealed class OtaServerInstance : IFuzzInstance, IOtaImagePolicy, IZclSender
    {
        private static readonly ulong[] Sources = { Seeds.Device, Seeds.Device + 1, Seeds.Device + 2 };
        private readonly VirtualClock _clock = new(new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc));
        private readonly OtaServer _server;
        private readonly OtaOffer _offer;
        private readonly List<byte[]> _sent = new();
        private int _next;

        public OtaServerInstance()
        {
            _offer = new OtaOffer(OtaFileParser.Parse(new ByteArrayImageSource(Seeds.OtaFiles()[0])), OtaDeviceKind.Ppmid);
            _server = new OtaServer(this, this, _clock, new OtaServerSettings());
        }

        public void Feed(byte[] input)
        {
            _server.Receive(Sources[_next++ % Sources.Length], input, 0, input.Length, 82);
            _clock.Advance(TimeSpan.FromMilliseconds(50));
            _sent.Clear();
        }

        public string Check()
        {
            byte[] query = Seeds.Zcl(OtaCommand.QueryNextImageRequest, w => { w.U8(0); w.U16(0x1234); w.U16(1); w.U32(0x01000001); });
            _server.Receive(Seeds.Device, query, 0, query.Length, 82);
            bool answered = _sent.Any(f => f.Length > 3 && f[2] == OtaCommand.QueryNextImageResponse && f[3] == 0x00);
            _sent.Clear();
            return answered ? null : "no Query Next Image Response (SUCCESS) to a valid query";
        }

        public OtaOffer OfferFor(ulong device) => _offer;

        public void QueryNextImage(ulong device, uint currentFileVersion, bool hasHardwareVersion, ushort hardwareVersion, byte answer)
        {
        }

        public void HardwareMismatch(ulong device, OtaOffer offer, ushort hardwareVersion)
        {
        }

        public void BlockServed(ulong device, OtaOffer offer, uint offset, int size, bool firstOfDownload)
        {
        }

        public bool UpgradeEnded(ulong device, OtaOffer offer, byte status, bool downloadSeen) => true;

        public void Send(ulong destination, byte[] frame, int offset, int length) => _sent.Add(frame.AsSpan(offset, length).ToArray());
    }

    /// <summary>Deterministic "randomness", so a failure replays the same way.</summary>
    internal sealed class CountingEntropy : IEntropySource
    {
        private byte _next = 1;

        public void Fill(byte[] buffer)
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (byte)(_next++ * 73 + 11);
            }
        }
    }
}
