using System.CommandLine;
using System.Net.Sockets;
using CommsHub.Ota.Files;
using CommsHub.Platform;
using CommsHub.Storage;
using CommsHub.VirtualBoard.Transport;

namespace CommsHub.Cli.Wan;

/// <summary>commshub wan: the head-end. Exit codes: the table in <see cref="ExitCodes"/>.</summary>
public static class WanCommand
{
    private static readonly string[] Kinds = Options.DeviceTypes;

    private static readonly Option<string> ConnectOption = new("--connect")
    {
        Description = "where the hub is: tcp:HOST:PORT (a name or an address) or serial:DEVICE[@BAUD]",
        HelpName = "tcp:HOST:PORT|serial:DEVICE[@BAUD]",
        DefaultValueFactory = _ => "tcp:127.0.0.1:5555",
        Recursive = true,
    };

    private static readonly Option<string> StateOption = new("--state")
    {
        Description = "the head-end's folder: the alert ledger per hub (each alert shown once)",
        HelpName = "DIR",
        DefaultValueFactory = _ => ".commshub-headend",
        Recursive = true,
    };

    private static readonly Option<double> TimeoutOption = TimeoutOptionMake();

    private static Option<double> TimeoutOptionMake()
    {
        var option = Options.Seconds("--timeout", "how long to wait for each answer from the hub", 10);
        option.Recursive = true;
        return option;
    }

    public static Command Build()
    {
        var wan = CommandLine.Group("wan", "The head-end: talk to a hub over its WAN link (a board started with --wan). Every subcommand has --help.");
        wan.Options.Add(ConnectOption);
        wan.Options.Add(StateOption);
        wan.Options.Add(TimeoutOption);
        wan.Subcommands.Add(Simple("identity", "Print the hub's EUI-64, firmware version and public signing key (x ‖ y, as 'wan decode --cert' takes it).", Identity));
        wan.Subcommands.Add(Simple("status", "Print the hub's clock, alerts waiting, and both image blocks with each target's state.", (h, o) =>
        {
            h.GetStatus().Write(o);
            return 0;
        }));
        wan.Subcommands.Add(Simple("time", "Set the hub's clock to this PC's UTC time, to the millisecond (the GB time rules run only after this).", (h, o) =>
        {
            var now = DateTime.UtcNow;
            string set = h.SetTime(now);
            o.WriteLine(set == "ok" ? $"Hub clock set to {now:yyyy-MM-ddTHH:mm:ss.fffZ}." : $"The hub {set}");
            return set == "ok" ? 0 : ExitCodes.Refused;
        }));
        wan.Subcommands.Add(BuildSend());
        wan.Subcommands.Add(BuildAlerts());
        wan.Subcommands.Add(BuildDeviceLog());
        wan.Subcommands.Add(BuildSetKey());
        wan.Subcommands.Add(BuildSetCbkeCert());
        wan.Subcommands.Add(BuildActivate());
        wan.Subcommands.Add(BuildDecode());
        return wan;
    }

    private static Command Simple(string name, string description, Func<HeadEnd, TextWriter, int> run)
    {
        var command = new Command(name, description);
        command.SetAction(p => WithHub(p, false, h => run(h, p.InvocationConfiguration.Output)));
        return command;
    }

    private static int Identity(HeadEnd h, TextWriter o)
    {
        var id = h.Identity;
        o.WriteLine($"CH EUI-64: {Eui64.FromValue(id.Eui)}");
        o.WriteLine($"CH firmware version: {id.FirmwareVersion:X8}");
        o.WriteLine(id.HasKey ? $"Signing public key (x ‖ y): {Convert.ToHexString(id.PublicKey)}" : "Signing public key: none (the hub has no key yet)");
        return 0;
    }

    /// <summary>Connects, learns the hub's identity (and so its key and ledger), runs, and closes.</summary>
    private static int WithHub(ParseResult p, bool takeAlerts, Func<HeadEnd, int> run) => WithHub(p, takeAlerts, (h, _) => run(h));

