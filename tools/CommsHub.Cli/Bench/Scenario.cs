using System.Globalization;
using CommsHub.Ota.Server;
using CommsHub.VirtualBoard.Bench;

namespace CommsHub.Cli.Bench;

/// <summary>A parsed scenario file (format: scenarios/README.md).</summary>
public sealed partial class Scenario
{
    public string Name = "scenario";
    public DateTime Start = new(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc);
    public double Loss;
    public TimeSpan RunFor = TimeSpan.FromDays(1);
    public List<DeviceSpec> Devices = new();
    public List<ScenarioEvent> Events = new();
    public List<Expectation> Expectations = new();

    public DeviceSpec Device(string name, int line) =>
        Devices.FirstOrDefault(d => d.Name == name) ?? throw new ScenarioException(line, $"no device named '{name}' (declare it with 'device')");

    public static Scenario Parse(string text, string name)
    {
        var s = new Scenario { Name = name };
        string[] lines = text.Split('\n');
        for (int n = 1; n <= lines.Length; n++)
        {
            string line = lines[n - 1];
            int hash = line.IndexOf('#');
            string[] w = (hash >= 0 ? line[..hash] : line).Split((char[])null, StringSplitOptions.RemoveEmptyEntries);
            if (w.Length == 0)
            {
                continue;
            }

            switch (w[0])
            {
                case "start":
                    Need(w, 2, n, "start 2026-11-21T08:00:00Z");
                    s.Start = DateTime.TryParse(w[1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime start)
                        && start.Year >= 2000 && start.Year < 2100
                        ? start : throw new ScenarioException(n, $"'{w[1]}' is not a UTC time from 2000 to 2099 such as 2026-11-21T08:00:00Z");
                    break;
                case "loss" when w.Length > 2:
                    s.LinkLosses.Add(ParseLinkLoss(w, n));
                    break;
                case "loss":
                    Need(w, 2, n, "loss 0.02");
                    s.Loss = double.TryParse(w[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double loss) && loss >= 0 && loss <= 1
                        ? loss : throw new ScenarioException(n, $"'{w[1]}' is not a loss probability from 0 to 1 such as 0.02");
                    break;
                case "device":
                    s.Devices.Add(ParseDevice(s, w, n));
                    break;
                case "at":
                    Need(w, 3, n, "at TIME WHAT ...");
                    s.Events.Add(Event(Duration(w[1], n), w[2], w.Skip(3).ToArray(), n));
                    break;
                case "run":
                    Need(w, 2, n, "run 15d");
                    s.RunFor = Duration(w[1], n);
                    break;
                case "expect":
                    Need(w, 2, n, "expect alert NAME success");
                    s.Expectations.Add(new Expectation(w[1], w.Skip(2).ToArray(), n));
                    break;
                default:
                    throw new ScenarioException(n, $"unknown statement '{w[0]}' (start, loss, device, at, run, expect)");
            }
        }

        s.ValidatePlacement();
        foreach (var e in s.Events)
        {
            e.Validate(s);
        }

        foreach (var x in s.Expectations)
        {
            x.Validate(s);
        }

        return s;
    }

    private static DeviceSpec ParseDevice(Scenario s, string[] w, int n)
    {
        Need(w, 4, n, "device NAME TYPE EUI-64 [key=value ...]");
        var d = new DeviceSpec { Name = w[1], Kind = Kind(w[2], n), Eui = Eui(w[3], n) };
        if (d.Kind == OtaDeviceKind.Gsme)
        {
            d.PollInterval = SleepyPoll;
        }

        foreach (string option in w.Skip(4))
        {
            string[] kv = option.Split('=', 2);
            string v = kv.Length > 1 ? kv[1] : "";
            switch (kv[0])
            {
                case "mfr": d.ManufacturerCode = (ushort)Hex(v, n, 0xFFFF); break;
                case "image-type": d.ImageType = (ushort)Hex(v, n, 0xFFFF); break;
                case "version": d.CurrentVersion = (uint)Hex(v, n, uint.MaxValue); break;
                case "hw": d.HardwareVersion = (ushort)Hex(v, n, 0xFFFF); break;
                case "block": d.BlockSize = (byte)Number(kv[0], v, n, 1, 255); break;
                case "pages": d.PageRequests = true; d.PageSize = (ushort)Number(kv[0], v, n, 1, 65535); break;
                case "spacing": d.PageSpacingMilliseconds = (ushort)Number(kv[0], v, n, 0, 65535); break;
                case "period": d.MinimumBlockPeriodMilliseconds = (ushort)Number(kv[0], v, n, 0, 65535); break;
                case "query": d.QueryInterval = Duration(v, n); break;
                case "first-query": d.FirstQuery = Duration(v, n); break;
                case "poll": d.PollInterval = Duration(v, n); break;
                case "idle-poll": d.IdlePollInterval = Duration(v, n); break;
                case "ignores-notify": d.IgnoresImageNotify = true; break;
                case "fail-upgrade-end": d.FailUpgradeEnd = true; break;
                case "sleepy": d.PollInterval ??= SleepyPoll; break;
                case "install-code": d.InstallCode = InstallCode(v, n); break;
                case "unlisted": s.Unlisted.Add(d.Name); break;
                case "via": d.Via = v; s.Via[d.Name] = (v, n); break;
                default: throw new ScenarioException(n, $"unknown device option '{kv[0]}'");
            }
        }

        return d;
    }

    /// <summary>How often a sleepy device polls while it waits for answers, unless its line says (poll=).</summary>
    public static readonly TimeSpan SleepyPoll = TimeSpan.FromSeconds(7.5);

    /// <summary>An install code as printed on a label: 6, 8, 12 or 16 bytes of hex, optionally with its CRC (the hub checks it).</summary>
    public static byte[] InstallCode(string text, int n)
    {
        string hex = text.Replace("-", "").Replace(":", "");
        int bytes = hex.Length / 2;
        if (hex.Length % 2 != 0 || !(bytes is 6 or 8 or 12 or 16 or 10 or 14 or 18) || !hex.All(Uri.IsHexDigit))
        {
            throw new ScenarioException(n, $"install-code='{text}' is not 6, 8, 12 or 16 bytes of hex (or 12 or 16 with their 2-byte CRC)");
        }

        byte[] code = Convert.FromHexString(hex);
        try
        {
            CommsHub.VirtualBoard.Han.InstallCodes.WithoutCrc(code);
        }
        catch (ArgumentException e)
        {
            throw new ScenarioException(n, $"install-code='{text}': {e.Message}");
        }

        return code;
    }

    public static OtaDeviceKind Kind(string text, int n) => text.ToUpperInvariant() switch
    {
        "ESME" => OtaDeviceKind.Esme,
        "GSME" => OtaDeviceKind.Gsme,
        "PPMID" => OtaDeviceKind.Ppmid,
        "HCALCS" => OtaDeviceKind.Hcalcs,
        _ => throw new ScenarioException(n, $"'{text}' is not a device type (ESME, GSME, PPMID, HCALCS)"),
    };

    public static ulong Eui(string text, int n)
    {
        string hex = text.Replace("-", "").Replace(":", "");
        if (hex.Length != 16 || !ulong.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong v))
        {
            throw new ScenarioException(n, $"'{text}' is not an EUI-64");
        }

        return v;
    }

    public static long Hex(string text, int n) => Hex(text, n, uint.MaxValue);

    /// <summary>A hex number from 0 to <paramref name="max"/>; anything else is a "line N: ..." error.</summary>
    public static long Hex(string text, int n, long max) =>
        long.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long v) && v >= 0 && v <= max
            ? v : throw new ScenarioException(n, $"'{text}' is not a hex number from 0 to {max:X}");

