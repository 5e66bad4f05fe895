using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CommsHub.Ota.Files;

namespace CommsHub.Cli.Ota;

/// <summary>commshub ota: inspect OTA files as the hub would, and create them from a firmware binary.</summary>
public static class OtaCommand
{
    public const int Refused = ExitCodes.Refused;

    public static Command Build()
    {
        var ota = CommandLine.Group("ota", "Zigbee OTA Upgrade files: check them as the hub would, or make one from a firmware binary.");
        ota.Subcommands.Add(BuildInspect());
        ota.Subcommands.Add(BuildCreate());
        return ota;
    }

    private static Command BuildInspect()
    {
        var files = new Argument<string[]>("FILE") { Description = "OTA files, or folders whose files are all inspected", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "JSON: one object for one file; one object per line for several (fields in the CLI README)" };
        var inspect = new Command("inspect", """
            Check OTA files as the hub does before serving them: header, sub-elements, diagnostics.
            One file: the full report. Several files or a folder: one line per file and a summary.
            The header string is shown up to its first NUL byte, as the hub reads it.
            Exit 0 all servable, 2 a file is refused or cannot be read.
            """) { files, json };
        inspect.SetAction(p => Inspect(p.GetValue(files), p.GetValue(json), p.InvocationConfiguration.Output, p.InvocationConfiguration.Error));
        return inspect;
    }

    public static int Inspect(string[] inputs, bool json, TextWriter output, TextWriter error)
    {
        var paths = new List<string>();
        foreach (string input in inputs)
        {
            if (Directory.Exists(input))
            {
                paths.AddRange(Directory.GetFiles(input).OrderBy(f => f, StringComparer.Ordinal));
            }
            else
            {
                paths.Add(input);
            }
        }

        bool single = inputs.Length == 1 && paths.Count == 1 && !Directory.Exists(inputs[0]);
        int servable = 0, refused = 0, unreadable = 0;
        foreach (string path in paths)
        {
            OtaInspectReport report;
            try
            {
                using var source = new FileImageSource(path);
                report = OtaInspectReport.From(path, OtaFileParser.Parse(source));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unreadable++;
                error.WriteLine($"commshub: cannot read {path}: {e.Message}");
                if (!single)
                {
                    output.WriteLine(json ? JsonSerializer.Serialize(new { file = path, servable = false, error = e.Message }) : $"{path}: UNREADABLE ({e.Message})");
                }

                continue;
            }

            if (report.Servable)
            {
                servable++;
            }
            else
            {
                refused++;
            }

            if (single)
            {
                if (json)
                {
                    output.WriteLine(report.ToJson());
                }
                else
                {
                    report.WriteText(output);
                }
            }
            else
            {
                output.WriteLine(json ? report.ToJsonLine() : report.OneLine());
            }
        }

        if (!single && !json)
        {
            output.WriteLine($"{paths.Count} file(s): {servable} servable, {refused} refused, {unreadable} unreadable");
        }

        return refused + unreadable == 0 ? ExitCodes.Ok : ExitCodes.Refused;
    }

