using BenchmarkDotNet.Attributes;
using CommsHub.Nwk;
using CommsHub.Security;
using CommsHub.VirtualBoard.Crypto;

namespace CommsHub.Benchmarks;

/// <summary>
/// The largest secured NWK data frame the hub sends or receives (a 116-byte NWK frame in a 127-byte PHY
/// packet: header 8, auxiliary header 14, payload 90, MIC 4): encoded in front of a payload already in
/// place and secured, or decoded and checked and decrypted in place. Target: 0 bytes allocated both ways.
/// </summary>
[MemoryDiagnoser]
public class SecuredNwkFrameBenchmark
{
    public const int PayloadLength = 90;

    private readonly NwkHeader _header = new();
    private readonly NwkHeader _decoded = new();
    private readonly byte[] _buffer = new byte[127];
    private readonly byte[] _received = new byte[127];
    private byte[] _frame = null!;
    private FrameSecurity _security = null!;
    private uint _counter;

    [Params("host", "managed")]
    public string Aes { get; set; } = "host";

    [GlobalSetup]
    public void Setup()
    {
        IAesBlock aes = Aes == "host" ? new DotNetAes() : new SoftwareAes();
        _security = new FrameSecurity(aes);
        _security.SetKey(Convert.FromHexString("ABCDEF01234567890000000000000000"), 0);
        Fill(_header, 1);
        int length = Encode();
        _frame = _buffer[..length];
    }

    [Benchmark(Description = "secure and encode a largest NWK frame")]
    public int EncodeSecured()
    {
        _header.Auxiliary.FrameCounter = ++_counter;
        return Encode();
    }

    [Benchmark(Description = "decode, verify and decrypt a largest NWK frame")]
    public int DecodeSecured()
    {
        Array.Copy(_frame, _received, _frame.Length);
        if (NwkFrameCodec.Decode(_received, 0, _frame.Length, _decoded, SecurityLevel.Zigbee) != null
            || _security.Unsecure(_received, 0, _decoded.HeaderLength, _decoded.PayloadLength, _decoded.Auxiliary, _decoded.Auxiliary.Source) != null)
        {
            throw new InvalidOperationException("the frame did not decode");
        }

        return _decoded.PayloadLength;
    }

    public static void Fill(NwkHeader h, uint counter)
    {
        h.Reset();
        h.FrameType = NwkFrameType.Data;
        h.Security = true;
        h.Destination = 0x1234;
        h.Radius = 30;
        h.Sequence = 1;
        h.Auxiliary.Source = 0x00124B0001020304;
        h.Auxiliary.FrameCounter = counter;
    }

    private int Encode()
    {
        int headerLength = NwkFrameCodec.HeaderLength(_header);
        for (int i = 0; i < PayloadLength; i++)
        {
            _buffer[headerLength + i] = (byte)i;
        }

        NwkFrameCodec.EncodeHeader(_header, _buffer, 0);
        return _security.Secure(_buffer, 0, headerLength, PayloadLength, _header.Auxiliary, _header.Auxiliary.Source);
    }
}
