using System.Globalization;
using CommsHub.Ota.Files;
using CommsHub.Platform;
using CommsHub.VirtualBoard.Transport;

namespace CommsHub.Cli.Wan;

/// <summary>commshub wan: the head-end. Exit codes: 0 done, 1 the hub refused or failed, 2 a decoded signature did not verify, 64 usage.</summary>
public static class WanCommand
{
    private static readonly string[] Kinds = { "ESME", "GSME", "PPMID", "HCALCS" };

    public static int Run(string[] args, TextWriter o, TextWriter error)
    {
        string connect = "tcp:127.0.0.1:5555";
        string state = ".commshub-headend";
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--connect" && i + 1 < args.Length)
            {
                connect = args[++i];
            }
            else if (args[i] == "--state" && i + 1 < args.Length)
            {
                state = args[++i];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        if (rest.Count == 0)
        {
            throw new UsageException("wan needs a subcommand: identity, status, time, send, alerts, device-log, activate, decode");
        }

        if (rest[0] == "decode")
        {
            return Decode(rest.Skip(1).ToList(), o);
        }

        using var port = (IDisposable)ConnectOrExplain(connect) as IDisposable;
        var line = (ISerialPort)port;
        var clock = new SystemClock();
        var headEnd = new HeadEnd(line, clock, () => Thread.Sleep(1), null) { TakeAlerts = rest[0] == "alerts" };
        var id = headEnd.GetIdentity();
        headEnd.Ledger = new AlertLedger(Path.Combine(state, $"alerts-{id.Eui:X16}.log"));
        switch (rest[0])
        {
            case "identity":
                o.WriteLine($"CH EUI-64: {Eui64.FromValue(id.Eui)}");
                o.WriteLine($"CH firmware version: {id.FirmwareVersion:X8}");
                o.WriteLine($"Signing public key (x ‖ y): {Convert.ToHexString(id.PublicKey)}");
                return 0;
            case "status":
                headEnd.GetStatus().Write(o);
                return 0;
            case "time":
                string set = headEnd.SetTime(DateTime.UtcNow);
                o.WriteLine($"Hub clock set to {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}: {set}");
                return set == "ok" ? 0 : 1;
            case "send":
                return Send(headEnd, rest.Skip(1).ToList(), o);
            case "alerts":
                double seconds = rest.Count > 2 && rest[1] == "--wait" ? double.Parse(rest[2], CultureInfo.InvariantCulture) : 3;
                var alerts = headEnd.CollectAlerts(TimeSpan.FromSeconds(seconds));
                foreach (var alert in alerts)
                {
                    o.WriteLine(alert.Alert.Text);
                    o.WriteLine();
                }

                o.WriteLine($"{alerts.Count} new alert(s); each was acknowledged to the hub.");
                return alerts.Any(a => a.Alert.SignatureValid == false) ? 2 : 0;
            case "device-log":
                return DeviceLog(headEnd, rest.Skip(1).ToList(), o);
            case "set-key":
                if (rest.Count < 2 || rest[1].Length != 64)
                {
                    throw new UsageException("set-key needs the P-256 private key as 64 hex digits");
                }

                string keyAnswer = headEnd.ProvisionKey(Convert.FromHexString(rest[1]));
                o.WriteLine(keyAnswer == "ok" ? "Signing key provisioned; the hub signs alerts with it from now on." : keyAnswer);
                return keyAnswer == "ok" ? 0 : 1;
            case "activate":
                if (rest.Count < 2 || !uint.TryParse(rest[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint version))
                {
                    throw new UsageException("activate needs the new CH firmware version as 8 hex digits");
                }

                string answer = headEnd.SimulateActivation(version);
                headEnd.CollectAlerts(TimeSpan.FromSeconds(1));
                o.WriteLine(answer == "ok" ? string.Join(Environment.NewLine, headEnd.Reports) : answer);
                return answer == "ok" ? 0 : 1;
            default:
                throw new UsageException($"wan: unknown subcommand '{rest[0]}'");
        }
    }

    private static int Send(HeadEnd headEnd, List<string> args, TextWriter o)
    {
        string file = null;
        int kind = -1;
        var targets = new List<ulong>();
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--type" && i + 1 < args.Count)
            {
                kind = Array.IndexOf(Kinds, args[++i].ToUpperInvariant());
                if (kind < 0)
                {
                    throw new UsageException($"--type takes ESME, GSME, PPMID or HCALCS, not '{args[i]}'");
                }
            }
            else if (args[i] == "--target" && i + 1 < args.Count)
            {
                targets.Add(ParseEui(args[++i]));
            }
            else if (file == null && !args[i].StartsWith('-'))
            {
                file = args[i];
            }
            else
            {
                throw new UsageException($"send: unexpected '{args[i]}'");
            }
        }

        if (file == null || kind < 0 || targets.Count == 0)
        {
            throw new UsageException("send needs FILE --type TYPE --target EUI-64 [--target ...]");
        }

        byte[] bytes = File.ReadAllBytes(file);
        var parsed = OtaFileParser.Parse(new ByteArrayImageSource(bytes));
        if (parsed.Header == null)
        {
            o.WriteLine($"{file} is not an OTA file: {(parsed.DiagnosticCount > 0 ? parsed.Diagnostic(0).Message : "no header")}");
            return 1;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        double lastDraw = -1;
        var reply = headEnd.SendImage(bytes, kind, parsed.Header.FileVersion, targets.ToArray(), (done, total) =>
        {
            if (done < total && watch.Elapsed.TotalSeconds - lastDraw < 0.2)
            {
                return;
            }

            lastDraw = watch.Elapsed.TotalSeconds;
            double rate = done / Math.Max(watch.Elapsed.TotalSeconds, 0.001);
            double eta = (total - done) / Math.Max(rate, 1);
            int bar = (int)(30 * done / total);
            o.Write($"\r[{new string('#', bar)}{new string(' ', 30 - bar)}] {100.0 * done / total,5:F1}%  {rate / 1024,7:F1} KiB/s  ETA {eta,5:F0} s ");
        });
        o.WriteLine();
        o.WriteLine($"{Kinds[kind]} image {parsed.Header.FileVersion:X8} ({bytes.Length} bytes) to {string.Join(", ", targets.Select(t => Eui64.FromValue(t).ToString()))}: {reply.StatusName} — {reply.Reason}");
        return reply.Status == 1 ? 0 : 1;
    }

    private static int DeviceLog(HeadEnd headEnd, List<string> args, TextWriter o)
    {
        if (args.Count >= 4 && args[0] == "add")
        {
            int kind = Array.IndexOf(Kinds, args[2].ToUpperInvariant());
            if (kind < 0)
            {
                throw new UsageException($"device-log add: type must be ESME, GSME, PPMID or HCALCS, not '{args[2]}'");
            }

            string answer = headEnd.AddDevice(ParseEui(args[1]), kind, Convert.FromHexString(args[3].Replace("-", "")));
            o.WriteLine(answer);
            return answer == "ok" ? 0 : 1;
        }

        if (args.Count == 2 && args[0] == "remove")
        {
            string answer = headEnd.RemoveDevice(ParseEui(args[1]));
            o.WriteLine(answer);
            return answer == "ok" ? 0 : 1;
        }

        throw new UsageException("device-log add EUI-64 TYPE INSTALL-CODE-HEX | device-log remove EUI-64");
    }

    private static int Decode(List<string> args, TextWriter o)
    {
        string input = args.FirstOrDefault(a => !a.StartsWith('-')) ?? throw new UsageException("decode needs HEX or a FILE of hex");
        int certAt = args.IndexOf("--cert");
        byte[] key = certAt >= 0 && certAt + 1 < args.Count ? AlertDecoder.PublicKeyFromCertificate(args[certAt + 1]) : null;
        string hex = File.Exists(input) ? File.ReadAllText(input) : input;
        hex = new string(hex.Where(Uri.IsHexDigit).ToArray());
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw new UsageException("decode: the input is not an even number of hex digits");
        }

        var decoded = LinkFrameDecoder.IsLinkFrame(bytes) ? LinkFrameDecoder.Decode(bytes, key) : AlertDecoder.Decode(bytes, key);
        o.WriteLine(decoded.Text);
        if (decoded.Problem != null)
        {
            return 1;
        }

        return decoded.SignatureValid == false ? 2 : 0;
    }

    private static object ConnectOrExplain(string address)
    {
        try
        {
            if (address.StartsWith("serial:", StringComparison.Ordinal) || address.StartsWith("/dev/", StringComparison.Ordinal))
            {
                var (path, baud) = SerialDevicePort.Parse(address);
                return SerialDevicePort.Open(path, baud);
            }

            return TcpPort.Connect(TcpPort.Parse(address));
        }
        catch (IOException e)
        {
            throw new UsageException($"cannot open {address}: {e.Message}");
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new UsageException($"cannot connect to {address} ({e.Message}): is a board running with --wan {address}?");
        }
    }

    public static ulong ParseEui(string text)
    {
        string hex = text.Replace("-", "").Replace(":", "");
        if (hex.Length != 16 || !ulong.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong value))
        {
            throw new UsageException($"'{text}' is not an EUI-64 (16 hex digits, e.g. 00-DB-12-34-56-78-90-A4)");
        }

        return value;
    }
}
