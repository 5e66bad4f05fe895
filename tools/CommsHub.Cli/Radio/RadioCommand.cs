using CommsHub.VirtualBoard.Capture;
using CommsHub.VirtualBoard.Radio;

namespace CommsHub.Cli.Radio;

/// <summary>commshub radio selftest: the MRF24J40 driver and coordinator MAC on two emulated chips.</summary>
public static class RadioCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != "selftest")
        {
            throw new UsageException("radio needs a subcommand: selftest [--pcap FILE]");
        }

        string pcap = null;
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == "--pcap" && i + 1 < args.Length)
            {
                pcap = args[++i];
            }
            else
            {
                throw new UsageException($"radio selftest: unexpected '{args[i]}'");
            }
        }

        var test = new RadioSelfTest();
        PcapWriter writer = null;
        if (pcap != null)
        {
            try
            {
                writer = new PcapWriter(File.Create(pcap));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"commshub: cannot write the pcap '{pcap}': {e.Message}");
                return 1;
            }

            test.Bench.Medium.Capture = writer;
        }

        output.WriteLine("Two emulated MRF24J40s on one simulated channel: hub (PAN coordinator) and a sleepy PPMID.");
        int failures;
        using (writer)
        {
            failures = test.Run((ok, text) => output.WriteLine((ok ? "  ok    " : "  FAIL  ") + text));
        }

        output.WriteLine($"{test.Bench.Medium.History.Count} frames crossed the medium ({test.Bench.Medium.Collisions} collided), "
            + $"{test.HubChip.SpiTransactions + test.DeviceChip.SpiTransactions} SPI transactions, "
            + $"{test.Bench.Medium.NowMicroseconds / 1000.0:F1} ms of air time simulated"
            + (pcap != null ? $"; capture in {pcap}" : string.Empty));
        output.WriteLine(failures == 0 ? "selftest passed" : $"selftest FAILED: {failures} step(s)");
        return failures == 0 ? 0 : 1;
    }
}
