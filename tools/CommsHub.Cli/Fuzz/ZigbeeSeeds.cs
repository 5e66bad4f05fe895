using CommsHub.Aps;
using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Nwk;
using CommsHub.Security;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.Zdo;

namespace CommsHub.Cli.Fuzz;

/// <summary>
/// Valid NWK, APS and ZDO frames made by the project's own encoders, and the decode path a frame from the air takes
/// through each codec: the header, then the NWK key's MIC check or the command body.
/// </summary>
public static class ZigbeeSeeds
{
    private const ulong Hub = 0x00124B0001A2B3C4;
    private static readonly byte[] NwkKey = Convert.FromHexString("ABCDEF01234567890011223344556677");

    public static List<byte[]> NwkFrames()
    {
        var list = new List<byte[]>();
        foreach (int length in new[] { 0, 16, 60 })
        {
            list.Add(SecuredNwkData(new byte[length], sourceRoute: length == 16));
        }

        for (byte id = NwkCommandId.RouteRequest; id <= NwkCommandId.EndDeviceTimeoutResponse; id++)
        {
            var h = NwkHeaderFrom(NwkFrameType.Command, security: false);
            byte[] buffer = new byte[127];
            int at = NwkFrameCodec.EncodeHeader(h, buffer, 0);
            at += NwkCommandCodec.Encode(new NwkCommand { CommandId = id }, buffer, at);
            list.Add(buffer[..at]);
        }

        return list;
    }

    public static void DecodeNwk(byte[] b)
    {
        var h = new NwkHeader();
        if (NwkFrameCodec.Decode(b, 0, b.Length, h, SecurityLevel.Zigbee) != null)
        {
            return;
        }

        if (h.Security)
        {
            var security = new FrameSecurity(new SoftwareAes());
            security.SetKey(NwkKey, 0);
            if (security.Unsecure(b, 0, h.HeaderLength, h.PayloadLength, h.Auxiliary, h.Auxiliary.Source) != null)
            {
                return;
            }
        }

        if (h.FrameType == NwkFrameType.Command)
        {
            NwkCommandCodec.Decode(b, h.PayloadOffset, h.PayloadLength, new NwkCommand());
        }
    }

    public static List<byte[]> ApsFrames()
    {
        var list = new List<byte[]>();
        var data = new ApsHeader { FrameType = ApsFrameType.Data, DeliveryMode = ApsFrameType.Unicast, DestinationEndpoint = 1, Cluster = 0x0019, Profile = 0x0109, SourceEndpoint = 1, Counter = 7 };
        list.Add(Aps(data, Convert.FromHexString("01020300")));
        foreach (byte id in new[] { ApsCommandId.TransportKey, ApsCommandId.UpdateDevice, ApsCommandId.RemoveDevice, ApsCommandId.RequestKey, ApsCommandId.SwitchKey, ApsCommandId.VerifyKey, ApsCommandId.ConfirmKey })
        {
            var command = new ApsCommand { CommandId = id, KeyType = ApsCommandId.KeyTypeNetwork, DestinationIeee = 0x00DB1234567890A4, SourceIeee = Hub };
            byte[] body = new byte[64];
            int n = ApsCommandCodec.Encode(command, body, 0);
            list.Add(Aps(new ApsHeader { FrameType = ApsFrameType.Command, Counter = id }, body[..n]));
        }

        return list;
    }

    public static void DecodeAps(byte[] b)
    {
        var h = new ApsHeader();
        if (ApsFrameCodec.Decode(b, 0, b.Length, h, SecurityLevel.Zigbee) == null && h.FrameType == ApsFrameType.Command && !h.Security)
        {
            ApsCommandCodec.Decode(b, h.PayloadOffset, h.PayloadLength, new ApsCommand());
        }
    }

    /// <summary>Each seed is the ZDO cluster id (2 bytes, little-endian) and the frame, so mutations reach every cluster's decoder.</summary>
    public static List<byte[]> ZdoFrames()
    {
        var list = new List<byte[]>();
        foreach (var field in typeof(ZdoCluster).GetFields().Where(f => f.IsLiteral && f.FieldType == typeof(ushort)))
        {
            ushort cluster = (ushort)field.GetRawConstantValue()!;
            byte[] buffer = new byte[2 + 127];
            buffer[0] = (byte)cluster;
            buffer[1] = (byte)(cluster >> 8);
            int n = ZdoCodec.Encode(cluster, new ZdoFrame { Sequence = 1 }, buffer, 2);
            if (n > 0)
            {
                list.Add(buffer[..(2 + n)]);
            }
        }

        return list;
    }

    public static void DecodeZdo(byte[] b)
    {
        if (b.Length >= 2)
        {
            ZdoCodec.Decode((ushort)(b[0] | (b[1] << 8)), b, 2, b.Length - 2, new ZdoFrame());
        }
    }

