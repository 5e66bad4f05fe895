using CommsHub.Ota.Files;

namespace CommsHub.Cli.Ota;

/// <summary>commshub ota: OTA file tools. Exit codes for inspect: 0 servable, 2 refused, 1 unreadable.</summary>
public static class OtaCommand
{
    public const int Refused = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != "inspect")
        {
            throw new UsageException(args.Length == 0 ? "ota needs a subcommand: inspect" : $"ota: unknown subcommand '{args[0]}'");
        }

        bool json = false;
        string path = null;
        foreach (string a in args[1..])
        {
            if (a == "--json")
            {
                json = true;
            }
            else if (a.StartsWith('-'))
            {
                throw new UsageException($"ota inspect: unknown option '{a}'");
            }
            else if (path is null)
            {
                path = a;
            }
            else
            {
                throw new UsageException("ota inspect takes one file");
            }
        }

        if (path is null)
        {
            throw new UsageException("ota inspect needs a FILE");
        }

        OtaFile file;
        try
        {
            using var source = new FileImageSource(path);
            file = OtaFileParser.Parse(source);
            var report = OtaInspectReport.From(path, file);
            if (json)
            {
                output.WriteLine(report.ToJson());
            }
            else
            {
                report.WriteText(output);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"commshub: cannot read {path}: {e.Message}");
            return 1;
        }

        return file.IsServable ? 0 : Refused;
    }
}
