using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CommsHub.Cli.Bench;

/// <summary>What a soak run measured.</summary>
public sealed class SoakResult
{
    public int Days;
    public double WallSeconds;
    public List<long> HeapByDay { get; } = new();

    /// <summary>An estimate of what the bench and head-end hold per alert received (its text and summary), per sample.</summary>
    public List<long> AlertRecordsByDay { get; } = new();
    public int Alerts;
    public int OutcomesCreated;
    public int Unacknowledged;
    public int Boots;
    public int PowerCuts;
    public int ImagesNotDelivered;
    public List<string> Failures { get; } = new();

    /// <summary>Live heap growth from the end of the first week (or the first day of a short run) to the highest later sample.</summary>
    public long Growth => HeapByDay.Count < 2 ? 0 : HeapByDay.Skip(Baseline).Max() - HeapByDay[Baseline];

    public int Baseline => Math.Min(7, HeapByDay.Count - 1);

    /// <summary>Growth after the baseline that the alert records do not account for: the hub's share, and noise.</summary>
    public long Unexplained => HeapByDay.Count < 2 ? 0
        : Enumerable.Range(Baseline, HeapByDay.Count - Baseline).Max(i => (HeapByDay[i] - HeapByDay[Baseline]) - (AlertRecordsByDay[i] - AlertRecordsByDay[Baseline]));
}

/// <summary>
/// Days of a busy HAN on the virtual bench: images every day for every device type, devices that go quiet and
/// come back, WAN outages, hub reboots and power cuts inside flash work. The live managed heap is sampled every
/// virtual midnight; alerts must reach the head-end exactly once per target per outcome, none lost.
/// </summary>
public static class Soak
{
    /// <summary>[decision] Heap growth allowed after the first week: the bench and head-end keep per-alert records, the hub nothing.</summary>
    public const long HeapGrowthBound = 2 * 1024 * 1024;

    /// <summary>[decision] Of that, growth the bench's alert records do not account for: at most 512 KiB.</summary>
    public const long UnexplainedGrowthBound = 512 * 1024;

    public static string ScenarioText(int days)
    {
        var s = new StringBuilder();
        s.AppendLine("start 2026-11-21T00:00:00Z");
        s.AppendLine("device esme1  ESME   00-DB-12-34-56-78-90-E1 first-query=1m query=1h");
        s.AppendLine("device esme2  ESME   00-DB-12-34-56-78-90-E2 first-query=2m query=1h pages=512");
        s.AppendLine("device gsme1  GSME   00-DB-12-34-56-78-90-B2 first-query=3m query=4h");
        s.AppendLine("device ppmid1 PPMID  00-DB-12-34-56-78-90-A4 first-query=4m query=2h");
        s.AppendLine("device hcalcs1 HCALCS 00-DB-12-34-56-78-90-C1 first-query=5m query=2h");
        for (int d = 0; d < days; d++)
        {
            string at(double hours) => (d * 24 + hours).ToString(CultureInfo.InvariantCulture) + "h";
            string v(int type) => (0x01000000 + (type << 16) + d + 1).ToString("X8");
            s.AppendLine($"at {at(1)} image ESME version={v(0)} size=12k targets=esme1,esme2");
            s.AppendLine($"at {at(3)} image {(d % 2 == 0 ? "GSME" : "PPMID")} version={v(d % 2 == 0 ? 1 : 2)} size=10k targets={(d % 2 == 0 ? "gsme1" : "ppmid1")}");
            s.AppendLine($"at {at(5)} image HCALCS version={v(3)} size=8k targets=hcalcs1");
            if (d % 2 == 1)
            {
                s.AppendLine($"at {at(6)} image PPMID version={(0x01000000 + (2 << 16) + 0x8000 + d).ToString("X8")} size=9k targets=ppmid1");
            }

            if (d % 6 == 1)
            {
                s.AppendLine($"at {at(10)} wan-outage 3h");
            }

            if (d % 4 == 1)
            {
                s.AppendLine($"at {at(15)} hub-reboot");
            }

            if (d % 9 == 2)
            {
                s.AppendLine($"at {at(1.01)} hub-power-cut");
            }

            if (d % 5 == 2)
            {
                s.AppendLine($"at {at(2)} silent esme2 6h");
            }

            if (d % 7 == 3)
            {
                s.AppendLine($"at {at(4)} silent ppmid1 12h");
            }

            if (d % 11 == 4)
            {
                s.AppendLine($"at {at(8)} silent gsme1 1d");
            }
        }

        s.AppendLine($"run {days}d2h");
        return s.ToString();
    }

