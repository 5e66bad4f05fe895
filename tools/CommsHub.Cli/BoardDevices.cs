using System.CommandLine;
using System.CommandLine.Parsing;
using CommsHub.Ota.Server;
using CommsHub.VirtualBoard.Bench;
using CommsHub.VirtualBoard.Han;

namespace CommsHub.Cli;

/// <summary>
/// The emulated devices of `commshub board --device NAME TYPE EUI-64 [INSTALL-CODE]`: other vendors' meters and
/// displays on the board's virtual radio, with a cadence that suits watching in real time.
/// </summary>
public static class BoardDevices
{
    /// <summary>The first OTA query after switch-on (a device whose query was dropped before it registered asks again once registered).</summary>
    public static readonly TimeSpan FirstQuery = TimeSpan.FromSeconds(30);

    /// <summary>Then every few minutes, not once a day: a walkthrough should not wait for a device's next query.</summary>
    public static readonly TimeSpan QueryInterval = TimeSpan.FromMinutes(3);

    /// <summary>A sleepy GSME polls its parent this often while it waits for answers...</summary>
    public static readonly TimeSpan SleepyPoll = TimeSpan.FromSeconds(7.5);

    /// <summary>...and this often otherwise. It downloads at its own next query: polling every 5 s did not make it hear an Image Notify.</summary>
    public static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(30);

    /// <summary>What every board device reports in its Query Next Image: the README's `ota create` example makes images for it.</summary>
    public const ushort ManufacturerCode = 0x1234;

    public const ushort ImageType = 0x0002;

    public const uint CurrentVersion = 0x01000000;

    /// <summary>How often a device that is not on the network (never joined, refused, asked to leave) tries to join again.</summary>
    public static readonly TimeSpan JoinRetry = TimeSpan.FromSeconds(15);

    /// <summary>Devices switched on together start their first scans this far apart.</summary>
    public static readonly TimeSpan JoinStagger = TimeSpan.FromSeconds(3);

    public static string HelpText =>
        "an emulated device on the board's virtual radio (repeatable): TYPE ESME, GSME, PPMID or HCALCS; EUI-64 16 hex digits; " +
        "INSTALL-CODE hex as 'wan device-log add' takes it (a CRC appended is checked) (default: one made from the EUI-64, printed). " +
        $"It tries to join every {JoinRetry.TotalSeconds:0} s until listed in the Device Log, registers with CBKE, queries for an image " +
        $"{FirstQuery.TotalSeconds:0} s after switch-on and then every {QueryInterval.TotalMinutes:0} min (an ESME, HCALCS or PPMID also at once on an Image Notify), " +
        $"as manufacturer {ManufacturerCode:X4}, image type {ImageType:X4}, version {CurrentVersion:X8}; a GSME sleeps, polling every " +
        $"{SleepyPoll.TotalSeconds} s while it waits for answers and every {IdlePoll.TotalSeconds:0} s otherwise";

    /// <summary>The values of every `--device` on the command line, one group per occurrence, in order.</summary>
    public static List<string[]> Groups(ParseResult result, string optionName)
    {
        var groups = new List<string[]>();
        List<string> current = null;
        foreach (Token token in result.Tokens)
        {
            if (token.Type == TokenType.Option)
            {
                current = token.Value == optionName ? new List<string>() : null;
                if (current != null)
                {
                    groups.Add(null);
                }
            }
            else if (token.Type == TokenType.Argument && current != null)
            {
                current.Add(token.Value);
                groups[^1] = current.ToArray();
            }
            else
            {
                current = null;
            }
        }

        return groups.Select(g => g ?? Array.Empty<string>()).ToList();
    }

    /// <summary>Checks every group and makes the devices' specs; what is wrong is named (exit 64 for a count, 2 for a value).</summary>
    public static List<DeviceSpec> Parse(IReadOnlyList<string[]> groups)
    {
        var specs = new List<DeviceSpec>();
        foreach (string[] g in groups)
        {
            if (g.Length is < 3 or > 4)
            {
                throw new UsageException($"--device takes NAME TYPE EUI-64 [INSTALL-CODE], not {g.Length} value(s): '{string.Join(" ", g)}'");
            }

            string name = g[0];
            int kind = Array.IndexOf(Options.DeviceTypes, g[1].ToUpperInvariant());
            if (kind < 0)
            {
                throw new InputException($"--device {name}: TYPE takes ESME, GSME, PPMID or HCALCS, not '{g[1]}'");
            }

            if (!Options.TryEui(g[2], out ulong eui))
            {
                throw new InputException($"--device {name}: '{g[2]}' is not an EUI-64 (16 hex digits, e.g. 00-DB-12-34-56-78-90-A4)");
            }

            if (specs.Any(s => s.Name == name))
            {
                throw new InputException($"--device {name}: two devices are named {name}");
            }

            if (specs.FirstOrDefault(s => s.Eui == eui) is { } same)
            {
                throw new InputException($"--device {name}: EUI-64 {CommsHub.Platform.Eui64.FromValue(eui)} is already {same.Name}'s");
            }

            var spec = new DeviceSpec
            {
                Name = name,
                Kind = (OtaDeviceKind)kind,
                Eui = eui,
                ManufacturerCode = ManufacturerCode,
                ImageType = ImageType,
                CurrentVersion = CurrentVersion,
                FirstQuery = FirstQuery,
                QueryInterval = QueryInterval,
                IdlePollInterval = IdlePoll,
                InstallCode = g.Length == 4 ? InstallCode(name, g[3]) : null,
            };
            if (spec.Kind == OtaDeviceKind.Gsme)
            {
                spec.PollInterval = SleepyPoll;
            }

            specs.Add(spec);
        }

        return specs;
    }

    /// <summary>As `wan device-log add` takes it: 6, 8, 12 or 16 bytes of hex, or 12 or 16 with their CRC-16/X.25 appended (checked).</summary>
    private static byte[] InstallCode(string name, string text)
    {
        string hex = text.Replace("-", "").Replace(":", "").Replace(" ", "");
        if (hex.Length == 0 || hex.Length % 2 != 0 || !hex.All(Uri.IsHexDigit))
        {
            throw new InputException($"--device {name}: INSTALL-CODE takes hex digits, not '{text}'");
        }

        byte[] code = Convert.FromHexString(hex);
        if (CommsHub.Wan.InstallCodeFormPolicy.Check(code, out _) is { } problem)
        {
            throw new InputException($"--device {name}: INSTALL-CODE: {problem}");
        }

        return code;
    }

    /// <summary>The code the head-end lists the device with, as `wan device-log add` takes it.</summary>
    public static string Printed(byte[] installCode) => Convert.ToHexString(installCode);

    /// <summary>An install code made from the EUI-64 when none was given: the same one every run.</summary>
    public static byte[] CodeOf(DeviceSpec spec) => spec.InstallCode ?? InstallCodes.FromEui(spec.Eui);
}
