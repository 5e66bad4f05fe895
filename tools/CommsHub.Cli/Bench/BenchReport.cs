using CommsHub.VirtualBoard.Bench;

namespace CommsHub.Cli.Bench;

/// <summary>The bench's throughput figures: one PPMID by blocks and by pages, then a full house at once.</summary>
public static class BenchReport
{
    public static void Print(TextWriter o)
    {
        Case(o, "350 KB to one PPMID, 64-byte blocks", """
            device ppmid PPMID 00-DB-12-34-56-78-90-A4 first-query=1s
            at 0 image PPMID version=01000001 size=350k targets=ppmid
            run 1h
            """);
        Case(o, "350 KB to one PPMID, 64-byte blocks in 512-byte pages", """
            device ppmid PPMID 00-DB-12-34-56-78-90-A4 first-query=1s pages=512 spacing=20
            at 0 image PPMID version=01000001 size=350k targets=ppmid
            run 1h
            """);
        // PPMID and GSME images share the GSME block, so the GSME image follows once the PPMID has finished.
        Case(o, "Four ESMEs and a PPMID at once, then a GSME", """
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
            """);
    }

    private static void Case(TextWriter o, string title, string text)
    {
        using var run = new BenchRun(Scenario.Parse(text, title), null);
        run.Run();
        o.WriteLine($"== {title}");
        BenchCommand.Summary(run, o);
        var finished = run.Devices.Where(d => d.DownloadFinished.HasValue && !d.Spec.PollInterval.HasValue).ToList();
        if (finished.Count > 1)
        {
            double together = finished.Sum(d => BenchCommand.AirtimeBound(d.Spec, (int)d.BytesReceived));
            double span = (finished.Max(d => d.DownloadFinished.Value) - finished.Min(d => d.DownloadStarted.Value)).TotalSeconds;
            o.WriteLine($"Awake devices together: {together:F1} s of airtime needed, all done in {span:F1} s ({together / span:P0} of the shared air)");
        }

        o.WriteLine($"HAN frames on the air: {run.Medium.FramesSent}, airtime {run.Medium.AirtimeMicroseconds / 1e6:F1} s");
        o.WriteLine();
    }
}
