namespace CommsHub.Cli.Wan;

/// <summary>
/// wan send's progress: on a terminal a bar redrawn in place; into a file or pipe (or with --plain) a line at
/// every tenth, with no carriage returns. Throughput counts only the bytes sent in this run, from where the hub
/// said to resume.
/// </summary>
public sealed class SendProgress
{
    private readonly TextWriter _o;
    private readonly bool _plain;
    private readonly long _total;
    private readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();
    private long _from;
    private double _lastDraw = -1;
    private int _lastTenth = -1;
    private bool _drawn;

    public SendProgress(TextWriter o, bool plain, long total)
    {
        _o = o;
        _plain = plain;
        _total = total;
    }

    /// <summary>The hub said to send from <paramref name="offset"/>: rate and ETA count from there.</summary>
    public void Begin(long offset, bool resume)
    {
        if (resume || offset > 0)
        {
            Line($"{(resume ? "resuming" : "continuing an earlier transfer")} at byte {offset} ({100.0 * offset / _total:F1} %)");
        }

        _from = offset;
        _watch.Restart();
    }

    public void Report(long done, long total)
    {
        double seconds = Math.Max(_watch.Elapsed.TotalSeconds, 0.001);
        double rate = (done - _from) / seconds;
        double eta = (total - done) / Math.Max(rate, 1);
        string text = $"{100.0 * done / total,5:F1}%  {rate / 1024,7:F1} KiB/s  ETA {eta,5:F0} s";
        if (_plain)
        {
            int tenth = (int)(10 * done / total);
            if (tenth != _lastTenth)
            {
                _lastTenth = tenth;
                _o.WriteLine("sent " + text.Trim());
            }

            return;
        }

        if (done < total && seconds - _lastDraw < 0.2)
        {
            return;
        }

        _lastDraw = seconds;
        int bar = (int)(30 * done / total);
        _o.Write($"\r[{new string('#', bar)}{new string(' ', 30 - bar)}] {text} ");
        _drawn = true;
    }

    public void Finish()
    {
        if (_drawn)
        {
            _o.WriteLine();
            _drawn = false;
        }
    }

    private void Line(string text)
    {
        Finish();
        _o.WriteLine(text);
    }
}
