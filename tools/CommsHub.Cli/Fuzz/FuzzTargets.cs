using System.Text;
using CommsHub.Alerts;
using CommsHub.Alerts.Gbcs;
using CommsHub.Cli.Bench;
using CommsHub.Cli.Wan;
using CommsHub.Crypto;
using CommsHub.Mac;
using CommsHub.Ota;
using CommsHub.Ota.Files;
using CommsHub.Ota.Frames;
using CommsHub.Ota.Server;
using CommsHub.Storage.Metadata;
using CommsHub.Wan.Link;
using CommsHub.Wan.Messages;
using CommsHub.Zcl;

namespace CommsHub.Cli.Fuzz;

/// <summary>
/// Every fuzz target. A new decoder of bytes from outside is one line in <see cref="All"/>: a name, what it decodes,
/// seeds from its encoder, and the call (for example NWK, APS, ZDO and key-establishment codecs as they land).
/// </summary>
public static class FuzzTargets
{
    public static readonly FuzzTarget[] All =
    {
        FuzzTarget.Decoder("mac", "802.15.4 MAC frames (MacFrameCodec)", Seeds.MacFrames, b => MacFrameCodec.Decode(b, 0, b.Length, new MacFrame())),
        FuzzTarget.Decoder("beacon", "Zigbee beacon payload", Seeds.Beacons, b => new ZigbeeBeacon().Decode(b, 0, b.Length)),
        FuzzTarget.Decoder("zcl-attributes", "ZCL foundation requests to the Basic, Time and Keep-Alive servers", AttributeRequests, ServeAttributeRequest),
        FuzzTarget.Decoder("zcl-ota", "ZCL header and OTA cluster requests", Seeds.OtaRequests, DecodeOtaRequest),
        FuzzTarget.Decoder("ota-file", "OTA upgrade files (OtaFileParser)", Seeds.OtaFiles, b => OtaFileParser.Parse(new ByteArrayImageSource(b))),
        FuzzTarget.Decoder("cobs", "COBS link framing", Seeds.LinkWire, b => Cobs.Decode(b, 0, b.Length, new byte[LinkFrame.Overhead + LinkFrame.MaximumPayload], 0)),
        FuzzTarget.Decoder("link-frame", "a link frame as the head-end decodes it (wan decode)", Seeds.LinkWire, b => LinkFrameDecoder.Decode(b.Length > 0 && b[^1] == 0 ? b : b.Append((byte)0).ToArray(), null)),
        FuzzTarget.Decoder("wan-message", "hub-to-head-end messages (Status, ImageReply, alerts, reports)", Seeds.HubMessages, DecodeHubMessage),
        FuzzTarget.Decoder("gbcs", "GBCS general signing frame, CCS08 DER content and its signature", Seeds.Alerts, b => AlertDecoder.Decode(b, Seeds.AlertPublicKey)),
        new FuzzTarget("signer-key", "a signer's certificate (PEM) for wan decode --cert", Seeds.SignerCertificates, () => new SignerKeyInstance()) { IsRefusal = SignerKeyInstance.IsRefusal },
        FuzzTarget.Decoder("metadata", "image store metadata records (StoreStateCodec)", Seeds.MetadataRecords, DecodeMetadata),
        FuzzTarget.Decoder("nwk", "Zigbee NWK frames: header, auxiliary security header, MIC check, commands", ZigbeeSeeds.NwkFrames, ZigbeeSeeds.DecodeNwk),
        FuzzTarget.Decoder("aps", "Zigbee APS frames: header, extended header, commands (Transport-Key, Update-Device, ...)", ZigbeeSeeds.ApsFrames, ZigbeeSeeds.DecodeAps),
        FuzzTarget.Decoder("key-establishment", "Key Establishment cluster payloads and implicit certificates (suites 1 and 2)", ZigbeeSeeds.KeyEstablishmentPayloads, ZigbeeSeeds.DecodeKeyEstablishment),
        FuzzTarget.Decoder("zdo", "ZDO requests and responses of every cluster", ZigbeeSeeds.ZdoFrames, ZigbeeSeeds.DecodeZdo),
        new FuzzTarget("scenario", "bench scenario text", Seeds.ScenarioTexts, () => new ScenarioInstance()) { IsRefusal = e => e is ScenarioException },
        FuzzHubTargets.CoordinatorMac,
        FuzzHubTargets.WanLinkReceiver,
        FuzzHubTargets.WanServiceInHub,
        FuzzHubTargets.OtaServerReceiver,
        FuzzHanStackTarget.HanStack,
    };

    private static void DecodeOtaRequest(byte[] b)
    {
        var reader = new ZclReader();
        reader.Reset(b, 0, b.Length);
        var header = new ZclHeader();
        if (!header.Decode(reader))
        {
            return;
        }

        switch (header.CommandId)
        {
            case OtaCommand.QueryNextImageRequest: new QueryNextImageRequest().Decode(reader); break;
            case OtaCommand.ImageBlockRequest: new ImageBlockRequest().Decode(reader); break;
            case OtaCommand.ImagePageRequest: new ImagePageRequest().Decode(reader); break;
            case OtaCommand.UpgradeEndRequest: new UpgradeEndRequest().Decode(reader); break;
        }
    }

