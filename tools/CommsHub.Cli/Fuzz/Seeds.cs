using System.Text;
using CommsHub.Alerts;
using CommsHub.Alerts.Gbcs;
using CommsHub.Cli.Bench;
using CommsHub.Cli.Wan;
using CommsHub.Crypto;
using CommsHub.Mac;
using CommsHub.Ota;
using CommsHub.Ota.Server;
using CommsHub.Storage.Metadata;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.Wan.Link;
using CommsHub.Wan.Messages;
using CommsHub.Zcl;

namespace CommsHub.Cli.Fuzz;

/// <summary>Valid inputs for each target, made by the project's own encoders (never hand-typed bytes, bar the frames).</summary>
public static class Seeds
{
    public const ushort PanId = 0x1A62;
    public const ulong Hub = 0x00124B0001A2B3C4;
    public const ulong Device = 0x00DB1234567890A4;

    private static readonly Lazy<List<byte[]>> AlertSeeds = new(MakeAlerts);
    private static readonly byte[] AlertPrivateKey = Convert.FromHexString("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");

    public static byte[] AlertPublicKey { get; } = new P256().PublicKey(AlertPrivateKey);

    /// <summary>A head-end that only listens: alerts are left to the gbcs target, so it never waits on a link.</summary>
    public static HeadEnd HeadEndListener { get; } = new(new SerialPipe().A, new VirtualClock(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)), () => { }, AlertLedger.InMemory()) { TakeAlerts = false };

    public static List<byte[]> MacFrames()
    {
        var list = new List<byte[]>
        {
            // The frames of issue 11 item 1: an Association Request, then a Data Request with no source address.
            Convert.FromHexString("23C801621A0000FFFFEEEEEEEEEEEEEEEE0180"),
            Convert.FromHexString("031802621A000004"),
        };
        var f = new MacFrame();
        Add(list, f, MacFrameType.Command, MacAddress.FromShort(0xFFFF), 0xFFFF, MacAddress.None(), 0, MacCommandId.BeaconRequest, new byte[0], false);
        Add(list, f, MacFrameType.Command, MacAddress.FromShort(0), PanId, MacAddress.FromExtended(Device), 0xFFFF, MacCommandId.AssociationRequest, new byte[] { 0x80 }, false);
        Add(list, f, MacFrameType.Command, MacAddress.FromShort(0), PanId, MacAddress.FromExtended(Device), PanId, MacCommandId.DataRequest, new byte[0], true);
        Add(list, f, MacFrameType.Command, MacAddress.FromShort(0), PanId, MacAddress.FromShort(0x1234), PanId, MacCommandId.DataRequest, new byte[0], true);
        Add(list, f, MacFrameType.Command, MacAddress.FromExtended(Hub), PanId, MacAddress.FromExtended(Device), PanId, MacCommandId.DisassociationNotification, new byte[] { 2 }, true);
        Add(list, f, MacFrameType.Data, MacAddress.FromShort(0), PanId, MacAddress.FromShort(0x1234), PanId, 0, new byte[] { 0x08, 0x00, 0x00, 0x00, 0x34, 0x12, 0x01, 0x07 }, true);
        byte[] beacon = new byte[ZigbeeBeacon.Length];
        int n = new ZigbeeBeacon { AssociationPermit = true, PanCoordinator = true, ExtendedPanId = Hub }.Encode(beacon, 0);
        Add(list, f, MacFrameType.Beacon, MacAddress.None(), 0, MacAddress.FromShort(0), PanId, 0, beacon[..n], false);
        return list;
    }

    private static void Add(List<byte[]> list, MacFrame f, int type, MacAddress destination, ushort destinationPan, MacAddress source, ushort sourcePan, byte command, byte[] payload, bool compress)
    {
        f.Clear();
        f.FrameType = type;
        f.AckRequest = type != MacFrameType.Beacon && destination.Mode == MacAddressMode.Short && destination.Short != 0xFFFF;
        f.PanIdCompression = compress;
        f.Sequence = (byte)list.Count;
        f.DestinationPanId = destinationPan;
        f.Destination = destination;
        f.SourcePanId = sourcePan;
        f.Source = source;
        f.CommandId = command;
        f.Payload = payload;
        f.PayloadLength = payload.Length;
        byte[] buffer = new byte[MacFrame.MaxLength];
        int length = MacFrameCodec.Encode(f, buffer, 0);
        list.Add(buffer[..length]);
    }

    public static List<byte[]> Beacons()
    {
        var list = new List<byte[]>();
        foreach (bool permit in new[] { false, true })
        {
            byte[] b = new byte[ZigbeeBeacon.Length];
            int n = new ZigbeeBeacon { AssociationPermit = permit, PanCoordinator = true, RouterCapacity = permit, EndDeviceCapacity = permit, ExtendedPanId = Hub, UpdateId = 3 }.Encode(b, 0);
            list.Add(b[..n]);
        }

        return list;
    }

    public static List<byte[]> OtaRequests()
    {
        var list = new List<byte[]>();
        list.Add(Zcl(OtaCommand.QueryNextImageRequest, w => { w.U8(0); w.U16(0x1234); w.U16(1); w.U32(0x01000001); }));
        list.Add(Zcl(OtaCommand.QueryNextImageRequest, w => { w.U8(1); w.U16(0x1234); w.U16(1); w.U32(0x01000001); w.U16(2); }));
        list.Add(Zcl(OtaCommand.ImageBlockRequest, w => { w.U8(0); w.U16(0x1234); w.U16(1); w.U32(0x01000002); w.U32(0); w.U8(64); }));
        list.Add(Zcl(OtaCommand.ImageBlockRequest, w => { w.U8(3); w.U16(0x1234); w.U16(1); w.U32(0x01000002); w.U32(128); w.U8(48); w.Ieee(Device); w.U16(250); }));
        list.Add(Zcl(OtaCommand.ImagePageRequest, w => { w.U8(0); w.U16(0x1234); w.U16(1); w.U32(0x01000002); w.U32(0); w.U8(48); w.U16(512); w.U16(50); }));
        list.Add(Zcl(OtaCommand.UpgradeEndRequest, w => { w.U8(0); w.U16(0x1234); w.U16(1); w.U32(0x01000002); }));
        list.Add(Zcl(OtaCommand.UpgradeEndRequest, w => { w.U8(0x96); }));
        return list;
    }

    public static byte[] Zcl(byte command, Action<ZclWriter> body)
    {
        byte[] buffer = new byte[128];
        var w = new ZclWriter();
        w.Reset(buffer, 0);
        ZclHeader.Encode(w, ZclHeader.FrameTypeClusterSpecific, false, false, 0x42, command);
        body(w);
        return buffer[..w.Position];
    }

    public static List<byte[]> OtaFiles() => new()
    {
        BenchRun.SyntheticImage(0x1234, 1, 0x01000002, 200, null),
        BenchRun.SyntheticImage(0x1234, 2, 0x01000003, 300, (1, 3)),
    };

    /// <summary>Link frames as a WanLink writes them to the wire: data of several messages, and an acknowledgement.</summary>
    public static List<byte[]> LinkWire()
    {
        var pipe = new SerialPipe();
        var clock = new VirtualClock(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var sender = new WanLink(pipe.A, clock, 0x11223344, new LinkSettings());
        var receiver = new WanLink(pipe.B, clock, 0x55667788, new LinkSettings());
        foreach (byte[] message in HubMessages().Take(6))
        {
            sender.Send(message, 0, message.Length);
        }

        var wire = new List<byte[]>();
        Split(Drain(pipe.B), wire);
        receiver.Poll();
        Split(Drain(pipe.A), wire);
        return wire;
    }

    private static byte[] Drain(CommsHub.Platform.ISerialPort port)
    {
        byte[] bytes = new byte[port.BytesToRead];
        port.Read(bytes, 0, bytes.Length);
        return bytes;
    }

    private static void Split(byte[] wire, List<byte[]> into)
    {
        int start = 0;
        for (int i = 0; i < wire.Length; i++)
        {
            if (wire[i] == 0)
            {
                into.Add(wire[start..(i + 1)]);
                start = i + 1;
            }
        }
    }

    /// <summary>Messages the hub sends, written with the hub's own message buffer.</summary>
    public static List<byte[]> HubMessages()
    {
        var list = new List<byte[]>();
        list.Add(Message(WanMessageType.Ack, 1, w => { w.U8(0); w.Text("ok"); }));
        list.Add(Message(WanMessageType.Ack, 2, w => { w.U8(1); w.Text("the device log is full"); }));
        list.Add(Message(WanMessageType.Identity, 3, w => { w.Eui(Hub); w.U32(0x00010002); w.Raw(AlertPublicKey, 0, 64); }));
        list.Add(Message(WanMessageType.ImageReply, 4, w => { w.U8(0); w.U32(4096); w.Text("resuming"); }));
        list.Add(Message(WanMessageType.Status, 5, w =>
        {
            w.U64(1795000000); w.U8(1); w.U16(2);
            w.U8(1); w.U8(0); w.U32(0x01000002); w.U32(50000); w.U8(2);
            w.Eui(Device); w.U8(1); w.U8(0); w.Eui(Device + 1); w.U8(2); w.U8(0);
            w.U8(0); w.U32(0); w.U32(0);
        }));
        list.Add(Message(WanMessageType.FirmwareActivated, 0, w => { w.Eui(Hub); w.U64(1795000000); w.U32(0x00010003); }));
        byte[] alert = AlertSeeds.Value[0];
        list.Add(Message(WanMessageType.Alert, 0, w => { w.U64(7); w.Raw(alert, 0, alert.Length); }));
        return list;
    }

    private static byte[] Message(byte type, ushort request, Action<WanBuffer> body)
    {
        var w = new WanBuffer(LinkFrame.MaximumPayload);
        w.Start(type, request);
        body(w);
        return w.Bytes[..w.Position];
    }

    public static List<byte[]> Alerts() => AlertSeeds.Value;

    private static List<byte[]> MakeAlerts()
    {
        var curve = new P256();
        var list = new List<byte[]>();
        foreach (var (code, response) in new (ushort, byte)[] { (0x8F8A, 0), (0x8F89, 3) })
        {
            byte[] alert = new byte[Ccs08Alert.Length];
            int end = Ccs08Alert.EncodeUnsigned(7, Hub, GbcsCodes.AccessControlBroker, code, new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc), Device, 0x01000002, response, alert);
            int n = Ccs08Alert.AppendSignature(alert, end, curve, AlertPrivateKey);
            list.Add(alert[..n]);
        }

        return list;
    }

    private static readonly Lazy<(byte[] Pem, byte[] Key)> Signer = new(() =>
    {
        using var ecdsa = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=fuzz signer", ecdsa, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var cert = request.CreateSelfSigned(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var q = ecdsa.ExportParameters(false).Q;
        return (Encoding.ASCII.GetBytes(cert.ExportCertificatePem()), q.X!.Concat(q.Y!).ToArray());
    });

    public static byte[] SignerPublicKey => Signer.Value.Key;

    public static List<byte[]> SignerCertificates() => new() { Signer.Value.Pem };

    public static List<byte[]> MetadataRecords()
    {
        var empty = new StoreState();
        var full = new StoreState { NextOutcomeNumber = 9, LastTrustedTicks = new DateTime(2026, 11, 21).Ticks };
        full.Blocks[StoreState.EsmeBlock] = new StoredImage { Slot = 0, Kind = OtaDeviceKind.Esme, Size = 50000, FileVersion = 0x01000002, Targets = new[] { new StoredTarget { Device = Device, State = 1 } } };
        full.Blocks[StoreState.GsmeBlock] = new StoredImage { Slot = 1, Kind = OtaDeviceKind.Ppmid, Size = 9000, FileVersion = 0x02000002, Targets = new[] { new StoredTarget { Device = Device + 1, State = 2, Response = 0 }, new StoredTarget { Device = Device + 2 } } };
        full.Ingest = new IngestRecord { Slot = 2, Kind = OtaDeviceKind.Gsme, Size = 70000, FileVersion = 0x03000001, Checkpoint = 65536, Targets = new[] { Device + 3 } };
        full.Outcomes.Add(new TargetOutcome { Number = 8, Device = Device + 1, AlertCode = 0x8F8A, FileVersion = 0x02000002, Ticks = new DateTime(2026, 11, 22).Ticks });
        var list = new List<byte[]>();
        foreach (var state in new[] { empty, full })
        {
            byte[] b = new byte[StoreStateCodec.MaximumLength];
            list.Add(b[..StoreStateCodec.Encode(state, b, 0)]);
        }

        return list;
    }

    public static List<byte[]> ScenarioTexts()
    {
        using var stream = typeof(BenchCommand).Assembly.GetManifestResourceStream("demo.chs");
        string demo = new StreamReader(stream!).ReadToEnd();
        return new List<byte[]>
        {
            Encoding.UTF8.GetBytes(demo),
            Encoding.UTF8.GetBytes("start 2026-11-21T08:00:00Z\nloss 0.02\ndevice m1 ESME 00-DB-12-34-56-78-90-E1 block=48 pages=512 spacing=50 period=0 hw=2\nat 1h image ESME version=02000001 size=50k targets=m1 hw=1-3\nat 2h silent m1 30m\nrun 1d12h\nexpect alert m1 success\nexpect alerts 1\nexpect version m1 02000001\n"),
        };
    }
}