    private static int WithHub(ParseResult p, bool takeAlerts, Func<HeadEnd, IDisposable, int> run)
    {
        string connect = p.GetValue(ConnectOption);
        string state = p.GetValue(StateOption);
        using var port = Connect(connect);
        var headEnd = new HeadEnd((ISerialPort)port, new SystemClock(), () => Thread.Sleep(1), null)
        {
            TakeAlerts = takeAlerts,
            Timeout = TimeSpan.FromSeconds(Math.Max(0.1, p.GetValue(TimeoutOption))),
            LedgerFor = eui => new AlertLedger(Path.Combine(state, $"alerts-{eui:X16}.log")),
        };
        try
        {
            headEnd.GetIdentity(1);
        }
        catch (TimeoutException)
        {
            throw new FailureException($"nothing at {connect} answered as a CommsHub hub within {headEnd.Timeout.TotalSeconds:F0} s (is it a board started with --wan {connect}?)");
        }

        return run(headEnd, port);
    }

    private static IDisposable Connect(string address)
    {
        try
        {
            if (address.StartsWith("serial:", StringComparison.Ordinal) || address.StartsWith("/dev/", StringComparison.Ordinal))
            {
                var (path, baud) = SerialDevicePort.Parse(address);
                return SerialDevicePort.Open(path, baud);
            }

            return ReconnectingTcpPort.Connect(address);
        }
        catch (FormatException e)
        {
            throw new UsageException("--connect: " + e.Message);
        }
        catch (IOException e)
        {
            throw new FailureException($"cannot open {address}: {e.Message}");
        }
        catch (SocketException e)
        {
            throw new FailureException($"cannot connect to {address} ({e.Message}): is a board running with --wan {address}?");
        }
    }

    private static Command BuildSend()
    {
        var file = new Argument<string>("FILE") { Description = "the OTA file to store on the hub" };
        var type = new Option<int>("--type") { Description = "the device type the image is for: ESME, GSME, PPMID or HCALCS", HelpName = "ESME|GSME|PPMID|HCALCS", Required = true };
        type.CustomParser = r => Options.ParseDeviceType(r, "--type");
        var targets = new Option<ulong[]>("--target") { Description = "a device to upgrade (EUI-64; repeat for up to 8)", HelpName = "EUI-64", Required = true };
        targets.CustomParser = r => r.Tokens.Select(t => Options.TryEui(t.Value, out ulong v) ? v : Fail(r, $"--target: '{t.Value}' is not an EUI-64 (16 hex digits, e.g. 00-DB-12-34-56-78-90-A4)")).ToArray();
        var force = new Option<bool>("--force") { Description = "send even when the local check says the hub will refuse the file" };
        var plain = new Option<bool>("--plain") { Description = "progress lines instead of a redrawn bar (always so when the output is not a terminal)" };
        var send = new Command("send", """
            Store an OTA image on the hub for its targets. The file is first checked here with the hub's own parser
            and size rule (at most 768,000 bytes); a file the hub would refuse is not sent (exit 2) unless --force.
            The transfer resumes by itself when the link drops or the hub restarts; with no progress for 60 s it
            stops with a message (run it again to resume where the hub stopped).
            """) { file, type, targets, force, plain };
        send.SetAction(p =>
        {
            string path = p.GetValue(file);
            byte[] bytes = Ota.OtaCommand.ReadInput(path, "send");
            var parsed = OtaFileParser.Parse(new ByteArrayImageSource(bytes));
            string problem = parsed.Header == null ? "it is not an OTA file" : SendProblem(parsed, bytes.Length);
            if (problem != null && (!p.GetValue(force) || parsed.Header == null))
            {
                throw new InputException($"{path} was not sent: {problem}{(parsed.Header == null ? "" : " (--force sends it anyway)")}");
            }

            ulong[] to = p.GetValue(targets);
            if (to.Length > 8)
            {
                throw new UsageException($"--target: an image names at most 8 targets, not {to.Length}");
            }

            return WithHub(p, false, h => Send(h, path, bytes, parsed.Header.FileVersion, p.GetValue(type), to, p.GetValue(plain), p.InvocationConfiguration.Output));
        });
        return send;
    }

    /// <summary>What the hub would refuse in this file, in words; null when it would take it.</summary>
    public static string SendProblem(OtaFile parsed, int length)
    {
        if (length > FlashLayout.ImageBlockCapacity)
        {
            return $"it is {length} bytes; an image block holds at most {FlashLayout.ImageBlockCapacity}";
        }

        for (int i = 0; i < parsed.DiagnosticCount; i++)
        {
            var d = parsed.Diagnostic(i);
            if (d.Severity == OtaSeverity.Error)
            {
                return d.Code + ": " + d.Message;
            }
        }

        return null;
    }

    private static ulong Fail(System.CommandLine.Parsing.ArgumentResult r, string message)
    {
        r.AddError(message);
        return 0;
    }

