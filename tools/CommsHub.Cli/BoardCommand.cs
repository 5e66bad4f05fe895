using System.Diagnostics;
using CommsHub.VirtualBoard;

namespace CommsHub.Cli;

/// <summary>commshub board: boots the firmware on the virtual board and runs its main loop in real time.</summary>
public static class BoardCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        string flashFile = "commshub.flash";
        string wan = null;
        double? seconds = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--flash":
                    flashFile = Value(args, ref i);
                    break;
                case "--wan":
                    wan = Value(args, ref i);
                    break;
                case "--seconds":
                    string text = Value(args, ref i);
                    if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double s) || s < 0)
                    {
                        throw new UsageException($"--seconds takes a number of seconds >= 0, not '{text}'");
                    }

                    seconds = s;
                    break;
                default:
                    throw new UsageException($"board: unknown option '{args[i]}'");
            }
        }

        using var wanPort = wan == null ? null : ListenOrExplain(wan);
        using var board = new VirtualBoard.VirtualBoard(flashFile, DateTime.UtcNow, (CommsHub.Platform.ISerialPort)wanPort);
        foreach (string line in board.Boot())
        {
            output.WriteLine(line);
        }

        output.WriteLine($"Flash image: {Path.GetFullPath(flashFile)}");
        output.WriteLine(wan == null ? "WAN: none (add --wan tcp:127.0.0.1:5555 or --wan pty to reach it from 'commshub wan')"
            : wanPort is VirtualBoard.Transport.SerialDevicePort pty ? $"WAN: pseudo-terminal {pty.Path}: commshub wan --connect serial:{pty.Path} ..."
            : $"WAN: listening on {wan} for a head-end");
        output.WriteLine(seconds is null ? "Running; Ctrl-C stops the board." : $"Running for {seconds} s.");
        output.Flush();

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        var wall = Stopwatch.StartNew();
        TimeSpan last = TimeSpan.Zero;
        while (!stop.IsCancellationRequested && (seconds is null || wall.Elapsed.TotalSeconds < seconds))
        {
            TimeSpan now = wall.Elapsed;
            board.Step(now - last);
            last = now;
            Thread.Sleep(10);
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
            throw new UsageException($"cannot open {address}: {e.Message}");
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new UsageException($"cannot listen on {address}: {e.Message}");
        }
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
        {
            throw new UsageException($"{args[i]} needs a value");
        }

        return args[++i];
    }
}