    /// <summary>A decimal option value from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static int Number(string option, string text, int n, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max
            ? v : throw new ScenarioException(n, $"{option}='{text}' is not a whole number from {min} to {max}");

    /// <summary>[decision] No scenario runs longer than 100 years of virtual time (a TimeSpan holds about 29,000).</summary>
    public static readonly TimeSpan LongestDuration = TimeSpan.FromDays(36500);

    /// <summary>"90s", "5m", "2h", "14d", "1d12h", "0".</summary>
    public static TimeSpan Duration(string text, int n)
    {
        if (text == "0")
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        int at = 0;
        while (at < text.Length)
        {
            int start = at;
            while (at < text.Length && (char.IsDigit(text[at]) || text[at] == '.'))
            {
                at++;
            }

            if (start == at || at >= text.Length || !double.TryParse(text[start..at], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw new ScenarioException(n, $"'{text}' is not a duration such as 30s, 5m, 25h, 14d or 1d12h");
            }

            double seconds = value * text[at++] switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86400,
                _ => throw new ScenarioException(n, $"'{text}': units are s, m, h and d"),
            };
            if (double.IsNaN(seconds) || seconds > LongestDuration.TotalSeconds - total.TotalSeconds)
            {
                throw new ScenarioException(n, $"'{text}' is longer than {LongestDuration.TotalDays:F0}d");
            }

            total += TimeSpan.FromSeconds(seconds);
        }

        return total;
    }

