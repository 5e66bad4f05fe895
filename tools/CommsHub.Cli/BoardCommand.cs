using System.Diagnostics;
using System.CommandLine;
using CommsHub.VirtualBoard;
using CommsHub.VirtualBoard.Bench;

namespace CommsHub.Cli;

/// <summary>commshub board: boots the firmware on the virtual board and runs its main loop in real time.</summary>
public static class BoardCommand
{
    /// <summary>The emulated W25Q32's array: a flash file of any other size is someone else's.</summary>
    public const long FlashFileSize = 4L * 1024 * 1024;

    public static Command Build()
    {
        var flash = new Option<string>("--flash") { Description = "the flash image file (created on first run; 4 MiB)", HelpName = "FILE", DefaultValueFactory = _ => "commshub.flash" };
        var seconds = new Option<double>("--seconds") { Description = "stop after this many seconds (default: run until Ctrl-C)", HelpName = "N" };
        seconds.CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double s) || s < 0 || double.IsNaN(s))
            {
                r.AddError($"--seconds takes a number of seconds >= 0, not '{text}'");
            }

            return s;
        };
        var wan = new Option<string>("--wan") { Description = "the hub's WAN: tcp:HOST:PORT (listen), pty (a new pseudo-terminal, path printed) or serial:DEVICE[@BAUD]", HelpName = "tcp:HOST:PORT|pty|serial:DEVICE[@BAUD]" };
        var device = new Option<string[]>("--device")
        {
            Description = BoardDevices.HelpText,
            HelpName = "NAME TYPE EUI-64 [INSTALL-CODE]",
            Arity = new ArgumentArity(3, 4 * 64),
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("board", "Boot the hub firmware on the virtual board and run it in real time, printing each WAN event; with --device, also a HAN of emulated devices on a virtual radio, printing each HAN event.") { flash, seconds, wan, device };
        command.SetAction(p => Run(p.GetValue(flash), p.GetResult(seconds) == null ? null : p.GetValue(seconds), p.GetValue(wan), p.InvocationConfiguration.Output, null,
            BoardDevices.Parse(BoardDevices.Groups(p, "--device"))));
        return command;
    }

    /// <param name="stopToken">Ends the run early (tests); Ctrl-C also does.</param>
    /// <param name="devices">The HAN's emulated devices; none: the board has no HAN, as before.</param>
    public static int Run(string flashFile, double? seconds, string wan, TextWriter output, CancellationToken? stopToken, List<DeviceSpec> devices = null)
    {
        CheckFlashFile(flashFile);
        using var flashLock = FlashLock.Take(flashFile);
        using var wanPort = wan == null ? null : ListenOrExplain(wan);
        void Say(string text)
        {
            output.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {text}");
            output.Flush();
        }

        var tap = wanPort == null ? null : new BoardWanEvents((CommsHub.Platform.ISerialPort)wanPort, Say);
        DateTime start = DateTime.UtcNow;
        var han = devices is { Count: > 0 } ? new BoardHan(flashFile, devices, start, Say) : null;
        // With a HAN, the hub's radio is an MRF24J40 on the HAN's air and its clock is the HAN's, so hub and devices share one time.
        using var board = han == null ? new VirtualBoard.VirtualBoard(flashFile, start, tap)
            : new VirtualBoard.VirtualBoard(flashFile, start, tap, clock: han.Han.Clock, newRadio: han.Han.NewHubRadio);
        foreach (string line in board.Boot())
        {
            output.WriteLine(line);
        }

        foreach (string line in han?.Attach(board) ?? new List<string>())
        {
            output.WriteLine(line);
        }

        output.WriteLine($"Flash image: {Path.GetFullPath(flashFile)}");
        output.WriteLine(wan == null ? "WAN: none (add --wan tcp:127.0.0.1:5555 or --wan pty to reach it from 'commshub wan')"
            : wanPort is VirtualBoard.Transport.SerialDevicePort pty ? $"WAN: pseudo-terminal {pty.Path}: commshub wan --connect serial:{pty.Path} ..."
            : $"WAN: listening on {wan} for a head-end");
        output.WriteLine(seconds is null ? "Running; Ctrl-C stops the board." : $"Running for {seconds} s.");
        output.Flush();

        using var stop = stopToken is { } token ? CancellationTokenSource.CreateLinkedTokenSource(token) : new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        var wall = Stopwatch.StartNew();
        TimeSpan last = TimeSpan.Zero;
        var watch = new BoardWatch(board, wanPort as VirtualBoard.Transport.TcpPort, Say);
        while (!stop.IsCancellationRequested && (seconds is null || wall.Elapsed.TotalSeconds < seconds))
        {
            TimeSpan now = wall.Elapsed;
            if (han != null)
            {
                han.Step(now - last);
            }
            else
            {
                board.Step(now - last);
            }

            last = now;
            watch.Check();
            Thread.Sleep(10);
        }

        Console.CancelKeyPress -= onCancel;
        foreach (string line in han?.Summary() ?? Enumerable.Empty<string>())
        {
            output.WriteLine(line);
        }

        output.WriteLine($"Stopped after {wall.Elapsed.TotalSeconds:F1} s; flash image kept.");
        return 0;
    }

    private static IDisposable ListenOrExplain(string address)
    {
        try
        {
            if (address == "pty")
            {
                return VirtualBoard.Transport.SerialDevicePort.CreatePty();
            }

            if (address.StartsWith("serial:", StringComparison.Ordinal))
            {
                var (path, baud) = VirtualBoard.Transport.SerialDevicePort.Parse(address);
                return VirtualBoard.Transport.SerialDevicePort.Open(path, baud);
            }

            return VirtualBoard.Transport.TcpPort.Listen(VirtualBoard.Transport.TcpPort.Parse(address));
        }
        catch (IOException e)
        {
            throw new InputException($"--wan: cannot open {address}: {e.Message}");
        }
        catch (FormatException e)
        {
            throw new UsageException("--wan: " + e.Message);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new FailureException($"--wan: cannot listen on {address}: {e.Message}");
        }
    }

    private static void CheckFlashFile(string flashFile)
    {
        string full = Path.GetFullPath(flashFile);
        if (Directory.Exists(full))
        {
            throw new InputException($"--flash {flashFile} is a folder; give a file name");
        }

        string folder = Path.GetDirectoryName(full);
        if (!Directory.Exists(folder))
        {
            throw new InputException($"--flash {flashFile}: the folder {folder} does not exist");
        }

        if (File.Exists(full) && new FileInfo(full).Length != FlashFileSize)
        {
            throw new InputException($"--flash {flashFile} is {new FileInfo(full).Length} bytes, not a {FlashFileSize}-byte W25Q32 image; refusing to touch it");
        }
    }
}
