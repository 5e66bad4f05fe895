using System.Buffers.Binary;
using System.Text;

namespace CommsHub.Cli.Ota;

/// <summary>
/// Builds a Zigbee OTA Upgrade file (ZCL OTA cluster, file format section): the header with its optional fields,
/// then sub-elements (tag, 32-bit length, data); optionally an image integrity code (tag 0x0003), the AES-MMO
/// hash of everything before it, as the last element.
/// </summary>
public sealed class OtaFileWriter
{
    public const uint Magic = 0x0BEEF11E;
    public const int HeaderStringLength = 32;

    public ushort ManufacturerCode { get; init; }
    public ushort ImageType { get; init; }
    public uint FileVersion { get; init; }
    public ushort StackVersion { get; init; } = 0x0002;
    public string HeaderString { get; init; } = "";
    public byte? SecurityCredentialVersion { get; init; }
    public ulong? Destination { get; init; }
    public ushort? MinimumHardwareVersion { get; init; }
    public ushort? MaximumHardwareVersion { get; init; }
    public bool IntegrityCode { get; init; }

    /// <summary>Sub-elements in file order: (tag, data). The upgrade image is tag 0x0000.</summary>
    public List<(ushort Tag, byte[] Data)> Elements { get; } = new();

    public byte[] Build()
    {
        byte[] headerString = Encoding.ASCII.GetBytes(HeaderString);
        if (headerString.Length > HeaderStringLength || HeaderString.Any(c => c > 0x7E || c < 0x20))
        {
            throw new InputException($"--header-string takes at most {HeaderStringLength} printable ASCII characters");
        }

        if ((MinimumHardwareVersion is null) != (MaximumHardwareVersion is null) || MinimumHardwareVersion > MaximumHardwareVersion)
        {
            throw new InputException("--hardware-versions takes MIN-MAX with MIN <= MAX");
        }

        int headerLength = 56 + (SecurityCredentialVersion is null ? 0 : 1) + (Destination is null ? 0 : 8) + (MinimumHardwareVersion is null ? 0 : 4);
        long total = headerLength + Elements.Sum(e => 6L + e.Data.Length) + (IntegrityCode ? 6 + 16 : 0);
        if (total > int.MaxValue)
        {
            throw new InputException("the file would be larger than 2 GiB");
        }

        var file = new byte[total];
        var s = file.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(s[4..], 0x0100);
        BinaryPrimitives.WriteUInt16LittleEndian(s[6..], (ushort)headerLength);
        int control = (SecurityCredentialVersion is null ? 0 : 1) | (Destination is null ? 0 : 2) | (MinimumHardwareVersion is null ? 0 : 4);
        BinaryPrimitives.WriteUInt16LittleEndian(s[8..], (ushort)control);
        BinaryPrimitives.WriteUInt16LittleEndian(s[10..], ManufacturerCode);
        BinaryPrimitives.WriteUInt16LittleEndian(s[12..], ImageType);
        BinaryPrimitives.WriteUInt32LittleEndian(s[14..], FileVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(s[18..], StackVersion);
        headerString.CopyTo(s[20..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[52..], (uint)total);
        int at = 56;
        if (SecurityCredentialVersion is { } credential)
        {
            file[at++] = credential;
        }

        if (Destination is { } destination)
        {
            // The upgrade file destination is an IEEE address, little-endian like every ZCL integer.
            BinaryPrimitives.WriteUInt64LittleEndian(s[at..], destination);
            at += 8;
        }

        if (MinimumHardwareVersion is { } min)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(s[at..], min);
            BinaryPrimitives.WriteUInt16LittleEndian(s[(at + 2)..], MaximumHardwareVersion.Value);
            at += 4;
        }

        foreach (var (tag, data) in Elements)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(s[at..], tag);
            BinaryPrimitives.WriteUInt32LittleEndian(s[(at + 2)..], (uint)data.Length);
            data.CopyTo(s[(at + 6)..]);
            at += 6 + data.Length;
        }

        if (IntegrityCode)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(s[at..], 0x0003);
            BinaryPrimitives.WriteUInt32LittleEndian(s[(at + 2)..], 16);
            AesMmo.Hash(file[..at]).CopyTo(s[(at + 6)..]);
        }

        return file;
    }
}