    public static int Size(string text, int n)
    {
        bool k = text.EndsWith('k');
        if (!int.TryParse(k ? text[..^1] : text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) || (long)v * (k ? 1024 : 1) > int.MaxValue)
        {
            throw new ScenarioException(n, $"'{text}' is not a size such as 350k or 768000");
        }

        return k ? v * 1024 : v;
    }

    private static void Need(string[] w, int count, int n, string example)
    {
        if (w.Length < count)
        {
            throw new ScenarioException(n, $"'{string.Join(' ', w)}' is incomplete: expected {example}");
        }
    }
}

public sealed class ScenarioException(int line, string message) : Exception($"line {line}: {message}");

/// <summary>Something that happens at a time after the start.</summary>
public sealed record ScenarioEvent(TimeSpan At, string What, string[] Args, int Line)
{
    public void Validate(Scenario s)
    {
        switch (What)
        {
            case "image":
                if (Args.Length < 1)
                {
                    throw new ScenarioException(Line, "image needs a type: at TIME image PPMID version=01000001 size=350k targets=NAME");
                }

                Scenario.Kind(Args[0], Line);
                foreach (string t in Option("targets", "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    s.Device(t, Line);
                }

                if (Option("targets", "") == "")
                {
                    throw new ScenarioException(Line, "image needs targets=NAME[,NAME]");
                }

                Scenario.Hex(Option("version", "01000001"), Line);
                Scenario.Size(Option("size", "64k"), Line);
                foreach (string flag in Args.Skip(1).Where(a => !a.Contains('=')))
                {
                    if (!Scenario.ImageFaults.Contains(flag))
                    {
                        throw new ScenarioException(Line, $"unknown image option '{flag}' (version=, size=, targets=, hw=, {string.Join(", ", Scenario.ImageFaults)})");
                    }
                }

                foreach (string end in (Option("hw", null) ?? "0").Split('-'))
                {
                    Scenario.Hex(end, Line, 0xFFFF);
                }

                break;
            case "power-off":
            case "power-on":
            case "leave":
            case "transfer-failed":
                NeedDevice(s);
                break;
            case "silent":
                NeedDevice(s);
                Scenario.Duration(Args.Length > 1 ? Args[1] : "", Line);
                break;
            case "hub-reboot":
            case "hub-power-cut":
                break;
            case "device-log":
                if (Args.Length < 2 || (Args[0] != "add" && Args[0] != "remove"))
                {
                    throw new ScenarioException(Line, "device-log needs add or remove and a device: at TIME device-log add NAME");
                }

                s.Device(Args[1], Line);
                break;
            case "wan-outage":
                if (Args.Length < 1)
                {
                    throw new ScenarioException(Line, "wan-outage needs a duration: at TIME wan-outage 2h");
                }

                Scenario.Duration(Args[0], Line);
                break;
            case "hardware":
                NeedDevice(s);
                Scenario.Hex(Args.Length > 1 ? Args[1] : "", Line, 0xFFFF);
                break;
            default:
                throw new ScenarioException(Line, $"unknown event '{What}' (image, power-off, power-on, silent, leave, hardware, transfer-failed, device-log, reboot hub, power-cut hub, wan-down)");
        }
    }

    public string Option(string key, string fallback)
    {
        string found = Args.FirstOrDefault(a => a.StartsWith(key + "=", StringComparison.Ordinal));
        return found == null ? fallback : found[(key.Length + 1)..];
    }

    private void NeedDevice(Scenario s)
    {
        if (Args.Length < 1)
        {
            throw new ScenarioException(Line, $"{What} needs a device name");
        }

        s.Device(Args[0], Line);
    }
}

/// <summary>What must be true when the scenario ends.</summary>
public sealed record Expectation(string What, string[] Args, int Line)
{
    public static readonly Dictionary<string, (ushort Alert, byte Response)> Outcomes = new()
    {
        ["success"] = (0x8F8A, 0),
        ["discarded"] = (0x8F89, 1),
        ["hardware-mismatch"] = (0x8F89, 2),
        ["failure"] = (0x8F89, 3),
    };