    /// <summary>
    /// Key Establishment payloads, each behind one byte naming the command (0 Initiate, 1 Ephemeral Data, 2 Confirm Key,
    /// 3 Terminate), so mutations reach every decoder; certificates come from the test CA for both suites.
    /// </summary>
    public static List<byte[]> KeyEstablishmentPayloads()
    {
        var list = new List<byte[]>();
        var random = new Org.BouncyCastle.Security.SecureRandom();
        random.SetSeed(1);
        foreach (int suite in new[] { 1, 2 })
        {
            var ca = new TestCertificateAuthority(suite, Org.BouncyCastle.Math.BigInteger.ValueOf(0x1234567 + suite), random);
            var issued = ca.Issue(0x00DB1234567890A4, TestCertificateAuthority.TestIssuer, 0, 0xFFFFFFFF, 0x88, 1);
            byte[] buffer = new byte[1 + 4 + issued.Certificate.Length];
            int n = KeyEstablishmentFrames.EncodeInitiate((ushort)suite, 10, 2, issued.Certificate, 0, issued.Certificate.Length, buffer, 1);
            list.Add(buffer[..(1 + n)]);
            byte[] point = new byte[1 + issued.PublicKey.Length];
            point[0] = 1;
            n = KeyEstablishmentFrames.EncodeEphemeralData(issued.PublicKey, 0, issued.PublicKey.Length, point, 1);
            list.Add(point[..(1 + n)]);
        }

        byte[] confirm = new byte[1 + KeyEstablishmentSuite.MacLength];
        confirm[0] = 2;
        KeyEstablishmentFrames.EncodeConfirmKeyData(new byte[KeyEstablishmentSuite.MacLength], 0, confirm, 1);
        list.Add(confirm);
        byte[] terminate = new byte[8];
        terminate[0] = 3;
        int t = KeyEstablishmentFrames.EncodeTerminate(KeyEstablishmentStatus.BadMessage, 10, KeyEstablishmentSuite.Suite2, terminate, 1);
        list.Add(terminate[..(1 + t)]);
        return list;
    }

    public static void DecodeKeyEstablishment(byte[] b)
    {
        if (b.Length == 0)
        {
            return;
        }

        switch (b[0] & 3)
        {
            case 0: KeyEstablishmentFrames.DecodeInitiate(b, 1, b.Length - 1, new InitiateKeyEstablishment()); break;
            case 1:
                KeyEstablishmentFrames.CheckEphemeralData(b, 1, b.Length - 1, KeyEstablishmentSuite.Suite1);
                KeyEstablishmentFrames.CheckEphemeralData(b, 1, b.Length - 1, KeyEstablishmentSuite.Suite2);
                break;
            case 2: KeyEstablishmentFrames.CheckConfirmKeyData(b, 1, b.Length - 1); break;
            default: KeyEstablishmentFrames.DecodeTerminate(b, 1, b.Length - 1, new TerminateKeyEstablishment()); break;
        }
    }

    private static byte[] SecuredNwkData(byte[] payload, bool sourceRoute)
    {
        var h = NwkHeaderFrom(NwkFrameType.Data, security: true);
        if (sourceRoute)
        {
            h.SourceRoute = true;
            h.RelayCount = 2;
            h.RelayIndex = 1;
            h.Relays[0] = 0x2222;
            h.Relays[1] = 0x1111;
        }

        byte[] buffer = new byte[127];
        int headerLength = NwkFrameCodec.HeaderLength(h);
        NwkFrameCodec.EncodeHeader(h, buffer, 0);
        Array.Copy(payload, 0, buffer, headerLength, payload.Length);
        var security = new FrameSecurity(new SoftwareAes());
        security.SetKey(NwkKey, 0);
        int length = security.Secure(buffer, 0, headerLength, payload.Length, h.Auxiliary, Hub);
        return buffer[..length];
    }

    private static NwkHeader NwkHeaderFrom(int frameType, bool security)
    {
        var h = new NwkHeader();
        h.Reset();
        h.FrameType = frameType;
        h.Security = security;
        h.HasSourceIeee = true;
        h.SourceIeee = Hub;
        h.Destination = 0x1234;
        h.Radius = 30;
        h.Sequence = 0x42;
        h.Auxiliary.KeyId = AuxiliaryHeader.KeyIdNetwork;
        h.Auxiliary.ExtendedNonce = true;
        h.Auxiliary.Source = Hub;
        h.Auxiliary.FrameCounter = 0x00010203;
        return h;
    }

    private static byte[] Aps(ApsHeader h, byte[] payload)
    {
        byte[] buffer = new byte[127];
        int at = ApsFrameCodec.EncodeHeader(h, buffer, 0);
        Array.Copy(payload, 0, buffer, at, payload.Length);
        return buffer[..(at + payload.Length)];
    }
}
