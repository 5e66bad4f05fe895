using CommsHub.Nwk;
using CommsHub.Security;

namespace CommsHub.Benchmarks;

/// <summary>
/// AES calls (each one native call on the board) and AES blocks per security operation, counted through the
/// AES seam: what a frame costs the ESP32 whatever the PC's speed.
/// </summary>
public static class SecurityFigures
{
    public static void Print(TextWriter output)
    {
        var counter = new CountingBlock(new SoftwareAes());
        var security = new FrameSecurity(counter);
        security.SetKey(new byte[16], 0);

        output.WriteLine("operation                                          AES calls  AES blocks");
        var header = new NwkHeader();
        SecuredNwkFrameBenchmark.Fill(header, 1);
        byte[] frame = new byte[127];
        int headerLength = NwkFrameCodec.EncodeHeader(header, frame, 0);
        counter.Reset();
        int length = security.Secure(frame, 0, headerLength, SecuredNwkFrameBenchmark.PayloadLength, header.Auxiliary, header.Auxiliary.Source);
        Row(output, "secure largest NWK frame (" + length + " bytes)", counter);
        var decoded = new NwkHeader();
        NwkFrameCodec.Decode(frame, 0, length, decoded, SecurityLevel.Zigbee);
        counter.Reset();
        security.Unsecure(frame, 0, decoded.HeaderLength, decoded.PayloadLength, decoded.Auxiliary, decoded.Auxiliary.Source);
        Row(output, "verify and decrypt it", counter);

        counter.Reset();
        new InstallCode(counter).DeriveFromCode(new byte[16], 0, 16, new byte[16], 0);
        Row(output, "install code (16 bytes) -> link key", counter);
        counter.Reset();
        new KeyedHash(counter).KeyTransportKey(new byte[16], 0, new byte[16], 0);
        Row(output, "key-transport key from a link key", counter);
    }

    private static void Row(TextWriter output, string what, CountingBlock c) =>
        output.WriteLine($"{what,-50} {c.Calls,9}  {c.Blocks,10}");

    private sealed class CountingBlock(IAesBlock inner) : IAesBlock
    {
        public int Calls;
        public int Blocks;

        public void Reset() => Calls = Blocks = 0;

        public void SetKey(byte[] key, int offset) => inner.SetKey(key, offset);

        public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            Calls++;
            Blocks++;
            inner.EncryptBlock(input, inputOffset, output, outputOffset);
        }

        public void EncryptBlocks(byte[] buffer, int offset, int blocks)
        {
            Calls++;
            Blocks += blocks;
            inner.EncryptBlocks(buffer, offset, blocks);
        }

        public void CbcMac(byte[] buffer, int offset, int blocks, byte[] mac, int macOffset)
        {
            Calls++;
            Blocks += blocks;
            inner.CbcMac(buffer, offset, blocks, mac, macOffset);
        }
    }
}