    public void Validate(Scenario s)
    {
        switch (What)
        {
            case "alert":
                if (Args.Length < 2 || !Outcomes.ContainsKey(Args[1]))
                {
                    throw new ScenarioException(Line, "expect alert NAME success|discarded|hardware-mismatch|failure [version=X]");
                }

                s.Device(Args[0], Line);
                break;
            case "no-alert":
                if (Args.Length < 1)
                {
                    throw new ScenarioException(Line, $"expect {What} needs a device name");
                }

                s.Device(Args[0], Line);
                break;
            case "version":
                if (Args.Length < 2)
                {
                    throw new ScenarioException(Line, "expect version NAME VERSION");
                }

                s.Device(Args[0], Line);
                Scenario.Hex(Args[1], Line);
                break;
            case "alerts":
                if (Args.Length < 1 || !int.TryParse(Args[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    throw new ScenarioException(Line, "expect alerts N");
                }

                break;
            case "delivery":
                if (Args.Length < 2 || (Args[1] != "stored" && Args[1] != "refused" && Args[1] != "invalid"))
                {
                    throw new ScenarioException(Line, "expect delivery VERSION stored|refused|invalid");
                }

                Scenario.Hex(Args[0], Line);

                break;
            case "joined":
            case "not-joined":
            case "refused":
                if (Args.Length < 1)
                {
                    throw new ScenarioException(Line, $"expect {What} needs a device name");
                }

                s.Device(Args[0], Line);
                break;
            case "cbke":
                if (Args.Length < 1)
                {
                    throw new ScenarioException(Line, "expect cbke needs a device name: expect cbke NAME [suite=1|2]");
                }

                s.Device(Args[0], Line);
                string suite = Args.FirstOrDefault(a => a.StartsWith("suite=", StringComparison.Ordinal));
                if ((suite != null && suite != "suite=1" && suite != "suite=2") || Args.Length > (suite == null ? 1 : 2))
                {
                    throw new ScenarioException(Line, "expect cbke NAME [suite=1|2]");
                }

                break;
            default:
                throw new ScenarioException(Line, $"unknown expectation '{What}' (alert, no-alert, alerts, version, delivery, joined, not-joined, refused, cbke)");
        }
    }
}