    private static int Send(HeadEnd headEnd, string path, byte[] bytes, uint version, int kind, ulong[] targets, bool plainWanted, TextWriter o)
    {
        var bar = new SendProgress(o, plainWanted || Console.IsOutputRedirected || o != Console.Out, bytes.Length);
        headEnd.Began = bar.Begin;
        ImageReply reply;
        try
        {
            reply = headEnd.SendImage(bytes, kind, version, targets, bar.Report);
        }
        finally
        {
            bar.Finish();
        }

        o.WriteLine($"{Kinds[kind]} image {version:X8} ({bytes.Length} bytes) to {string.Join(", ", targets.Select(t => Eui64.FromValue(t).ToString()))}: {Outcome(reply)}");
        return reply.Status == 1 ? 0 : reply.Status == 2 || reply.Status == 3 || reply.Status == 7 ? ExitCodes.Refused : ExitCodes.Failure;
    }

    /// <summary>The hub's answer in words, saying the status once ("stored in the GSME block", not "stored — stored in ...").</summary>
    public static string Outcome(ImageReply reply) =>
        string.IsNullOrEmpty(reply.Reason) ? reply.StatusName
        : reply.Reason.StartsWith(reply.StatusName, StringComparison.OrdinalIgnoreCase) ? reply.Reason
        : reply.StatusName + ": " + reply.Reason;

    private static Command BuildAlerts()
    {
        var wait = Options.Seconds("--wait", "listen this long for alerts (default 3)", 3);
        var alerts = new Command("alerts", """
            Show the hub's alerts: each is verified against the hub's public key, shown as GBCS fields and a
            DUIS-style line, recorded in the ledger (so it is shown once) and acknowledged. An alert that fails
            its signature is shown as such and not acknowledged (exit 2).
            """) { wait };
        alerts.SetAction(p => WithHub(p, true, (h, port) =>
        {
            var o = p.InvocationConfiguration.Output;
            var tcp = port as ReconnectingTcpPort;
            if (tcp != null)
            {
                tcp.AutoReconnect = false;
            }

            var shown = new List<ShownAlert>();
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(p.GetValue(wait));
            bool dropped = false;
            do
            {
                shown.AddRange(h.CollectAlerts(TimeSpan.FromMilliseconds(200)));
                dropped = tcp != null && tcp.Drops > 0;
            }
            while (!dropped && DateTime.UtcNow < until);

            foreach (var alert in shown)
            {
                o.WriteLine(alert.Alert.Text);
                o.WriteLine();
            }

            foreach (var forged in h.ForgedAlerts)
            {
                o.WriteLine(forged.Alert.Text);
                o.WriteLine();
            }

            o.WriteLine($"{shown.Count} new alert(s), each verified and acknowledged.");
            if (h.ForgedAlerts.Count > 0)
            {
                o.WriteLine($"{h.ForgedAlerts.Count} alert(s) FAILED the signature check against the hub's key: not recorded, not acknowledged.");
            }

            if (dropped)
            {
                o.WriteLine("The hub closed this connection (another head-end connected, or the board stopped): stopped listening.");
                return ExitCodes.Failure;
            }

            if (h.HeldAlerts > 0)
            {
                o.WriteLine($"{h.HeldAlerts} alert(s) left unacknowledged: the hub reports no signing key, so they cannot be verified (provision one with 'wan set-key').");
            }

            return h.ForgedAlerts.Count > 0 ? ExitCodes.Refused : h.HeldAlerts > 0 ? ExitCodes.Failure : ExitCodes.Ok;
        }));
        return alerts;
    }

