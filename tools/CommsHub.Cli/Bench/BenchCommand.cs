using System.CommandLine;
using CommsHub.Platform;
using CommsHub.Storage.Metadata;
using CommsHub.VirtualBoard.Bench;
using Spectre.Console;

namespace CommsHub.Cli.Bench;

/// <summary>commshub bench: scenarios on the virtual bench. Exit 0 when every expectation holds, 1 when one fails, 2 a scenario file that is missing or malformed.</summary>
public static class BenchCommand
{
    public static Command Build()
    {
        var pcap = new Option<string>("--pcap") { Description = "capture every HAN frame to this pcap file (Wireshark reads it)", HelpName = "FILE" };
        var wanLog = new Option<string>("--wan-log") { Description = "write every WAN link frame to this file, as hex", HelpName = "FILE" };
        var plain = new Option<bool>("--plain") { Description = "progress lines instead of the live view (always so when the output is not a terminal)" };
        var bench = new Command("bench", "Play the demo on the virtual bench: the hub, emulated meters and a head-end, a day of virtual time in seconds.") { pcap, wanLog, plain };
        bench.SetAction(p => Run(null, p.GetValue(pcap), p.GetValue(wanLog), p.GetValue(plain), p.InvocationConfiguration.Output, p.InvocationConfiguration.Error));
        var file = new Argument<string>("FILE") { Description = "a scenario file (format: boards/virtual/scenarios/README.md)" };
        var run = new Command("run", "Play a scenario file on the virtual bench; exit 1 when an expectation fails.") { file, pcap, wanLog, plain };
        run.SetAction(p => Run(p.GetValue(file), p.GetValue(pcap), p.GetValue(wanLog), p.GetValue(plain), p.InvocationConfiguration.Output, p.InvocationConfiguration.Error));
        var report = new Command("report", "Print the bench's throughput figures.");
        report.SetAction(p =>
        {
            BenchReport.Print(p.InvocationConfiguration.Output);
            return 0;
        });
        bench.Subcommands.Add(run);
        bench.Subcommands.Add(report);
        bench.Subcommands.Add(Soak.Build());
        return bench;
    }

    /// <param name="file">The scenario file, or null for the demo.</param>
    public static int Run(string file, string pcap, string wanLog, bool plainWanted, TextWriter o, TextWriter error)
    {
        bool plain = plainWanted || Console.IsOutputRedirected || o != Console.Out;
        Scenario scenario;
        try
        {
            scenario = file == null ? Demo() : Scenario.Parse(File.ReadAllText(file), Path.GetFileNameWithoutExtension(file));
        }
        catch (ScenarioException e)
        {
            error.WriteLine($"commshub: {file ?? "demo"}: {e.Message}");
            return ExitCodes.Refused;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"commshub: cannot read {file}: {e.Message}");
            return ExitCodes.Refused;
        }

        using var wanWriter = wanLog == null ? null : new StreamWriter(wanLog);
        using var run = new BenchRun(scenario, pcap, wanWriter);
        o.WriteLine($"Scenario '{scenario.Name}': {scenario.Devices.Count} device(s), {scenario.Events.Count} event(s), {scenario.RunFor.TotalDays:0.##} day(s) of virtual time");
        var wall = System.Diagnostics.Stopwatch.StartNew();
        List<string> failures;
        if (plain)
        {
            // What happened while the bench was set up (Device Log, joins), then everything as it happens.
            foreach (var (at, text) in run.Log)
            {
                o.WriteLine($"[{Stamp(at)}] {text}");
            }

            run.Noted += (at, text) => o.WriteLine($"[{Stamp(at)}] {text}");
            var told = new Dictionary<string, int>();
            run.Progress += r =>
            {
                // A progress line per device at each quarter of its download.
                foreach (var d in r.Devices)
                {
                    int quarter = d.ImageSize > 0 || d.DownloadFinished.HasValue ? Percent(d) / 25 : 0;
                    if (quarter > 0 && (!told.TryGetValue(d.Name, out int last) || quarter > last))
                    {
                        told[d.Name] = quarter;
                        o.WriteLine($"[{Stamp(r.Elapsed)}] {d.Name}: {quarter * 25} % of its image");
                    }
                    else if (quarter == 0 && told.ContainsKey(d.Name) && d.ImageSize > 0)
                    {
                        told.Remove(d.Name);
                    }
                }
            };
            failures = run.Run();
        }
        else
        {
            failures = LiveView(run);
        }

