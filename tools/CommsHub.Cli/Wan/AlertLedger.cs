namespace CommsHub.Cli.Wan;

/// <summary>
/// The alerts a head-end has shown, by originator counter, kept in a file per hub so each alert is shown once
/// even across head-end restarts while the hub resends until acknowledged.
/// </summary>
public sealed class AlertLedger
{
    private readonly string _path;
    private readonly HashSet<ulong> _seen = new();

    public AlertLedger(string path)
    {
        _path = path;
        if (path != null && File.Exists(path))
        {
            foreach (string line in File.ReadAllLines(path))
            {
                int space = line.IndexOf(' ');
                if (space > 0 && ulong.TryParse(line[..space], out ulong counter))
                {
                    _seen.Add(counter);
                }
            }
        }
    }

    public static AlertLedger InMemory() => new(null);

    public bool Seen(ulong counter) => _seen.Contains(counter);

    public void Record(ulong counter, string summary)
    {
        _seen.Add(counter);
        if (_path != null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
            File.AppendAllText(_path, $"{counter} {summary}{Environment.NewLine}");
        }
    }
}
