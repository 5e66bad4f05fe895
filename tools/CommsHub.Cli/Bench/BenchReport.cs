using CommsHub.VirtualBoard.Bench;
using CommsHub.VirtualBoard.Han;

namespace CommsHub.Cli.Bench;

/// <summary>
/// The bench's throughput figures, measured through the stack: each case runs on the virtual bench (the hub's firmware,
/// its MRF24J40 driver, every device an emulated Zigbee node on the same air) and sets each download's time against
/// the airtime of the frames really on the air meanwhile (<see cref="AirtimeLedger"/>): MAC, NWK and APS headers,
/// security, source routes, retries, acknowledgments, CSMA-CA.
/// </summary>
public static class BenchReport
{
    /// <summary>The issue's goal: 350 KB to one PPMID by blocks within this factor of the airtime its frames need.</summary>
    public const double BlockGoal = 1.15;

    /// <summary>The issue's goal: pages at the smallest spacing at least this much faster than blocks.</summary>
    public const double PageSpeedUpGoal = 1.5;

    public const string OneByBlocks = "350 KB to one PPMID by Image Block Requests (64-byte blocks)";
    public const string OneByPages = "350 KB to one PPMID by Image Page Requests (64-byte blocks, 512-byte pages, smallest spacing)";
    public const string OneByLongPages = "350 KB to one PPMID by Image Page Requests (64-byte blocks, 2048-byte pages, smallest spacing)";
    public const string FullHouse = "Four ESMEs and a PPMID at once, a sleepy GSME on the same air (its image follows the PPMID's: they share the GSME block)";
    public const string TwoHops = "350 KB to a PPMID two hops away, through an ESME";

    public static void Print(TextWriter o)
    {
        var blocks = Print(o, Measure(OneByBlocks, Single(""))).Devices.FirstOrDefault();
        if (blocks != null)
        {
            o.WriteLine($"Blocks: {blocks.Ratio:F2}× the airtime bound. " + Verdict(blocks.Ratio <= BlockGoal, $"within {BlockGoal:0.00}×"));
        }

        o.WriteLine();
        var pages = Print(o, Measure(OneByPages, Single(" pages=512 spacing=0"))).Devices.FirstOrDefault();
        // Each page costs a request (and its acknowledgments) that blocks pay for every block: longer pages spread it thinner.
        var longPages = Measure(OneByLongPages, Single(" pages=2048 spacing=0")).Devices.FirstOrDefault();
        if (blocks != null && pages != null && longPages != null)
        {
            double speedUp = blocks.Seconds / pages.Seconds;
            o.WriteLine($"Pages at the smallest spacing: {speedUp:F2}× as fast as blocks. " + Verdict(speedUp >= PageSpeedUpGoal, $"at least {PageSpeedUpGoal:0.0}×"));
            o.WriteLine($"With 2048-byte pages: {longPages.Seconds:F2} s, {longPages.Ratio:F2}× its airtime bound, {blocks.Seconds / longPages.Seconds:F2}× as fast as blocks.");
        }

        o.WriteLine();
        Print(o, Measure(FullHouse, """
            device esme1 ESME 00-DB-12-34-56-78-90-E1 first-query=1s
            device esme2 ESME 00-DB-12-34-56-78-90-E2 first-query=1s
            device esme3 ESME 00-DB-12-34-56-78-90-E3 first-query=1s
            device esme4 ESME 00-DB-12-34-56-78-90-E4 first-query=1s
            device ppmid PPMID 00-DB-12-34-56-78-90-A4 first-query=1s
            device gsme GSME 00-DB-12-34-56-78-90-B2 first-query=1s
            at 0 image ESME version=02000001 size=350k targets=esme1,esme2,esme3,esme4
            at 0 image PPMID version=01000001 size=350k targets=ppmid
            at 10m image GSME version=03000001 size=100k targets=gsme
            run 2d
            """));
        o.WriteLine();
        Print(o, Measure(TwoHops, """
            device esme1 ESME 00-DB-12-34-56-78-90-E1 first-query=1s
            device ppmid PPMID 00-DB-12-34-56-78-90-A4 first-query=1s via=esme1
            at 0 image PPMID version=01000001 size=350k targets=ppmid
            run 1h
            """));
        o.WriteLine();
    }