        o.WriteLine();
        Summary(run, o);
        o.WriteLine($"{scenario.RunFor.TotalDays:0.##} virtual day(s) in {wall.Elapsed.TotalSeconds:F1} s of wall time: the hub's main loop turned {run.Han.HubTurns} times ({run.Han.Bench.BusySteps} of them 1-ms steps of its long work); {run.Medium.FramesSent} frames on the air.");
        if (pcap != null)
        {
            run.CloseCapture();
            o.WriteLine($"Capture: {pcap}; its keys (Wireshark's Zigbee key table, zigbee_pc_keys): {run.KeysPath}");
            o.WriteLine("Open it decrypted with:");
            o.WriteLine("  " + CommsHub.VirtualBoard.Han.WiresharkKeys.TsharkCommand(pcap, run.KeysPath));
        }

        foreach (string failure in failures)
        {
            o.WriteLine("FAILED " + failure);
        }

        o.WriteLine(failures.Count == 0 ? $"All {scenario.Expectations.Count} expectation(s) met." : $"{failures.Count} of {scenario.Expectations.Count} expectation(s) failed.");
        return failures.Count == 0 ? 0 : 1;
    }

    public static Scenario Demo()
    {
        using var stream = typeof(BenchCommand).Assembly.GetManifestResourceStream("demo.chs");
        return Scenario.Parse(new StreamReader(stream).ReadToEnd(), "demo");
    }

    public static string Stamp(TimeSpan at) => $"+{(int)at.TotalDays}d {at.Hours:00}:{at.Minutes:00}:{at.Seconds:00}";

    private static List<string> LiveView(BenchRun run)
    {
        List<string> failures = null;
        var recent = new Queue<string>();
        run.Noted += (at, text) =>
        {
            recent.Enqueue($"[grey]{Stamp(at)}[/] {Markup.Escape(text)}");
            while (recent.Count > 8)
            {
                recent.Dequeue();
            }
        };
        var lastDraw = System.Diagnostics.Stopwatch.StartNew();

        // The live view hides the cursor; Ctrl-C ends the process, so give the terminal its cursor back first.
        ConsoleCancelEventHandler restore = (_, _) => AnsiConsole.Cursor.Show();
        Console.CancelKeyPress += restore;
        try
        {
            Live(run, recent, lastDraw, ref failures);
        }
        finally
        {
            Console.CancelKeyPress -= restore;
        }

        return failures;
    }

    private static void Live(BenchRun run, Queue<string> recent, System.Diagnostics.Stopwatch lastDraw, ref List<string> failures)
    {
        List<string> result = null;
        AnsiConsole.Live(new Text("starting")).AutoClear(false).Start(ctx =>
        {
            run.Progress += r =>
            {
                // Paced for watching: about 20x real time while an awake device downloads, fast-forward otherwise.
                bool awakeDownloading = r.Devices.Any(d => d.ImageSize > 0 && d.PoweredOn && !d.Sleepy);
                Thread.Sleep(awakeDownloading ? 10 : 0);
                if (lastDraw.ElapsedMilliseconds < 80)
                {
                    return;
                }

                lastDraw.Restart();
                ctx.UpdateTarget(Render(r, recent));
            };
            result = run.Run();
            ctx.UpdateTarget(Render(run, recent));
        });
        failures = result;
    }

    private static Rows Render(BenchRun run, IEnumerable<string> recent)
    {
        var devices = new Table().Border(TableBorder.Rounded).AddColumns("device", "type", "progress", "state", "version");
        foreach (var d in run.Devices)
        {
            int pct = Percent(d);
            string bar = d.ImageSize > 0 || d.DownloadFinished.HasValue ? $"[green]{new string('█', pct / 5)}[/]{new string('░', 20 - (pct / 5))} {pct,3}%" : new string('░', 20) + "    ";
            devices.AddRow(d.Name, TypeName(d.Spec), bar, Markup.Escape(d.State), d.CurrentVersion.ToString("X8"));
        }

        var blocks = run.Hub.Store.State.Blocks;
        string Block(StoredImage i) => i == null ? "empty" : $"{i.Kind.ToString().ToUpperInvariant()} {i.FileVersion:X8}, {i.Targets.Count(t => t.State != TargetState.Done)} target(s) to serve";
        return new Rows(
            new Markup($"[bold]CommsHub virtual bench[/]  virtual clock [yellow]{run.Clock.UtcNow:yyyy-MM-dd HH:mm:ss}Z[/] ({Stamp(run.Elapsed)})"),
            devices,
            new Markup($"ESME block: {Markup.Escape(Block(blocks[0]))}    GSME block: {Markup.Escape(Block(blocks[1]))}"),
            new Markup($"Alerts upstream: [bold]{run.Alerts.Count}[/]   HAN frames: {run.Medium.FramesSent} ({run.Medium.FramesLost} lost)"),
            new Rows(recent.Select(r => new Markup(r))));
    }

    /// <summary>
    /// One row per device, within 100 columns. Throughput is set against the least time the device could have
    /// taken: the airtime for an awake device, one poll interval per block for a sleepy one (its responses wait
    /// for its polls).
    /// </summary>
    public static void Summary(BenchRun run, TextWriter o)
    {
        o.WriteLine("device  type     bytes download   KiB/s    bound  of it  bound   final state");
        foreach (var d in run.Devices)
        {
            string name = d.Name.Length > 7 ? d.Name[..6] + "…" : d.Name;
            string row;
            if (d.DownloadStarted.HasValue && d.DownloadFinished.HasValue)
            {
                double seconds = (d.DownloadFinished.Value - d.DownloadStarted.Value).TotalSeconds;
                long bytes = d.BytesReceived;
                var (bound, kind) = Bound(d.Spec, (int)bytes);
                row = $"{name,-7} {TypeName(d.Spec),-6} {bytes,7} {Format(seconds),8} {bytes / seconds / 1024,7:F2} {Format(bound),8} {bound / seconds,5:P0}  {kind,-7} ";
            }
            else
            {
                row = $"{name,-7} {TypeName(d.Spec),-6} {d.BytesReceived,7} {"-",8} {"-",7} {"-",8} {"-",5}  {"-",-7} ";
            }

            int room = SummaryWidth - row.Length;
            o.WriteLine(row + (d.State.Length > room ? d.State[..(room - 1)] + "…" : d.State));
        }

        o.WriteLine();
        o.WriteLine($"Alerts received by the head-end ({run.Alerts.Count}):");
        foreach (var (at, alert) in run.Alerts)
        {
            o.WriteLine($"  [{Stamp(at)}] #{alert.Counter} {alert.Alert.Summary}");
        }
    }

    /// <summary>The summary table fits a 100-column terminal.</summary>
    public const int SummaryWidth = 100;

    /// <summary>ESME, GSME, PPMID or HCALCS, as the GB documents write them.</summary>
    public static string TypeName(DeviceSpec spec) => Options.DeviceTypes[(int)spec.Kind];

    /// <summary>How far the device's download is: 100 once it finished, even when its offset is no longer kept.</summary>
    public static int Percent(CommsHub.VirtualBoard.Bench.OtaClientDevice d) =>
        d.DownloadFinished.HasValue ? 100 : d.ImageSize > 0 ? (int)(100L * d.Offset / d.ImageSize) : 0;

    /// <summary>The bound a download is measured against, and which one it is.</summary>
    public static (double Seconds, string Kind) Bound(DeviceSpec spec, int bytes)
    {
        double air = AirtimeBound(spec, bytes);
        if (spec.PollInterval is not { } poll)
        {
            return (air, "airtime");
        }

        int requests = spec.PageRequests ? (bytes + spec.PageSize - 1) / spec.PageSize : (bytes + spec.BlockSize - 1) / spec.BlockSize;
        return (Math.Max(air, requests * poll.TotalSeconds), "polling");
    }

    /// <summary>
    /// The least time the air allows: every block needs its request and its response on the air, one frame at a
    /// time at 250 kbit/s (page mode: one request per page).
    /// </summary>
    public static double AirtimeBound(DeviceSpec spec, int bytes)
    {
        int blocks = (bytes + spec.BlockSize - 1) / spec.BlockSize;
        int requests = spec.PageRequests ? (bytes + spec.PageSize - 1) / spec.PageSize : blocks;
        int requestLength = spec.PageRequests ? 3 + 18 : 3 + 14;
        double micro = (requests * CommsHub.VirtualBoard.Han.Airtime.FrameMicroseconds(requestLength)) + (blocks * CommsHub.VirtualBoard.Han.Airtime.FrameMicroseconds(17 + spec.BlockSize));
        return micro / 1_000_000;
    }

    private static string Format(double seconds) => seconds < 120 ? $"{seconds:F1} s" : seconds < 7200 ? $"{seconds / 60:F1} min" : $"{seconds / 3600:F1} h";
}
