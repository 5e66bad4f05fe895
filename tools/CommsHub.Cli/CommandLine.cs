using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Net.Sockets;
using System.Reflection;

namespace CommsHub.Cli;

/// <summary>
/// commshub's command tree. Every command answers --help without doing anything else; exit codes follow one
/// table (<see cref="ExitCodes"/>), documented in README.md.
/// </summary>
public static class CommandLine
{
    public const int UsageError = ExitCodes.Usage;

    private const string Overview = """
        commshub — bench tools for the CommsHub communications hub firmware.

        Commands (each has --help):
          board [--flash FILE] [--seconds N] [--wan tcp:HOST:PORT|pty|serial:DEVICE[@BAUD]]
                                  run the hub on the virtual board; its WAN on TCP, a new pty or a serial device
          bench [run FILE] [--pcap FILE] [--wan-log FILE] [--plain]   play a scenario (no FILE: the demo)
          bench report            throughput figures of the bench
          ota inspect FILE|DIR... [--json]   check OTA files as the hub would
          ota create FIRMWARE --manufacturer HEX --image-type HEX --file-version HEX --output FILE
          wan [--connect tcp:HOST:PORT|serial:DEVICE[@BAUD]] [--state DIR] SUBCOMMAND   the head-end:
              identity | status | time | alerts [--wait S] | send FILE --type T --target EUI-64
              device-log add|remove|list | set-key HEX | activate VERSION | decode HEX|FILE [--cert PEM|KEY]
              set-cbke-cert --suite 1|2 --cert HEX|FILE --key HEX|FILE --ca HEX|FILE
          bench soak [--days N]   days of a busy HAN: images, outages, reboots, power cuts; memory and alerts checked
          radio selftest [--pcap FILE]   MRF24J40 driver + coordinator MAC on two emulated chips
          fuzz TARGET|all [--inputs N] [--seed S] [--out DIR]   mutated inputs into every decoder and receiver
          cert issue --suite 1|2 --subject EUI-64 [--ca-key HEX] [--issuer HEX] [--json]   a test CBKE certificate

        Exit codes: 0 ok, 1 failure, 2 refused or invalid input, 64 usage.
        """;

    /// <summary>The version --version prints: the assembly's informational version.</summary>
    public static string Version =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0.0.0";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        RootCommand root = Build();
        ParseResult parsed = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var e in parsed.Errors)
            {
                error.WriteLine("commshub: " + e.Message);
            }

            error.WriteLine($"Run '{HelpPath(parsed)} --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parsed.Invoke(configuration);
        }
        catch (UsageException e)
        {
            error.WriteLine("commshub: " + e.Message);
            error.WriteLine($"Run '{HelpPath(parsed)} --help' for usage.");
            return ExitCodes.Usage;
        }
        catch (InputException e)
        {
            error.WriteLine("commshub: " + e.Message);
            return ExitCodes.Refused;
        }
        catch (Exception e) when (e is FailureException or IOException or UnauthorizedAccessException or SocketException or TimeoutException)
        {
            error.WriteLine("commshub: " + e.Message);
            return ExitCodes.Failure;
        }
    }

    /// <summary>The whole tree; a new command is one more <c>root.Subcommands.Add(...)</c>.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand(Overview);
        foreach (var option in root.Options)
        {
            if (option is VersionOption version)
            {
                version.Action = new PrintVersion();
            }
        }

        root.Subcommands.Add(BoardCommand.Build());
        root.Subcommands.Add(Bench.BenchCommand.Build());
        root.Subcommands.Add(Ota.OtaCommand.Build());
        root.Subcommands.Add(Wan.WanCommand.Build());
        root.Subcommands.Add(Radio.RadioCommand.Build());
        root.Subcommands.Add(Fuzz.FuzzCommand.Build());
        root.Subcommands.Add(Cert.CertCommand.Build());
        root.SetAction(p =>
        {
            // No command: the overview, and a usage exit so scripts notice.
            p.RootCommandResult.Command.Parse("--help").Invoke(p.InvocationConfiguration);
            return ExitCodes.Usage;
        });
        return root;
    }

    /// <summary>A command that only groups subcommands: on its own it shows its help and exits 64.</summary>
    public static Command Group(string name, string description)
    {
        var command = new Command(name, description);
        command.SetAction(p =>
        {
            p.InvocationConfiguration.Error.WriteLine($"commshub: {HelpPath(p)} needs a subcommand.");
            new HelpAction().Invoke(p);
            return ExitCodes.Usage;
        });
        return command;
    }

    private static string HelpPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var r = parsed.CommandResult; r != null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, r.Command is RootCommand ? "commshub" : r.Command.Name);
        }

        return string.Join(' ', names);
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine("commshub " + Version);
            return ExitCodes.Ok;
        }
    }
}

/// <summary>One exit-code table for every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran and failed: the hub refused or did not answer, a file could not be written.</summary>
    public const int Failure = 1;

    /// <summary>Refused or invalid input: a file that is missing or malformed, a signature that fails, an image the hub would refuse.</summary>
    public const int Refused = 2;

    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 64;
}

/// <summary>The command line is wrong in a way the parser cannot see: exit 64.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>The input (a file, a value) is missing or malformed: exit 2.</summary>
public sealed class InputException(string message) : Exception(message);

/// <summary>The command ran and failed: exit 1.</summary>
public sealed class FailureException(string message) : Exception(message);
