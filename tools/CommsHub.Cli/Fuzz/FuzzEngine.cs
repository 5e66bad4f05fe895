using System.Diagnostics;

namespace CommsHub.Cli.Fuzz;

/// <summary>What one target's run found.</summary>
public sealed class FuzzResult
{
    public string Target = "";
    public long Inputs;
    public double Seconds;
    public double SlowestMilliseconds;
    public int Refusals;
    public List<FuzzFailure> Failures { get; } = new();

    public double Rate => Seconds > 0 ? Inputs / Seconds : 0;
}

/// <summary>A failure: what went wrong, and the smallest input found that still shows it.</summary>
public sealed record FuzzFailure(string Signature, string Detail, byte[] Input, byte[] Shrunk, bool Reproducible);

/// <summary>Feeds a target mutated inputs, checks it after every batch, and shrinks what fails.</summary>
public static class FuzzEngine
{
    /// <summary>Distinct failures kept per target: past this the run is clearly broken and more copies help no one.</summary>
    private const int MaximumFailures = 10;

    public static FuzzResult Run(FuzzTarget target, long inputs, int seed)
    {
        var result = new FuzzResult { Target = target.Name };
        var random = new Random(seed);
        var mutator = new Mutator(random);
        List<byte[]> seeds = target.Seeds();
        var seen = new HashSet<string>();
        IFuzzInstance instance = target.Create();
        var clock = Stopwatch.StartNew();
        long slowest = 0;
        byte[] last = Array.Empty<byte>();
        for (long i = 0; i < inputs && result.Failures.Count < MaximumFailures; i++)
        {
            byte[] input = mutator.Next(seeds);
            long started = Stopwatch.GetTimestamp();
            string failure = Feed(target, instance, input, result);
            slowest = Math.Max(slowest, Stopwatch.GetTimestamp() - started);
            if (failure == null && ((i + 1) % target.CheckEvery == 0 || i + 1 == inputs))
            {
                failure = Check(instance);
                if (failure != null)
                {
                    failure = "after the input before this check: " + failure;
                }
            }

            if (failure != null)
            {
                string signature = failure.Split('\n')[0];
                if (seen.Add(signature))
                {
                    result.Failures.Add(Shrink(target, input, failure, signature));
                }

                instance = target.Create();
            }

            last = input;
            result.Inputs = i + 1;
        }

        result.Seconds = clock.Elapsed.TotalSeconds;
        result.SlowestMilliseconds = slowest * 1000.0 / Stopwatch.Frequency;
        return result;
    }

    private static string Feed(FuzzTarget target, IFuzzInstance instance, byte[] input, FuzzResult result)
    {
        try
        {
            instance.Feed(input);
            return null;
        }
        catch (Exception e) when (target.IsRefusal(e))
        {
            result.Refusals++;
            return null;
        }
        catch (Exception e)
        {
            return Describe(e);
        }
    }

    private static string Check(IFuzzInstance instance)
    {
        try
        {
            return instance.Check();
        }
        catch (Exception e)
        {
            return "check threw " + Describe(e);
        }
    }

    private static string Describe(Exception e)
    {
        string where = e.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains(" at CommsHub"))?.Trim() ?? "(no frame)";
        return e.GetType().Name + " " + where + "\n" + e.Message;
    }

    /// <summary>Alone on a fresh instance, does this input fail the same way?</summary>
    private static bool FailsAlone(FuzzTarget target, byte[] input, string signature)
    {
        IFuzzInstance fresh = target.Create();
        var scratch = new FuzzResult();
        string failure = Feed(target, fresh, input, scratch) ?? Check(fresh);
        if (failure != null && failure.StartsWith("after the input"))
        {
            failure = null;
        }

        return failure != null && (failure.Split('\n')[0] == signature || ("after the input before this check: " + failure).Split('\n')[0] == signature);
    }

    /// <summary>Removes runs of bytes, halving the run length down to one, while the input still fails alone the same way.</summary>
    private static FuzzFailure Shrink(FuzzTarget target, byte[] input, string failure, string signature)
    {
        string loneSignature = signature.StartsWith("after the input before this check: ") ? signature["after the input before this check: ".Length..] : signature;
        if (!FailsAlone(target, input, loneSignature) && !FailsAlone(target, input, signature))
        {
            return new FuzzFailure(signature, failure, input, input, false);
        }

        string wanted = FailsAlone(target, input, loneSignature) ? loneSignature : signature;
        byte[] best = input;
        int budget = 4000;
        for (int run = Math.Max(1, best.Length / 2); run >= 1 && budget > 0; run /= 2)
        {
            for (int at = 0; at + run <= best.Length && budget > 0;)
            {
                budget--;
                byte[] candidate = best[..at].Concat(best[(at + run)..]).ToArray();
                if (FailsAlone(target, candidate, wanted))
                {
                    best = candidate;
                }
                else
                {
                    at += run;
                }
            }
        }

        return new FuzzFailure(signature, failure, input, best, true);
    }
}
