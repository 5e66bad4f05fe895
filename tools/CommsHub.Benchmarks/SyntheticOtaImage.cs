namespace CommsHub.Benchmarks;

/// <summary>A plain OTA file (header with hardware versions, one upgrade image element) and block requests for it.</summary>
public static class SyntheticOtaImage
{
    public const ushort Manufacturer = 0x1234;
    public const ushort ImageType = 0x0001;
    public const uint FileVersion = 0x0123ABCD;

    public static byte[] Build(int imageBytes)
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(0x0BEEF11Eu);
        w.Write((ushort)0x0100);
        w.Write((ushort)60);
        w.Write((ushort)0x0004);
        w.Write(Manufacturer);
        w.Write(ImageType);
        w.Write(FileVersion);
        w.Write((ushort)2);
        w.Write(new byte[32]);
        w.Write((uint)(60 + 6 + imageBytes));
        w.Write((ushort)0);
        w.Write((ushort)0xFFFF);
        w.Write((ushort)0x0000);
        w.Write((uint)imageBytes);
        var body = new byte[imageBytes];
        new Random(1).NextBytes(body);
        w.Write(body);
        return ms.ToArray();
    }

    public static byte[] BlockRequest(byte sequence, uint offset, byte maximumDataSize)
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write((byte)0x01);
        w.Write(sequence);
        w.Write((byte)0x03);
        w.Write((byte)0x00);
        w.Write(Manufacturer);
        w.Write(ImageType);
        w.Write(FileVersion);
        w.Write(offset);
        w.Write(maximumDataSize);
        return ms.ToArray();
    }
}
