using BenchmarkDotNet.Attributes;
using CommsHub.Ota.Files;
using CommsHub.Ota.Server;
using CommsHub.VirtualBoard.Emulators;

namespace CommsHub.Benchmarks;

/// <summary>
/// One Image Block Request in, one Image Block Response out, in steady state: the client is known, the
/// image is offered, the block is read from the image source into the server's frame buffer.
/// Target: zero bytes allocated per response (the device's garbage collector is the scarce resource).
/// </summary>
[MemoryDiagnoser]
public class ImageBlockResponseBenchmark
{
    private const ulong Device = 0x00DB1234567890A4;
    private OtaServer _server = null!;
    private byte[][] _requests = null!;
    private int _next;

    [Params(64, 255)]
    public int MaximumDataSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        byte[] image = SyntheticOtaImage.Build(350 * 1024);
        var offer = new OtaOffer(OtaFileParser.Parse(new ByteArrayImageSource(image)), OtaDeviceKind.Ppmid);
        var clock = new VirtualClock(new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc));
        _server = new OtaServer(new SingleOfferPolicy(Device, offer), new DiscardingSender(), clock, new OtaServerSettings());

        // Requests walk through the image so every response reads a different block, as a real download does.
        _requests = new byte[256][];
        for (int i = 0; i < _requests.Length; i++)
        {
            _requests[i] = SyntheticOtaImage.BlockRequest((byte)i, (uint)(i * 64), (byte)MaximumDataSize);
        }

        _server.Receive(Device, _requests[0], 0, _requests[0].Length, 127);
    }

    [Benchmark(Description = "Image Block Request -> Image Block Response")]
    public void ServeOneBlock()
    {
        byte[] request = _requests[_next++ & 255];
        _server.Receive(Device, request, 0, request.Length, 127);
    }

    private sealed class DiscardingSender : IZclSender
    {
        public int Bytes;

        public void Send(ulong destination, byte[] frame, int offset, int length) => Bytes += length;
    }

    private sealed class SingleOfferPolicy(ulong device, OtaOffer offer) : IOtaImagePolicy
    {
        public OtaOffer OfferFor(ulong d) => d == device ? offer : null!;

        public void QueryNextImage(ulong d, uint current, bool hasHw, ushort hw, byte answer) { }

        public void HardwareMismatch(ulong d, OtaOffer o, ushort hw) { }

        public void BlockServed(ulong d, OtaOffer o, uint offset, int size, bool first) { }

        public bool UpgradeEnded(ulong d, OtaOffer o, byte status, bool seen) => seen;
    }
}