    private static Command BuildCreate()
    {
        var firmware = new Argument<string>("FIRMWARE") { Description = "the firmware binary: it becomes the upgrade image sub-element (tag 0x0000)" };
        var manufacturer = Options.Hex("--manufacturer", "manufacturer code (hex, e.g. 1234)", 4, true);
        var imageType = Options.Hex("--image-type", "image type (hex)", 4, true);
        var fileVersion = Options.Hex("--file-version", "file version (hex, 8 digits)", 8, true);
        var output = new Option<string>("--output", "-o") { Description = "the OTA file to write", HelpName = "FILE", Required = true };
        var stack = Options.Hex("--stack-version", "Zigbee stack version (hex; default 0002, Zigbee PRO)", 4, false);
        stack.DefaultValueFactory = _ => 2;
        var headerString = new Option<string>("--header-string") { Description = "up to 32 printable ASCII characters (padded with NUL)", HelpName = "TEXT", DefaultValueFactory = _ => "" };
        var hardware = new Option<string>("--hardware-versions") { Description = "the hardware version range the image fits, MIN-MAX in hex (e.g. 0001-0003)", HelpName = "MIN-MAX" };
        var credential = new Option<int?>("--security-credential") { Description = "security credential version (0-255)", HelpName = "N" };
        var destination = new Option<string>("--destination") { Description = "make a device-specific file for this EUI-64", HelpName = "EUI-64" };
        var integrity = new Option<bool>("--integrity") { Description = "append an image integrity code sub-element (tag 0x0003): the AES-MMO hash of the file before it" };
        var tags = new Option<string[]>("--tag") { Description = "add a manufacturer sub-element: TAG=FILE, TAG in hex from F000 to FFFF (repeatable)", HelpName = "TAG=FILE", AllowMultipleArgumentsPerToken = false };
        var force = new Option<bool>("--force") { Description = "write the file even when the hub would refuse it" };
        var create = new Command("create", """
            Make a Zigbee OTA Upgrade file from a firmware binary. The file is checked with the hub's own parser
            before it is written (exit 2 and nothing written when the hub would refuse it, unless --force).
            Example: commshub ota create fw.bin --manufacturer 1234 --image-type 0001 --file-version 01000007 --output ppmid.ota
            """) { firmware, manufacturer, imageType, fileVersion, output, stack, headerString, hardware, credential, destination, integrity, tags, force };
        create.SetAction(p =>
        {
            var o = p.InvocationConfiguration.Output;
            string firmwarePath = p.GetValue(firmware);
            byte[] image = ReadInput(firmwarePath, "FIRMWARE");
            ushort? min = null, max = null;
            if (p.GetValue(hardware) is { } range)
            {
                string[] parts = range.Split('-');
                if (parts.Length != 2 || !ushort.TryParse(parts[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort lo)
                    || !ushort.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort hi))
                {
                    throw new UsageException($"--hardware-versions takes MIN-MAX in hex (e.g. 0001-0003), not '{range}'");
                }

                (min, max) = (lo, hi);
            }

            int? cred = p.GetValue(credential);
            if (cred is < 0 or > 255)
            {
                throw new UsageException($"--security-credential takes 0 to 255, not {cred}");
            }

            ulong? dest = null;
            if (p.GetValue(destination) is { } euiText)
            {
                dest = Options.TryEui(euiText, out ulong eui) ? eui : throw new UsageException($"--destination: '{euiText}' is not an EUI-64");
            }

            var writer = new OtaFileWriter
            {
                ManufacturerCode = (ushort)p.GetValue(manufacturer),
                ImageType = (ushort)p.GetValue(imageType),
                FileVersion = p.GetValue(fileVersion),
                StackVersion = (ushort)p.GetValue(stack),
                HeaderString = p.GetValue(headerString),
                SecurityCredentialVersion = cred is null ? null : (byte)cred.Value,
                Destination = dest,
                MinimumHardwareVersion = min,
                MaximumHardwareVersion = max,
                IntegrityCode = p.GetValue(integrity),
            };
            writer.Elements.Add((0x0000, image));
            foreach (string tag in p.GetValue(tags) ?? Array.Empty<string>())
            {
                int eq = tag.IndexOf('=');
                if (eq < 0 || !ushort.TryParse(tag[..eq], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort number) || number < 0xF000)
                {
                    throw new UsageException($"--tag takes TAG=FILE with TAG from F000 to FFFF, not '{tag}'");
                }

                writer.Elements.Add((number, ReadInput(tag[(eq + 1)..], "--tag " + tag[..eq])));
            }

            byte[] file = writer.Build();
            var parsed = OtaFileParser.Parse(new ByteArrayImageSource(file));
            string target = p.GetValue(output);
            if (!parsed.IsServable && !p.GetValue(force))
            {
                var report = OtaInspectReport.From(target, parsed);
                throw new InputException("the hub would refuse this file, so it was not written: "
                    + string.Join("; ", report.Diagnostics.Where(d => d.Severity == "error").Select(d => d.Code + ": " + d.Message)) + " (--force writes it anyway)");
            }

            try
            {
                File.WriteAllBytes(target, file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new FailureException($"cannot write {target}: {e.Message}");
            }

            o.WriteLine($"{target}: {file.Length} bytes, manufacturer 0x{writer.ManufacturerCode:X4}, image type 0x{writer.ImageType:X4}, file version 0x{writer.FileVersion:X8}, {writer.Elements.Count + (writer.IntegrityCode ? 1 : 0)} sub-element(s){(parsed.IsServable ? "" : " — the hub would REFUSE it")}");
            return ExitCodes.Ok;
        });
        return create;
    }

    /// <summary>Reads a file the user named; a missing or unreadable one is invalid input (exit 2), named.</summary>
    public static byte[] ReadInput(string path, string what)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{what}: cannot read {path}: {e.Message}");
        }
    }
}
