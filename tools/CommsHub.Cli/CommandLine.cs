namespace CommsHub.Cli;

/// <summary>commshub's subcommands. Exit codes: 0 success, 1 failure at run time, 64 usage error.</summary>
public static class CommandLine
{
    public const int UsageError = 64;

    private const string Usage = """
        commshub — bench tools for the CommsHub communications hub firmware

        Usage:
          commshub board [--flash FILE] [--seconds N] [--wan tcp:HOST:PORT]
                                                        run the hub on the virtual board (WAN on TCP)
          commshub ota inspect FILE [--json]            check an OTA file: header, sub-elements, diagnostics
                                                        (exit 0 servable, 2 refused, 1 unreadable)
          commshub wan [--connect tcp:HOST:PORT] [--state DIR] SUBCOMMAND   the head-end:
              identity | status | time | alerts [--wait S] | activate VERSION
              send FILE --type ESME|GSME|PPMID|HCALCS --target EUI-64 [--target ...]
              device-log add EUI-64 TYPE INSTALL-CODE-HEX | device-log remove EUI-64
              decode HEX|FILE [--cert PEM]   (no connection; exit 2 if the signature fails)
          commshub bench [run FILE] [--pcap FILE] [--wan-log FILE] [--plain]
                                                        play a scenario on the virtual bench (no FILE: the demo)
          commshub bench report                         throughput figures of the bench
          commshub radio selftest [--pcap FILE]         MRF24J40 driver + coordinator MAC on two emulated chips
          commshub fuzz TARGET|all [--inputs N] [--seed S] [--out DIR]
                                                        mutated inputs into every decoder and receiver (exit 0: no failures)
          commshub --help
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? UsageError : 0;
        }

        try
        {
            return args[0] switch
            {
                "board" => BoardCommand.Run(args[1..], output),
                "ota" => Ota.OtaCommand.Run(args[1..], output, error),
                "wan" => Wan.WanCommand.Run(args[1..], output, error),
                "bench" => Bench.BenchCommand.Run(args[1..], output, error),
                "radio" => Radio.RadioCommand.Run(args[1..], output, error),
                "fuzz" => Fuzz.FuzzCommand.Run(args[1..], output, error),
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            error.WriteLine("commshub: " + e.Message);
            error.WriteLine("Run 'commshub --help' for usage.");
            return UsageError;
        }
    }
}

public sealed class UsageException(string message) : Exception(message);
