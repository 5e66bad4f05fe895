using System.CommandLine;

namespace CommsHub.Cli.Fuzz;

/// <summary>
/// commshub fuzz TARGET|all [--inputs N] [--seed S] [--out DIR]: mutated inputs into every decoder of bytes from
/// outside and the hub's stateful receivers. Exit 0 only when nothing failed; each failure is written to DIR as the
/// smallest input that still shows it.
/// </summary>
public static class FuzzCommand
{
    public const int Failed = 1;

    /// <summary>The one entry point: runs <paramref name="target"/> (or "all") and prints a line per target.</summary>
    public static int Run(string target, long inputs, int seed, string outDir, TextWriter o)
    {
        var chosen = target == "all" ? FuzzTargets.All.ToList() : FuzzTargets.All.Where(t => t.Name == target).ToList();
        if (chosen.Count == 0)
        {
            throw new UsageException($"unknown fuzz target '{target}'; targets: all, {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
        }

        int failures = 0;
        o.WriteLine($"Fuzzing {chosen.Count} target(s), {inputs} input(s) each, seed {seed}");
        foreach (var t in chosen)
        {
            var result = FuzzEngine.Run(t, inputs, seed);
            failures += result.Failures.Count;
            o.WriteLine($"{t.Name,-14} {result.Inputs,9} inputs {result.Seconds,8:F1} s {result.Rate,9:F0}/s  slowest {result.SlowestMilliseconds,7:F1} ms  refused-as-documented {result.Refusals,7}  failures {result.Failures.Count}");
            for (int i = 0; i < result.Failures.Count; i++)
            {
                var f = result.Failures[i];
                string file = Write(outDir, t.Name, i + 1, f);
                o.WriteLine($"  FAIL {f.Signature}");
                o.WriteLine($"       {f.Detail.Split('\n').Skip(1).FirstOrDefault()}");
                o.WriteLine($"       {(f.Reproducible ? "shrunk" : "not reproducible alone (needs the inputs before it)")}: {f.Shrunk.Length} bytes {Convert.ToHexString(f.Shrunk.AsSpan(0, Math.Min(64, f.Shrunk.Length)))}{(f.Shrunk.Length > 64 ? "..." : "")}" + (file == null ? "" : $" -> {file}"));
            }
        }

        o.WriteLine(failures == 0 ? "No failures." : $"{failures} failure(s).");
        return failures == 0 ? 0 : Failed;
    }

    public static Command Build()
    {
        var target = new Argument<string>("TARGET") { Description = "a target name, or all (" + string.Join(", ", FuzzTargets.All.Select(t => t.Name)) + ")" };
        var inputs = new Option<long>("--inputs") { Description = "inputs per target", DefaultValueFactory = _ => 10000, HelpName = "N" };
        inputs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long>() < 1)
            {
                r.AddError("--inputs must be at least 1");
            }
        });
        var seed = new Option<int>("--seed") { Description = "the random seed: the same seed gives the same inputs", DefaultValueFactory = _ => 1, HelpName = "S" };
        var outDir = new Option<string>("--out") { Description = "write each failure's smallest reproducing input here", HelpName = "DIR" };
        var fuzz = new Command("fuzz", "Feed mutated inputs to every decoder of bytes from outside and to the hub's stateful receivers; exit 1 if anything failed.") { target, inputs, seed, outDir };
        fuzz.SetAction(p => Run(p.GetValue(target), p.GetValue(inputs), p.GetValue(seed), p.GetValue(outDir), p.InvocationConfiguration.Output));
        return fuzz;
    }

    private static string Write(string outDir, string target, int n, FuzzFailure f)
    {
        if (outDir == null)
        {
            return null;
        }

        Directory.CreateDirectory(outDir);
        string path = Path.Combine(outDir, $"{target}-{n}.hex");
        File.WriteAllText(path, $"# commshub fuzz {target}: {f.Signature}\n# {f.Detail.Replace("\n", "\n# ")}\n# {(f.Reproducible ? "shrunk, fails alone" : "fails only after the inputs before it")}\n{Convert.ToHexString(f.Shrunk)}\n");
        return path;
    }
}