    private static readonly CommsHub.Zcl.ZclAttributeServer[] AttributeServers =
    {
        new CommsHub.Clusters.Basic.BasicServer().Server,
        new CommsHub.Clusters.KeepAlive.KeepAliveServer().Server,
        TrustedTimeServer().Server,
    };

    private static readonly byte[] AttributeResponse = new byte[128];

    private static CommsHub.Clusters.Time.TimeServer TrustedTimeServer()
    {
        var time = new CommsHub.Clusters.Time.TimeServer(new CommsHub.VirtualBoard.Emulators.VirtualClock(new DateTime(2026, 3, 29, 0, 59, 0)));
        time.OnClockSetByWan();
        return time;
    }

    private static List<byte[]> AttributeRequests() => new()
    {
        new byte[] { 0x00, 0x01, ZclGlobalCommand.ReadAttributes, 0x00, 0x00, 0x04, 0x00, 0x00, 0x40, 0x34, 0x12 },
        new byte[] { 0x00, 0x02, ZclGlobalCommand.DiscoverAttributes, 0x00, 0x00, 0xFF },
        new byte[] { 0x00, 0x03, ZclGlobalCommand.ConfigureReporting, 0x00, 0x00, 0x00, 0x21, 0x01, 0x00, 0x10, 0x0E, 0x05, 0x00, 0x01, 0x01, 0x00, 0x3C, 0x00 },
        new byte[] { 0x04, 0x34, 0x12, 0x04, 0x02, 0x00, 0x00, 0x20, 0x01 },
    };

    /// <summary>Every server answers within the capacity it was given, whatever the frame holds.</summary>
    private static void ServeAttributeRequest(byte[] b)
    {
        int capacity = CommsHub.Zcl.ZclAttributeServer.MinimumResponseCapacity + (b.Length % 64);
        foreach (var server in AttributeServers)
        {
            int n = server.Handle(b, 0, b.Length, AttributeResponse, 0, capacity);
            if (n > capacity)
            {
                throw new InvalidOperationException("a response of " + n + " bytes for a capacity of " + capacity);
            }
        }
    }

    private static void DecodeHubMessage(byte[] b)
    {
        var r = new WanBuffer(0);
        r.Wrap(b, 0, b.Length);
        r.Position = Math.Min(3, b.Length);
        byte type = b.Length > 0 ? b[0] : (byte)0;
        if (type == WanMessageType.Status)
        {
            HubStatus.Read(r).Write(TextWriter.Null);
        }
        else if (type == WanMessageType.ImageReply)
        {
            _ = ImageReply.Read(r).StatusName;
        }
        else
        {
            // Alerts and reports go through the head-end's own listener, as they arrive unsolicited.
            Seeds.HeadEndListener.PayloadReceived(b, 0, b.Length);
            Seeds.HeadEndListener.Reports.Clear();
            Seeds.HeadEndListener.NewAlerts.Clear();
        }
    }

    /// <summary>A record the codec accepts must be one it would have written: decode, encode, compare.</summary>
    private static void DecodeMetadata(byte[] b)
    {
        StoreState state = StoreStateCodec.Decode(b, 0, b.Length);
        if (state == null)
        {
            return;
        }

        byte[] again = new byte[StoreStateCodec.MaximumLength];
        int n = StoreStateCodec.Encode(state, again, 0);
        if (!again.AsSpan(0, n).SequenceEqual(b))
        {
            throw new InvalidDataException("an accepted record does not re-encode to itself");
        }
    }

    /// <summary>
    /// The certificate goes through the same call `wan decode --cert` makes, which refuses bad input with an
    /// InputException naming what is wrong: that is the refusal, anything else fails.
    /// </summary>
    private sealed class SignerKeyInstance : IFuzzInstance
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), "commshub-fuzz-" + Environment.ProcessId + ".pem");

        public static bool IsRefusal(Exception e) => e is InputException;

        public void Feed(byte[] input)
        {
            File.WriteAllBytes(_path, input);
            byte[] key = AlertDecoder.PublicKey(_path);
            if (key.Length != 64)
            {
                throw new InvalidOperationException("a P-256 public key of " + key.Length + " bytes");
            }
        }

        public string Check()
        {
            File.WriteAllBytes(_path, Seeds.SignerCertificates()[0]);
            bool same = AlertDecoder.PublicKey(_path).AsSpan().SequenceEqual(Seeds.SignerPublicKey);
            File.Delete(_path);
            return same ? null : "the signer's public key reads back wrong";
        }
    }

    private sealed class ScenarioInstance : IFuzzInstance
    {
        public void Feed(byte[] input) => Scenario.Parse(Encoding.UTF8.GetString(input), "fuzz");

        public string Check() => Scenario.Parse(Encoding.UTF8.GetString(Seeds.ScenarioTexts()[0]), "fuzz").Devices.Count > 0 ? null : "the demo scenario lost its devices";
    }
}