    private static Command BuildDeviceLog()
    {
        var log = CommandLine.Group("device-log", "The hub's device log: the HAN devices allowed to join, with their install codes.");
        var eui = new Argument<ulong>("EUI-64") { Description = "the device's EUI-64 (16 hex digits)" };
        eui.CustomParser = r => Options.ParseEui(r, "EUI-64");
        var type = new Argument<int>("TYPE") { Description = "ESME, GSME, PPMID or HCALCS" };
        type.CustomParser = r => Options.ParseDeviceType(r, "TYPE");
        var code = new Argument<byte[]>("INSTALL-CODE") { Description = "the install code as hex: 6, 8, 12 or 16 bytes (the hub computes its CRC), or a 12- or 16-byte code with its CRC-16/X.25 appended low byte first (14 or 18 bytes), which is checked" };
        var joinTimeout = new Option<int?>("--join-timeout") { Description = "the device's join window in seconds (GBCS join_timeout; default the hub's, an hour)" };
        code.CustomParser = r => Options.ParseHexBytes(r, "INSTALL-CODE");
        var add = new Command("add", "Add (or replace) a device and open its join window. A wrong length or CRC is refused here first (exit 2).") { eui, type, code, joinTimeout };
        add.SetAction(p =>
        {
            byte[] installCode = p.GetValue(code);
            if (CommsHub.Wan.InstallCodeFormPolicy.Check(installCode, out _) is { } problem)
            {
                throw new InputException("INSTALL-CODE: " + problem);
            }

            int? seconds = p.GetValue(joinTimeout);
            if (seconds is < 1 or > 65535)
            {
                throw new InputException("--join-timeout: " + seconds + " is not 1 to 65535 seconds");
            }

            return WithHub(p, false, h => Answer(h.AddDevice(p.GetValue(eui), p.GetValue(type), installCode, seconds), $"{Eui64.FromValue(p.GetValue(eui))} ({Kinds[p.GetValue(type)]}) is in the device log; its join window is open.", p.InvocationConfiguration.Output));
        });
        var removed = new Argument<ulong>("EUI-64") { Description = "the device's EUI-64" };
        removed.CustomParser = r => Options.ParseEui(r, "EUI-64");
        var remove = new Command("remove", "Remove a device from the device log.") { removed };
        remove.SetAction(p => WithHub(p, false, h => Answer(h.RemoveDevice(p.GetValue(removed)), $"{Eui64.FromValue(p.GetValue(removed))} removed from the device log.", p.InvocationConfiguration.Output)));
        var list = new Command("list", "List the devices in the hub's device log.");
        list.SetAction(p => WithHub(p, false, h =>
        {
            var o = p.InvocationConfiguration.Output;
            var (entries, historic) = h.GetDeviceLogs();
            foreach (var (device, kind, installCode) in entries)
            {
                o.WriteLine($"{Eui64.FromValue(device)}  {(kind < Kinds.Length ? Kinds[kind] : "type " + kind),-6}  install code {Convert.ToHexString(installCode)}");
            }

            o.WriteLine($"{entries.Count} device(s) in the device log.");
            foreach (var (device, kind) in historic)
            {
                o.WriteLine($"{Eui64.FromValue(device)}  {(kind < Kinds.Length ? Kinds[kind] : "type " + kind),-6}  removed (Historic Device Log)");
            }

            if (historic.Count > 0)
            {
                o.WriteLine($"{historic.Count} device(s) in the Historic Device Log.");
            }
            return 0;
        }));
        log.Subcommands.Add(add);
        log.Subcommands.Add(remove);
        log.Subcommands.Add(list);
        return log;
    }

    private static int Answer(string answer, string ok, TextWriter o)
    {
        o.WriteLine(answer == "ok" ? ok : "The hub " + answer);
        return answer == "ok" ? 0 : ExitCodes.Refused;
    }

    private static Command BuildSetKey()
    {
        var key = new Argument<byte[]>("PRIVATE-KEY") { Description = "the P-256 private key, 64 hex digits (bench only: it crosses the link in clear)" };
        key.CustomParser = r =>
        {
            byte[] bytes = Options.ParseHexBytes(r, "PRIVATE-KEY");
            if (r.Errors.Any() == false && bytes.Length != 32)
            {
                r.AddError($"PRIVATE-KEY takes 64 hex digits (32 bytes), not {bytes.Length * 2}");
            }

            return bytes;
        };
        var setKey = new Command("set-key", "Provision the hub's alert-signing key (replaces the one in flash).") { key };
        setKey.SetAction(p => WithHub(p, false, h => Answer(h.ProvisionKey(p.GetValue(key)), "Signing key provisioned; the hub signs alerts with it from now on.", p.InvocationConfiguration.Output)));
        return setKey;
    }

