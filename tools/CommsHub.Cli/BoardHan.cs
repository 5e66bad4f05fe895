using System.Globalization;
using System.Text.RegularExpressions;
using CommsHub.Hub;
using CommsHub.Platform;
using CommsHub.VirtualBoard.Bench;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Han;
using CommsHub.VirtualBoard.Zigbee;

namespace CommsHub.Cli;

/// <summary>
/// The board's Home Area Network: the hub's MRF24J40 and the `--device` devices on one emulated air
/// (<see cref="VirtualHan"/>), run in real time. The devices reach the hub only through the air; the hub's CBKE
/// credentials reach it only over the WAN: the board writes them beside the flash file, from its bench CA, and
/// prints the `commshub wan set-cbke-cert` lines that give them.
/// </summary>
public sealed class BoardHan
{
    private readonly Action<string> _say;
    private readonly List<DeviceSpec> _specs;
    private readonly string _flashFile;
    private readonly Dictionary<string, (DateTime Start, long Bytes)> _downloads = new();
    private readonly Dictionary<string, string> _lastEvent = new();
    private VirtualBoard.VirtualBoard _board;
    private HubFirmware _reporting;
    private readonly Dictionary<HanDevice, DateTime> _nextJoin = new();
    private readonly Queue<string> _recentReports = new();

    public BoardHan(string flashFile, List<DeviceSpec> specs, DateTime startUtc, Action<string> say)
    {
        _flashFile = flashFile;
        _specs = specs;
        _say = say;
        Seed = BoardCa.Seed(flashFile);
        Han = new VirtualHan(startUtc, Seed);
        Han.DeviceEvent += OnDeviceEvent;
    }

    public VirtualHan Han { get; }

    /// <summary>The seed of the bench CA kept beside the flash file: devices and hub hold certificates of the same CAs every run.</summary>
    public int Seed { get; }

    /// <summary>The CAs the HAN issues its devices' certificates from (made from <see cref="Seed"/>).</summary>
    public BenchCertificateAuthorities Authorities => Han.Authorities;

    /// <summary>Puts the devices on the air once the board has booted, and writes the hub's credential files.</summary>
    public List<string> Attach(VirtualBoard.VirtualBoard board)
    {
        _board = board;
        Han.Hub = board.Hub;
        // One main-loop turn of the board: the firmware now running, and a restart it asked for.
        Han.HubGuard = _ =>
        {
            board.Step(TimeSpan.Zero);
            Follow();
        };
        Follow();
        var lines = WriteHubCredentials(board.Hub.Identity.Value);
        if (board.BootReport.Any(l => l.Contains("stored network resumed", StringComparison.Ordinal)))
        {
            // Seen on this bench: a device the hub already knows gets no network key it can read when it joins afresh,
            // even after device-log remove and add (probably the CBKE link key the hub keeps for it: TrustCentre.EnsureLinkKey).
            lines.Add("Note: this flash holds the HAN of an earlier run. The emulated devices keep no state between runs and join afresh,");
            lines.Add("      and the hub does not give a device it already knew a network key it can read: for a fresh HAN use a new --flash file.");
        }

        foreach (var spec in _specs)
        {
            var device = Han.AddDevice(spec);
            lines.Add($"HAN device {spec.Name}: {Options.DeviceTypes[(int)spec.Kind]} {Eui64.FromValue(spec.Eui)} " +
                $"({(spec.InstallCode == null ? "install code made from its EUI-64" : "install code as given")}): " +
                $"commshub wan device-log add {Eui64.FromValue(spec.Eui)} {Options.DeviceTypes[(int)spec.Kind]} {BoardDevices.Printed(device.InstallCode)}");
        }

        return lines;
    }

