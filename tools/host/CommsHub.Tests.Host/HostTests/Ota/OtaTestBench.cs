using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CommsHub.Ota.Files;
using CommsHub.Ota.Server;
using CommsHub.VirtualBoard.Emulators;

namespace CommsHub.Tests.HostTests.Ota
{
    /// <summary>A frame the server sent, as it went on the air.</summary>
    public sealed record SentFrame(ulong Destination, byte[] Bytes, long At)
    {
        public byte CommandId => Bytes[2];
        public bool IsDefaultResponse => (Bytes[0] & 0x03) == 0;
        public byte Sequence => Bytes[1];
    }

    /// <summary>Collects what the server sends; every frame any OTA test produces is kept for the decoder oracles.</summary>
    public sealed class RecordingSender : IZclSender
    {
        private readonly VirtualClock _clock;

        public RecordingSender(VirtualClock clock) => _clock = clock;

        public List<SentFrame> Frames { get; } = new();

        public void Send(ulong destination, byte[] frame, int offset, int length)
        {
            var copy = frame.AsSpan(offset, length).ToArray();
            Frames.Add(new SentFrame(destination, copy, _clock.MonotonicMilliseconds));
        }
    }

    /// <summary>The hub's side, as a test sets it up: which device may have which image, and what it was told.</summary>
    public sealed class TestPolicy : IOtaImagePolicy
    {
        public Dictionary<ulong, OtaOffer> Offers { get; } = new();
        public List<string> Events { get; } = new();
        public bool AcceptSuccessWithoutDownload { get; set; }

        public OtaOffer OfferFor(ulong device) => Offers.TryGetValue(device, out var offer) ? offer : null;

        public void QueryNextImage(ulong device, uint currentFileVersion, bool hasHardwareVersion, ushort hardwareVersion, byte answer) =>
            Events.Add($"query {device:X16} answer {answer:X2}");

        public void HardwareMismatch(ulong device, OtaOffer offer, ushort hardwareVersion) =>
            Events.Add($"hardware-mismatch {device:X16} hw {hardwareVersion:X4}");

        public void BlockServed(ulong device, OtaOffer offer, uint offset, int size, bool firstOfDownload)
        {
            if (firstOfDownload)
            {
                Events.Add($"first-block {device:X16}");
            }
        }

        public bool UpgradeEnded(ulong device, OtaOffer offer, byte status, bool downloadSeen)
        {
            Events.Add($"upgrade-end {device:X16} status {status:X2} download {(downloadSeen ? "seen" : "not seen")}");
            return downloadSeen || AcceptSuccessWithoutDownload;
        }
    }

    /// <summary>Server, clock, policy and recorder wired together, with helpers that speak as a client.</summary>
    public sealed class OtaTestBench
    {
        public static readonly int NwkSecuredApsPayload = CommsHub.Aps.ApsPayloadBudget.Compute(nwkSecurity: true, apsSecurity: false, sourceRouteRelays: 0);

        public OtaTestBench(OtaServerSettings settings = null)
        {
            Clock = new VirtualClock(new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc));
            Sender = new RecordingSender(Clock);
            Policy = new TestPolicy();
            Server = new OtaServer(Policy, Sender, Clock, settings ?? new OtaServerSettings());
        }

        public VirtualClock Clock { get; }
        public RecordingSender Sender { get; }
        public TestPolicy Policy { get; }
        public OtaServer Server { get; }

        public static OtaOffer Offer(byte[] file, OtaDeviceKind kind) => new OtaOffer(OtaFileParser.Parse(new ByteArrayImageSource(file)), kind);