    public static SoakResult Run(int days, TextWriter progress)
    {
        var result = new SoakResult { Days = days };
        var scenario = Scenario.Parse(ScenarioText(days), "soak");
        var wall = System.Diagnostics.Stopwatch.StartNew();
        using var run = new BenchRun(scenario, null) { KeepLog = false };
        int sampledDay = -1;
        run.Progress += r =>
        {
            int day = (int)r.Elapsed.TotalDays;
            if (day > sampledDay && day >= 1)
            {
                sampledDay = day;
                long heap = GC.GetTotalMemory(forceFullCollection: true);
                result.HeapByDay.Add(heap);
                result.AlertRecordsByDay.Add(r.Alerts.Sum(a => 2L * (a.Alert.Alert.Text.Length + a.Alert.Alert.Summary.Length)));
                progress?.WriteLine($"day {day,3}: live heap {heap / 1024,7} KiB, alerts {r.Alerts.Count}, hub boots {r.HubBoots}, power cuts {r.PowerCuts}");
            }
        };
        result.Failures.AddRange(run.Run());
        result.WallSeconds = wall.Elapsed.TotalSeconds;
        result.Alerts = run.Alerts.Count;
        result.OutcomesCreated = (int)run.Hub.Store.State.NextOutcomeNumber - 1;
        result.Unacknowledged = run.Hub.Outcomes.UnacknowledgedCount;
        result.Boots = run.HubBoots;
        result.PowerCuts = run.PowerCuts;
        result.ImagesNotDelivered = run.ImagesNotDelivered;

        // Exactly once per target per outcome: no (target, version, result) twice; none lost: every outcome the hub
        // numbered reached the head-end's ledger, and none waits unacknowledged.
        var keys = run.Alerts.Select(a => Regex.Match(a.Alert.Alert.Summary, @"target (\S+) version (\S+) result (\S+)").Value).ToList();
        foreach (var twice in keys.GroupBy(k => k).Where(g => g.Count() > 1))
        {
            result.Failures.Add($"alert shown {twice.Count()} times: {twice.Key}");
        }

        var counters = run.Alerts.Select(a => a.Alert.Counter).ToHashSet();
        if (counters.Count != run.Alerts.Count)
        {
            result.Failures.Add("an originator counter was shown twice");
        }

        if (result.Unacknowledged != 0)
        {
            result.Failures.Add($"{result.Unacknowledged} alert(s) still wait in the hub");
        }

        if (result.Alerts != result.OutcomesCreated)
        {
            result.Failures.Add($"the hub numbered {result.OutcomesCreated} outcomes, the head-end received {result.Alerts}");
        }

        if (result.Growth > HeapGrowthBound)
        {
            result.Failures.Add($"live heap grew {result.Growth / 1024} KiB after day {result.Baseline + 1}, bound {HeapGrowthBound / 1024} KiB");
        }

        if (result.Unexplained > UnexplainedGrowthBound)
        {
            result.Failures.Add($"live heap grew {result.Unexplained / 1024} KiB beyond the alert records after day {result.Baseline + 1}, bound {UnexplainedGrowthBound / 1024} KiB");
        }

        return result;
    }

    /// <summary>commshub bench soak [--days N]; exit 0 when every check held.</summary>
    public static Command Build()
    {
        var days = new Option<int>("--days") { Description = "virtual days to run", DefaultValueFactory = _ => 90, HelpName = "N" };
        days.Validators.Add(r =>
        {
            int d = r.GetValueOrDefault<int>();
            if (d < 1 || d > 3650)
            {
                r.AddError("--days must be from 1 to 3650");
            }
        });
        var soak = new Command("soak", "Days of a busy HAN on the virtual bench: daily images for every device type, devices going quiet, WAN outages, hub reboots and power cuts; checks memory stays flat and every alert arrives exactly once. Exit 1 if a check failed.") { days };
        soak.SetAction(p => Command(p.GetValue(days), p.InvocationConfiguration.Output));
        return soak;
    }

    public static int Command(int days, TextWriter o)
    {
        var r = Run(days, o);
        o.WriteLine($"Soak: {r.Days} virtual days in {r.WallSeconds:F0} s; {r.Alerts} alerts for {r.OutcomesCreated} outcomes, {r.Unacknowledged} unacknowledged; " +
            $"{r.Boots} hub boots ({r.PowerCuts} by power cuts); {r.ImagesNotDelivered} images not delivered");
        if (r.HeapByDay.Count > 0)
        {
            o.WriteLine($"Live heap: day 1 {r.HeapByDay[0] / 1024} KiB, day {r.Baseline + 1} {r.HeapByDay[r.Baseline] / 1024} KiB, highest after it {r.HeapByDay.Skip(r.Baseline).Max() / 1024} KiB, last {r.HeapByDay[^1] / 1024} KiB; growth {r.Growth / 1024} KiB (bound {HeapGrowthBound / 1024} KiB), of which alert texts kept by the bench {(r.AlertRecordsByDay[^1] - r.AlertRecordsByDay[r.Baseline]) / 1024} KiB; largest growth not explained by them {r.Unexplained / 1024} KiB");
        }

        foreach (string f in r.Failures)
        {
            o.WriteLine("FAIL " + f);
        }

        o.WriteLine(r.Failures.Count == 0 ? "Soak passed." : $"{r.Failures.Count} failure(s).");
        return r.Failures.Count == 0 ? 0 : 1;
    }
}