    private static string Single(string options) => $"""
        device ppmid PPMID 00-DB-12-34-56-78-90-A4 first-query=1s{options}
        at 0 image PPMID version=01000001 size=350k targets=ppmid
        run 1h
        """;

    private static string Verdict(bool met, string goal) => $"Goal {goal}: {(met ? "met" : "MISSED")}.";

    /// <summary>Runs one case to its end and counts, for every device that finished a download, the frames on the air meanwhile.</summary>
    public static CaseFigures Measure(string title, string scenarioText)
    {
        using var run = new BenchRun(Scenario.Parse(scenarioText, title), null);
        run.Medium.KeepHistory = true;
        run.Run();
        var history = run.Medium.History;
        var devices = new List<DeviceFigures>();
        var unfinished = new List<string>();
        foreach (var d in run.Han.Devices)
        {
            var c = d.Client;
            if (!c.DownloadStarted.HasValue || !c.DownloadFinished.HasValue)
            {
                if (c.ImageSize > 0 || c.State != "no image for it")
                {
                    string last = run.Log.LastOrDefault(l => l.Text.StartsWith(d.Name + ":")).Text;
                    unfinished.Add($"{d.Name} finished no download ({c.State}){(last != null ? "; last heard of it: " + last : "")}");
                }

                continue;
            }

            (long from, long to) = Window(c.DownloadStarted.Value, c.DownloadFinished.Value);
            devices.Add(new DeviceFigures(d.Name, BenchCommand.TypeName(d.Spec), c.BytesReceived, (c.DownloadFinished.Value - c.DownloadStarted.Value).TotalSeconds,
                d.Spec.Sleepy, AirtimeLedger.Of(history, from, to, new[] { d.Node.ShortAddress })));
        }

        var summary = new StringWriter();
        BenchCommand.Summary(run, summary);
        AirtimeLedger all = null;
        double span = 0;
        var awake = run.Han.Devices.Select(d => d.Client).Where(c => c.DownloadStarted.HasValue && c.DownloadFinished.HasValue && !c.Spec.Sleepy).ToList();
        if (awake.Count > 1)
        {
            var first = awake.Min(c => c.DownloadStarted.Value);
            var last = awake.Max(c => c.DownloadFinished.Value);
            (long from, long to) = Window(first, last);
            all = AirtimeLedger.Of(history, from, to);
            span = (last - first).TotalSeconds;
        }

        return new CaseFigures(title, summary.ToString(), devices, unfinished, span, all, run.Medium.Collisions);
    }

    /// <summary>The medium's microseconds of a download that the virtual clock (milliseconds) timed.</summary>
    private static (long From, long To) Window(TimeSpan started, TimeSpan finished) =>
        ((long)started.TotalMilliseconds * 1000, ((long)finished.TotalMilliseconds + 1) * 1000);

    public static CaseFigures Print(TextWriter o, CaseFigures f)
    {
        o.WriteLine($"== {f.Title}");
        o.Write(f.Summary);
        o.WriteLine();
        o.WriteLine("device  download    frames   acks   airtime bound  download/bound");
        foreach (var d in f.Devices)
        {
            o.WriteLine($"{d.Name,-7} {d.Seconds,8:F2} s {d.Air.Frames,9} {d.Air.Acknowledgments,6} {d.Air.Seconds,12:F2} s  {d.Ratio,8:F2}{(d.Sleepy ? "  (sleepy: paced by its polls)" : "")}");
        }

        foreach (string line in f.Unfinished)
        {
            o.WriteLine(line);
        }

        if (f.All != null)
        {
            o.WriteLine($"Awake devices together: all done in {f.SpanSeconds:F1} s; the {f.All.Frames} frames on the air meanwhile need {f.All.Seconds:F1} s ({f.SpanSeconds / f.All.Seconds:F2}× the bound)");
        }

        o.WriteLine($"Collided frames in the whole run: {f.Collisions}");
        return f;
    }

    public sealed record DeviceFigures(string Name, string Type, long Bytes, double Seconds, bool Sleepy, AirtimeLedger Air)
    {
        public double Ratio => Seconds / Air.Seconds;
    }

    public sealed record CaseFigures(string Title, string Summary, List<DeviceFigures> Devices, List<string> Unfinished, double SpanSeconds, AirtimeLedger All, int Collisions);
}