        public SentFrame Request(ulong device, byte[] frame, int apsPayload = 0)
        {
            apsPayload = apsPayload == 0 ? NwkSecuredApsPayload : apsPayload;
            int before = Sender.Frames.Count;
            Server.Receive(device, frame, 0, frame.Length, apsPayload);
            return Sender.Frames.Count > before ? Sender.Frames[^1] : null;
        }
    }

    /// <summary>Client-side frames, encoded here independently of the server's code.</summary>
    public static class ClientFrames
    {
        public static byte[] Zcl(byte sequence, byte command, Action<BinaryWriter> payload, byte frameControl = 0x01)
        {
            var ms = new MemoryStream();
            var w = new BinaryWriter(ms);
            w.Write(frameControl);
            w.Write(sequence);
            w.Write(command);
            payload(w);
            return ms.ToArray();
        }

        public static byte[] QueryNextImage(byte seq, ushort mfr, ushort type, uint current, ushort? hw = null) =>
            Zcl(seq, 0x01, w => { w.Write((byte)(hw.HasValue ? 1 : 0)); w.Write(mfr); w.Write(type); w.Write(current); if (hw.HasValue) w.Write(hw.Value); });

        public static byte[] ImageBlock(byte seq, ushort mfr, ushort type, uint version, uint offset, byte max, ulong? ieee = null, ushort? minimumBlockPeriod = null) =>
            Zcl(seq, 0x03, w =>
            {
                w.Write((byte)((ieee.HasValue ? 1 : 0) | (minimumBlockPeriod.HasValue ? 2 : 0)));
                w.Write(mfr); w.Write(type); w.Write(version); w.Write(offset); w.Write(max);
                if (ieee.HasValue) w.Write(ieee.Value);
                if (minimumBlockPeriod.HasValue) w.Write(minimumBlockPeriod.Value);
            });

        public static byte[] ImagePage(byte seq, ushort mfr, ushort type, uint version, uint offset, byte max, ushort pageSize, ushort spacing) =>
            Zcl(seq, 0x04, w => { w.Write((byte)0); w.Write(mfr); w.Write(type); w.Write(version); w.Write(offset); w.Write(max); w.Write(pageSize); w.Write(spacing); });

        public static byte[] UpgradeEnd(byte seq, byte status, ushort mfr, ushort type, uint version) =>
            Zcl(seq, 0x06, w => { w.Write(status); w.Write(mfr); w.Write(type); w.Write(version); });

        public static byte[] QueryDeviceSpecificFile(byte seq, ulong ieee) =>
            Zcl(seq, 0x08, w => { w.Write(ieee); w.Write((ushort)0x1234); w.Write((ushort)0xFFC0); w.Write(1u); w.Write((ushort)2); });

        public static byte[] DefaultResponse(byte seq, byte command, byte status) =>
            Zcl(seq, 0x0B, w => { w.Write(command); w.Write(status); }, frameControl: 0x10);
    }

    /// <summary>The fields of a server frame, read here independently of the server's encoders.</summary>
    public sealed class ServerFrame
    {
        public ServerFrame(byte[] bytes)
        {
            var r = new BinaryReader(new MemoryStream(bytes));
            FrameControl = r.ReadByte();
            Sequence = r.ReadByte();
            Command = r.ReadByte();
            if ((FrameControl & 0x03) == 0)
            {
                AnsweredCommand = r.ReadByte();
                Status = r.ReadByte();
                return;
            }

            switch (Command)
            {
                case 0x02:
                    Status = r.ReadByte();
                    if (Status == 0) { Mfr = r.ReadUInt16(); Type = r.ReadUInt16(); Version = r.ReadUInt32(); Size = r.ReadUInt32(); }
                    break;
                case 0x05:
                    Status = r.ReadByte();
                    if (Status == 0x00) { Mfr = r.ReadUInt16(); Type = r.ReadUInt16(); Version = r.ReadUInt32(); Offset = r.ReadUInt32(); Data = r.ReadBytes(r.ReadByte()); }
                    else if (Status == 0x97) { CurrentTime = r.ReadUInt32(); RequestTime = r.ReadUInt32(); MinimumBlockPeriod = r.ReadUInt16(); }
                    break;
                case 0x07:
                    Mfr = r.ReadUInt16(); Type = r.ReadUInt16(); Version = r.ReadUInt32(); CurrentTime = r.ReadUInt32(); UpgradeTime = r.ReadUInt32();
                    break;
                case 0x00:
                    PayloadType = r.ReadByte(); Jitter = r.ReadByte(); Mfr = r.ReadUInt16(); Type = r.ReadUInt16(); Version = r.ReadUInt32();
                    break;
            }

            Trailing = (int)(r.BaseStream.Length - r.BaseStream.Position);
        }

        public byte FrameControl, Sequence, Command, AnsweredCommand, Status, PayloadType, Jitter;
        public ushort Mfr, Type, MinimumBlockPeriod;
        public uint Version, Size, Offset, CurrentTime, RequestTime, UpgradeTime;
        public byte[] Data = Array.Empty<byte>();
        public int Trailing;
    }
}