    private static Command BuildSetCbkeCert()
    {
        var suite = new Option<int>("--suite") { Description = "the CBKE suite: 1 (sect163k1) or 2 (sect283k1)", Required = true, HelpName = "1|2" };
        suite.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is not (1 or 2))
            {
                r.AddError("--suite takes 1 or 2");
            }
        });
        var cert = HexOrFileOption("--cert", "CERTIFICATE", "the hub's implicit certificate (48 bytes for suite 1, 74 for suite 2): hex, or a file of hex");
        var key = HexOrFileOption("--key", "PRIVATE-KEY", "the hub's static private key (21 or 36 bytes; bench only: it crosses the link in clear): hex, or a file of hex");
        var ca = HexOrFileOption("--ca", "CA-PUBLIC-KEY", "the CA's compressed public key (22 or 37 bytes): hex, or a file of hex");
        var command = new Command("set-cbke-cert", "Provision the hub's CBKE certificate, private key and CA public key for one suite. The hub checks the fields and that the private key belongs to the certificate (seconds of curve work), keeps them in flash only then, and answers.") { suite, cert, key, ca };
        command.SetAction(p => WithHub(p, false, h => Answer(h.ProvisionCbke(p.GetValue(suite), p.GetValue(cert), p.GetValue(key), p.GetValue(ca)),
            $"CBKE credentials for suite {p.GetValue(suite)} provisioned: the hub checked that the private key matches the certificate; its Key Establishment server uses them from now on.", p.InvocationConfiguration.Output)));
        return command;
    }

    /// <summary>A required option holding bytes: hex digits, or the path of a file of hex digits (whitespace ignored).</summary>
    private static Option<byte[]> HexOrFileOption(string name, string helpName, string description)
    {
        var option = new Option<byte[]>(name) { Description = description, Required = true, HelpName = "HEX|FILE" };
        option.CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            string hex;
            try
            {
                hex = File.Exists(text) ? File.ReadAllText(text) : text;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                r.AddError($"{name}: cannot read {text}: {e.Message}");
                return Array.Empty<byte>();
            }

            hex = new string(hex.Where(c => !char.IsWhiteSpace(c) && c != ':' && c != '-').ToArray());
            if (hex.Length == 0 || hex.Length % 2 != 0 || !hex.All(Uri.IsHexDigit))
            {
                r.AddError($"{name} {helpName} takes an even number of hex digits or a file of them, not '{text}'");
                return Array.Empty<byte>();
            }

            return Convert.FromHexString(hex);
        };
        return option;
    }

    private static Command BuildActivate()
    {
        var version = new Argument<uint>("VERSION") { Description = "the CH firmware version to activate (8 hex digits)" };
        version.CustomParser = r => Options.ParseHex(r, "VERSION", 8);
        var activate = new Command("activate", """
            Activate new CH firmware (SECMP0024). Refused on this hub: it cannot receive or switch its own firmware,
            so it would report an activation that did not happen.
            """) { version };
        activate.SetAction(p => RefuseActivation(p.GetValue(version)));
        return activate;
    }

    private static int RefuseActivation(uint version) =>
        throw new InputException($"activate {version:X8} refused: this hub cannot receive or switch its own firmware, so a SECMP0024 activation report would be false");

    private static Command BuildDecode()
    {
        var input = new Argument<string>("HEX|FILE") { Description = "a link frame (ending 00) or a GBCS message, as hex or a file of hex" };
        var cert = new Option<string>("--cert") { Description = "the signer's key: an X.509 certificate PEM, a public-key PEM, or x ‖ y as 'wan identity' prints it (hex or a file)", HelpName = "PEM|KEY" };
        var decode = new Command("decode", "Decode a link frame or GBCS message (no connection); with --cert, verify its signature. Exit 1 undecodable, 2 signature fails.") { input, cert };
        decode.SetAction(p =>
        {
            string text = p.GetValue(input);
            byte[] key = p.GetValue(cert) is { } c ? AlertDecoder.PublicKey(c) : null;
            string hex;
            try
            {
                hex = File.Exists(text) ? File.ReadAllText(text) : text;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"cannot read {text}: {e.Message}");
            }

            hex = new string(hex.Where(Uri.IsHexDigit).ToArray());
            if (hex.Length == 0 || hex.Length % 2 != 0)
            {
                throw new InputException($"HEX|FILE: '{text}' is neither a file nor an even number of hex digits");
            }

            byte[] bytes = Convert.FromHexString(hex);
            var decoded = LinkFrameDecoder.IsLinkFrame(bytes) ? LinkFrameDecoder.Decode(bytes, key) : AlertDecoder.Decode(bytes, key);
            p.InvocationConfiguration.Output.WriteLine(decoded.Text);
            return decoded.Problem != null ? ExitCodes.Failure : decoded.SignatureValid == false ? ExitCodes.Refused : ExitCodes.Ok;
        });
        return decode;
    }
}
