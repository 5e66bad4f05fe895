using System.Text.Json;
using System.Text.Json.Serialization;
using CommsHub.Ota.Files;
using CommsHub.Platform;

namespace CommsHub.Cli.Ota;

/// <summary>
/// What `commshub ota inspect` reports. The JSON form is a stable interface (field names documented in
/// tools/CommsHub.Cli/README.md): identifiers are hex strings as Zigbee writes them, sizes and offsets numbers.
/// </summary>
public sealed record OtaInspectReport(
    string File,
    bool Servable,
    long FileSize,
    int MagicOffset,
    long? DeclaredSize,
    long AvailableSize,
    OtaInspectHeader Header,
    IReadOnlyList<OtaInspectSubElement> SubElements,
    IReadOnlyList<OtaInspectDiagnostic> Diagnostics)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static OtaInspectReport From(string path, OtaFile file)
    {
        var h = file.Header;
        var header = h is null ? null : new OtaInspectHeader(
            "0x" + Hex.Format(h.HeaderVersion, 4),
            h.HeaderLength,
            "0x" + Hex.Format(h.FieldControl, 4),
            "0x" + Hex.Format(h.ManufacturerCode, 4),
            "0x" + Hex.Format(h.ImageType, 4),
            "0x" + Hex.Format(h.FileVersion, 8),
            "0x" + Hex.Format(h.ZigbeeStackVersion, 4),
            h.HeaderString,
            h.TotalImageSize,
            h.HasSecurityCredentialVersion ? h.SecurityCredentialVersion : null,
            h.HasUpgradeFileDestination ? Eui64.FromValue(h.UpgradeFileDestination).ToString() : null,
            h.HasHardwareVersions ? "0x" + Hex.Format(h.MinimumHardwareVersion, 4) : null,
            h.HasHardwareVersions ? "0x" + Hex.Format(h.MaximumHardwareVersion, 4) : null);
        var elements = Enumerable.Range(0, file.SubElementCount).Select(file.SubElement)
            .Select(e => new OtaInspectSubElement("0x" + Hex.Format(e.Tag, 4), OtaSubElement.TagName(e.Tag), e.Offset, e.Length)).ToList();
        var diagnostics = Enumerable.Range(0, file.DiagnosticCount).Select(file.Diagnostic)
            .Select(d => new OtaInspectDiagnostic(d.Severity.ToString().ToLowerInvariant(), d.Code, d.Message)).ToList();
        return new OtaInspectReport(path, file.IsServable, file.Source.Length, file.MagicOffset, h?.TotalImageSize, file.AvailableSize, header, elements, diagnostics);
    }

    private static readonly JsonSerializerOptions JsonLine = new(Json) { WriteIndented = false };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The same object on one line, for one-object-per-line output over several files.</summary>
    public string ToJsonLine() => JsonSerializer.Serialize(this, JsonLine);

    /// <summary>One line for a listing of many files: verdict, identity, and the first error or warning.</summary>
    public string OneLine()
    {
        string id = Header is { } h ? $"manufacturer {h.ManufacturerCode} type {h.ImageType} version {h.FileVersion}" : "no header";
        var worst = Diagnostics.FirstOrDefault(d => d.Severity == "error") ?? Diagnostics.FirstOrDefault(d => d.Severity == "warning");
        return $"{File}: {(Servable ? "servable" : "REFUSED")}, {FileSize} bytes, {id}" + (worst is null ? "" : $", {worst.Severity}: {worst.Code}");
    }

    public void WriteText(TextWriter o)
    {
        o.WriteLine($"{File}: {(Servable ? "servable" : "REFUSED")}");
        o.WriteLine($"  file size            {FileSize} bytes" + (MagicOffset > 0 ? $" (OTA data starts at byte {MagicOffset})" : ""));
        if (Header is { } h)
        {
            o.WriteLine($"  header version       {h.HeaderVersion}");
            o.WriteLine($"  header length        {h.HeaderLength}");
            o.WriteLine($"  field control        {h.FieldControl}");
            o.WriteLine($"  manufacturer code    {h.ManufacturerCode}");
            o.WriteLine($"  image type           {h.ImageType}");
            o.WriteLine($"  file version         {h.FileVersion}");
            o.WriteLine($"  zigbee stack version {h.ZigbeeStackVersion}");
            o.WriteLine($"  header string        \"{h.HeaderString}\"");
            o.WriteLine($"  total image size     {h.TotalImageSize} declared, {AvailableSize} present");
            o.WriteLine($"  security credential  {(h.SecurityCredentialVersion is { } s ? s.ToString() : "absent")}");
            o.WriteLine($"  destination          {h.UpgradeFileDestination ?? "absent (any device)"}");
            o.WriteLine($"  hardware versions    {(h.MinimumHardwareVersion is null ? "absent (any hardware)" : h.MinimumHardwareVersion + " to " + h.MaximumHardwareVersion)}");
        }

        o.WriteLine(SubElements.Count == 0 ? "  sub-elements         none" : "  sub-elements");
        foreach (var e in SubElements)
        {
            o.WriteLine($"    {e.Tag} {e.Name,-36} at {e.Offset,8}, {e.Length,8} bytes");
        }

        foreach (var d in Diagnostics)
        {
            o.WriteLine($"  {d.Severity}: {d.Code}: {d.Message}");
        }
    }
}

public sealed record OtaInspectHeader(
    string HeaderVersion, int HeaderLength, string FieldControl, string ManufacturerCode, string ImageType, string FileVersion,
    string ZigbeeStackVersion, string HeaderString, long TotalImageSize, int? SecurityCredentialVersion, string UpgradeFileDestination,
    string MinimumHardwareVersion, string MaximumHardwareVersion);

public sealed record OtaInspectSubElement(string Tag, string Name, int Offset, long Length);

public sealed record OtaInspectDiagnostic(string Severity, string Code, string Message);