    /// <summary>Runs the air, the devices and the hub's main loop for <paramref name="elapsed"/>; devices off the network try to join.</summary>
    public void Step(TimeSpan elapsed)
    {
        if (Han.Channel >= 0)
        {
            DateTime now = DateTime.UtcNow;
            for (int i = 0; i < Han.Devices.Count; i++)
            {
                var d = Han.Devices[i];
                if (!_nextJoin.TryGetValue(d, out DateTime at))
                {
                    // Devices switched on together scan a few seconds apart: two beacon requests at once lose the hub's beacon.
                    _nextJoin[d] = at = now + i * BoardDevices.JoinStagger;
                }

                if (now < at || d.Node.State == NodeState.Joined)
                {
                    continue;
                }

                _nextJoin[d] = now + BoardDevices.JoinRetry;
                if (d.Node.State is not (NodeState.Idle or NodeState.Refused))
                {
                    // A join the hub never finished (no association response, no key): a device scans again.
                    OnDeviceEvent(d, "join not finished (" + d.Node.State + "); scanning again");
                }

                Han.Join(d, 0x0000);
            }
        }

        Han.Run(elapsed);
        Follow();
    }

    /// <summary>Where each device stands, for the board's last lines.</summary>
    public IEnumerable<string> Summary() => Han.Devices.Select(d =>
        $"{d.Name}: {d.Node.State}{(d.Joined ? " 0x" + d.Node.ShortAddress.ToString("X4") : "")}, registration {d.Registration.State}, " +
        $"firmware version {d.Client.CurrentVersion:X8}, OTA client {d.Client.State}");

    /// <summary>After a restart the board runs a new firmware object: the HAN polls it and the board prints its reports.</summary>
    private void Follow()
    {
        var hub = _board.Hub;
        Han.Hub = hub;
        if (hub != _reporting)
        {
            if (_reporting != null)
            {
                _reporting.Reported -= OnHubReport;
            }

            _reporting = hub;
            hub.Reported += OnHubReport;
        }
    }

    private void OnHubReport(string line)
    {
        // A device that keeps trying to join is refused each time: the hub's refusal is said once while it repeats.
        if (_recentReports.Contains(line))
        {
            return;
        }

        _recentReports.Enqueue(line);
        if (_recentReports.Count > 8)
        {
            _recentReports.Dequeue();
        }

        _say("hub: " + line);
    }

    private void OnDeviceEvent(HanDevice device, string text)
    {
        // A device that keeps trying to join is refused each time: said once until something else happens to it
        // (the node's own step for the refusal is the same event as the hub's refusal below).
        if (text.StartsWith("refused at association", StringComparison.Ordinal) || (_lastEvent.TryGetValue(device.Name, out string last) && last == text))
        {
            return;
        }

        _lastEvent[device.Name] = text;
        _say($"{device.Name}: {text}");
        Match started = Regex.Match(text, @"^starts downloading image \S+ \((\d+) bytes\)");
        if (started.Success)
        {
            _downloads[device.Name] = (DateTime.UtcNow, long.Parse(started.Groups[1].Value, CultureInfo.InvariantCulture));
            return;
        }

        if (_downloads.TryGetValue(device.Name, out var download)
            && (text.StartsWith("activated image", StringComparison.Ordinal) || text.StartsWith("holds image", StringComparison.Ordinal)
                || text.StartsWith("rejects the image", StringComparison.Ordinal) || text.StartsWith("download aborted", StringComparison.Ordinal)))
        {
            _downloads.Remove(device.Name);
            double seconds = (DateTime.UtcNow - download.Start).TotalSeconds;
            _say($"{device.Name}: download ended: {download.Bytes} bytes in {seconds:F1} s ({download.Bytes / Math.Max(seconds, 0.001) / 1024:F1} KiB/s)");
        }
    }

    /// <summary>The hub's certificate, private key and CA public key per suite, as files of hex, and the lines that provision them.</summary>
    private List<string> WriteHubCredentials(ulong hubEui)
    {
        var lines = new List<string> { "The hub's CBKE credentials (from the board's bench CA, for this hub) reach it only over the WAN; give them with:" };
        foreach (var c in new[] { Authorities.Issue(2, hubEui), Authorities.Issue(1, hubEui) })
        {
            string Write(string what, byte[] value)
            {
                string path = $"{_flashFile}.cbke{c.Suite}.{what}";
                File.WriteAllText(path, Convert.ToHexString(value) + Environment.NewLine);
                return path;
            }

            lines.Add($"  commshub wan set-cbke-cert --suite {c.Suite} --cert {Write("cert", c.Certificate)} --key {Write("key", c.PrivateKey)} --ca {Write("ca", c.CaPublicKey)}");
        }

        lines.Add("(suite 2 is enough for the board's devices; they hold both.)");
        return lines;
    }
}
