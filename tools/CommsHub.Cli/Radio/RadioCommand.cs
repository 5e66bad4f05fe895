using System.CommandLine;
using CommsHub.VirtualBoard.Capture;
using CommsHub.VirtualBoard.Radio;

namespace CommsHub.Cli.Radio;

/// <summary>commshub radio selftest: the MRF24J40 driver and coordinator MAC on two emulated chips.</summary>
public static class RadioCommand
{
    public static Command Build()
    {
        var radio = CommandLine.Group("radio", "The 802.15.4 radio: driver and MAC tests on emulated MRF24J40 chips.");
        var pcap = new Option<string>("--pcap") { Description = "capture the frames to this pcap file", HelpName = "FILE" };
        var selftest = new Command("selftest", "Run the MRF24J40 driver and coordinator MAC on two emulated chips: beacon, association, acknowledged and polled data. Exit 1 if a step fails.") { pcap };
        selftest.SetAction(p => Run(p.GetValue(pcap), p.InvocationConfiguration.Output, p.InvocationConfiguration.Error));
        radio.Subcommands.Add(selftest);
        return radio;
    }

    public static int Run(string pcap, TextWriter output, TextWriter error)
    {
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
