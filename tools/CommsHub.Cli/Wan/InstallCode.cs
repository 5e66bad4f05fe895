namespace CommsHub.Cli.Wan;

/// <summary>
/// A Zigbee install code as printed on a device: 6, 8, 12 or 16 bytes followed by their CRC-16/X.25, low byte first.
/// </summary>
public static class InstallCode
{
    public static readonly int[] CodeLengths = { 6, 8, 12, 16 };

    /// <summary>CRC-16/X.25: reflected polynomial 0x1021 (0x8408), initial 0xFFFF, final XOR 0xFFFF.</summary>
    public static ushort Crc(ReadOnlySpan<byte> data)
    {
        int crc = 0xFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
            }
        }

        return (ushort)(crc ^ 0xFFFF);
    }

    /// <summary>Null when <paramref name="codeWithCrc"/> is a well-formed install code, otherwise what is wrong.</summary>
    public static string Problem(byte[] codeWithCrc)
    {
        int length = codeWithCrc.Length - 2;
        if (Array.IndexOf(CodeLengths, length) < 0)
        {
            return $"an install code is 6, 8, 12 or 16 bytes followed by its 2-byte CRC (8, 10, 14 or 18 bytes in all), not {codeWithCrc.Length} bytes";
        }

        ushort expected = Crc(codeWithCrc.AsSpan(0, length));
        ushort given = (ushort)(codeWithCrc[length] | (codeWithCrc[length + 1] << 8));
        return expected == given ? null
            : $"the install code's CRC is {codeWithCrc[length]:X2} {codeWithCrc[length + 1]:X2}, but CRC-16/X.25 of its {length} bytes is {expected & 0xFF:X2} {expected >> 8:X2} (low byte first)";
    }
}
