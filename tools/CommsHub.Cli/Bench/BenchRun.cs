using System.IO;
using CommsHub.Cli.Wan;
using CommsHub.Hub;
using CommsHub.Platform;
using CommsHub.VirtualBoard.Bench;
using CommsHub.VirtualBoard.Capture;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.VirtualBoard.Han;
using CommsHub.VirtualBoard.Radio;

namespace CommsHub.Cli.Bench;

/// <summary>
/// One scenario on the virtual bench: the hub firmware on emulated flash with its own MRF24J40 driver on an emulated
/// chip, emulated HAN devices as Zigbee nodes on the same simulated air (<see cref="VirtualHan"/>), and the head-end on
/// the WAN link listing the devices, delivering images and collecting alerts, all in virtual time.
/// </summary>
public sealed partial class BenchRun : IDisposable
{
    /// <summary>How long the bench waits for one device to join before it goes on without it.</summary>
    public static readonly TimeSpan JoinLimit = TimeSpan.FromSeconds(10);

    private readonly Scenario _scenario;
    private readonly string _pcapPath;
    private PcapWriter _pcap;
    private readonly NorFlashEmulator _chip = new(0x16);
    private HubFlashSupply _flashSupply;
    private readonly HubSupplyClock _hubClock;
    private readonly OutagePort _wanCable;
    private readonly ISerialPort _hubWan;
    private readonly Random _random = new(11);

    public BenchRun(Scenario scenario, string pcapPath, TextWriter wanLog = null)
    {
        _scenario = scenario;
        Han = new VirtualHan(scenario.Start, seed: 7) { HubGuard = Guard };
        Han.DeviceEvent += (d, text) => Note($"{d.Name}: {text}");
        var pipe = new SerialPipe();
        _wanCable = new OutagePort(pipe.A);
        _hubWan = wanLog == null ? _wanCable : new CommsHub.VirtualBoard.Transport.FrameLoggingPort(_wanCable, wanLog, () => Elapsed);
        _hubClock = new HubSupplyClock(Clock);
        if (pcapPath != null)
        {
            _pcapPath = pcapPath;
            _pcap = new PcapWriter(File.Create(pcapPath));
            Han.Medium.Capture = _pcap;
        }

        BootHub();
        HeadEnd = new HeadEnd(pipe.B, Clock, () => Han.Run(TimeSpan.FromMilliseconds(1)), AlertLedger.InMemory());
        HeadEnd.GetIdentity();
        HeadEnd.SetTime(scenario.Start);

        // The hub's CBKE certificates (both suites) from the bench's test CAs, over the WAN as a head-end provisions them.
        foreach (var c in Han.HubCredentials(Hub.Identity.Value))
        {
            string reply = HeadEnd.ProvisionCbke(c.Suite, c.Certificate, c.PrivateKey, c.CaPublicKey);
            if (reply != "ok")
            {
                Note($"WAN could not provision the hub's suite {c.Suite} CBKE credentials: {reply}");
            }
        }

        foreach (var spec in scenario.Devices)
        {
            Devices.Add(Han.AddDevice(spec).Client);
        }

        if (scenario.Loss > 0)
        {
            Han.Medium.SetLossEverywhere(scenario.Loss);
        }

        PlaceDevices();

        // The head-end lists every device in the hub's Device Log (which opens its join window), then the devices join:
        // routers first, each from the Device Log with its install code.
        foreach (var device in Han.Devices.Where(d => !scenario.Unlisted.Contains(d.Name)))
        {
            string reply = HeadEnd.AddDevice(device.Eui, (int)device.Spec.Kind, device.InstallCode);
            Note($"WAN lists {device.Name} in the Device Log: {reply}");
        }

        JoinScenarioDevices();
        foreach (var device in Han.Devices.Where(d => !d.Joined))
        {
            Note($"{device.Name}: did not join ({device.Node.State})");
        }
    }

    /// <summary>The HAN: the air, the hub's radio and every emulated device.</summary>
    public VirtualHan Han { get; }

    public VirtualClock Clock => Han.Clock;
    public RadioMedium Medium => Han.Medium;
    public HubFirmware Hub { get; private set; }

    /// <summary>False for long runs (the soak): notes still reach <see cref="Noted"/> but are not kept.</summary>
    public bool KeepLog { get; set; } = true;

    public int HubBoots { get; private set; }

    public int PowerCuts { get; private set; }

    public int ImagesNotDelivered { get; private set; }
    public HeadEnd HeadEnd { get; }
    public List<OtaClientDevice> Devices { get; } = new();
    public List<(TimeSpan At, ShownAlert Alert)> Alerts { get; } = new();
    public List<(TimeSpan At, string Text)> Log { get; } = new();
    public Dictionary<uint, string> Deliveries { get; } = new();

    public TimeSpan Elapsed => TimeSpan.FromMilliseconds(Clock.MonotonicMilliseconds);

    /// <summary>Called after every step; a live view redraws from here.</summary>
    public event Action<BenchRun> Progress;

    public event Action<TimeSpan, string> Noted;

    public List<string> Run()
    {
        var pending = _scenario.Events.OrderBy(e => e.At).ThenBy(e => e.Line).ToList();
        while (pending.Count > 0)
        {
            var next = pending[0];
            pending.RemoveAt(0);
            RunUntil(next.At);
            Apply(next, pending);
        }

        RunUntil(_scenario.RunFor);
        return Check();
    }

    /// <summary>The Wireshark key table written beside the capture when it closes; null without a capture.</summary>
    public string KeysPath => _pcapPath == null ? null : WiresharkKeys.PathFor(_pcapPath);

    /// <summary>Closes the capture and writes its keys beside it: the NWK key and every link key the run used.</summary>
    public void CloseCapture()
    {
        if (_pcap == null)
        {
            return;
        }

        Han.Medium.Capture = null;
        _pcap.Dispose();
        _pcap = null;
        WiresharkKeys.Write(KeysPath, Han.CaptureKeys());
    }

    public void Dispose() => CloseCapture();

    private void RunUntil(TimeSpan until)
    {
        while (Elapsed < until)
        {
            // Progress is reported between steps: finely while an awake device downloads (a live view animates it),
            // coarsely otherwise. The air and the hub run event by event either way; a step only sets how often we look.
            bool busy = Devices.Any(d => d.ImageSize > 0 && d.PoweredOn && !d.Sleepy);
            TimeSpan step = busy ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(10);
            Han.Run(step < until - Elapsed ? step : until - Elapsed);
            // The hub's long work (signing, erasing, hashing) got its main-loop turns inside the run (VirtualHan: Busy).
            HeadEnd.Service();
            foreach (var alert in HeadEnd.CollectAlerts(TimeSpan.Zero))
            {
                Alerts.Add((Elapsed, alert));
                Note("alert upstream: " + alert.Alert.Summary);
            }

            Progress?.Invoke(this);
        }
    }

    private void Apply(ScenarioEvent e, List<ScenarioEvent> pending)
    {
        HanDevice Device() => Han.Find(e.Args[0]);
        switch (e.What)
        {
            case "image":
                DeliverImage(e);
                break;
            case "power-off":
                Device().PowerOff();
                Note($"{e.Args[0]} switched off");
                break;
            case "power-on":
                Device().PowerOn();
                Note($"{e.Args[0]} switched on");
                break;
            case "silent":
                Device().PowerOff();
                Note($"{e.Args[0]} goes silent for {e.Args[1]}");
                pending.Add(new ScenarioEvent(e.At + Scenario.Duration(e.Args[1], e.Line), "power-on", new[] { e.Args[0] }, e.Line));
                pending.Sort((a, b) => a.At.CompareTo(b.At));
                break;
            case "leave":
                Device().Leave();
                Note($"{e.Args[0]} leaves the network (NWK Leave to its parent)");
                break;
            case "hardware":
                Device().Client.SetHardwareVersion((ushort)Scenario.Hex(e.Args[1], e.Line));
                Note($"{e.Args[0]} now reports hardware version {e.Args[1]}");
                break;
            case "transfer-failed":
                // Through the stack: the hub's path into "Zigbee retries exhausted" is a target that leaves mid-download
                // (its own Leave without rejoin, or the hub's Leave to it), so the device drops off the network that way.
                if (Device().Joined)
                {
                    Device().Leave();
                    Note($"{e.Args[0]} drops off the HAN (NWK Leave): the hub fails its transfer");
                }
                else
                {
                    Note($"{e.Args[0]} is already off the HAN");
                }

                break;
            case "hub-reboot":
                Note("the hub restarts");
                RebootHub();
                break;
            case "hub-power-cut":
                // The cut lands inside the hub's next flash work, part-way through an operation.
                _chip.CutPowerAt(new PowerCut(_chip.TransactionsSincePowerOn + 1 + _random.Next(400), _random.NextDouble()));
                Note("the hub's power will fail during its next flash work");
                break;
            case "wan-outage":
                _wanCable.Down = true;
                Note($"the WAN goes down for {e.Args[0]}");
                pending.Add(new ScenarioEvent(e.At + Scenario.Duration(e.Args[0], e.Line), "wan-restored", Array.Empty<string>(), e.Line));
                pending.Sort((a, b) => a.At.CompareTo(b.At));
                break;
            case "wan-restored":
                _wanCable.Down = false;
                Note("the WAN is back");
                break;
            default:
                ApplyScenarioHan(e);
                break;
        }
    }

    private void BootHub()
    {
        _hubClock.Reset();
        // A fresh radio driver at every boot, as after a reset of the board; the chip and the air stay.
        _flashSupply ??= new HubFlashSupply(_chip);
        Hub = new HubFirmware(new HubHardware("virtual bench", _flashSupply, _hubClock, _hubWan) { Radio = Han.NewHubRadio(), Entropy = new SeededEntropy(_random.Next()) });
        Han.Hub = Hub;
        Hub.Boot();
        HubBoots++;
    }

    private void RebootHub()
    {
        _chip.PowerOn();
        BootHub();
    }

    /// <summary>Runs hub work; a power cut that lands inside it restarts the hub, as the board would on power's return.</summary>
    private void Guard(Action work)
    {
        try
        {
            work();
            if (_flashSupply.TakeCut())
            {
                // The firmware's fault barrier caught the cut; the board restarts when power returns.
                throw new PowerLossException("caught by the hub's fault barrier");
            }
        }
        catch (PowerLossException)
        {
            _flashSupply.TakeCut();
            PowerCuts++;
            Note("power cut inside the hub's flash work: the hub restarts");
            RebootHub();
        }
    }

    private void DeliverImage(ScenarioEvent e)
    {
        var kind = Scenario.Kind(e.Args[0], e.Line);
        uint version = (uint)Scenario.Hex(e.Option("version", "01000001"), e.Line);
        int size = Scenario.Size(e.Option("size", "64k"), e.Line);
        var targets = e.Option("targets", "").Split(',').Select(n => _scenario.Device(n, e.Line)).ToList();
        (ushort, ushort)? hardware = null;
        string hw = e.Option("hw", null);
        if (hw != null)
        {
            string[] range = hw.Split('-');
            hardware = ((ushort)Scenario.Hex(range[0], e.Line), (ushort)Scenario.Hex(range[^1], e.Line));
        }

        byte[] file = WithFaults(e, SyntheticImage(targets[0].ManufacturerCode, targets[0].ImageType, version, size, hardware));
        ImageReply reply;
        try
        {
            reply = HeadEnd.SendImage(file, (int)kind, version, targets.Select(t => t.Eui).ToArray(), null);
        }
        catch (TimeoutException ex)
        {
            ImagesNotDelivered++;
            Deliveries[version] = "not delivered";
            Note($"WAN could not deliver {kind} image {version:X8}: {ex.Message}");
            return;
        }

        Deliveries[version] = reply.StatusName;
        Note($"WAN delivers {Options.DeviceTypes[(int)kind]} image {version:X8} ({size} bytes) for {string.Join(",", targets.Select(t => t.Name))}: {Wan.WanCommand.Outcome(reply)}");
    }

    private List<string> Check()
    {
        var failures = new List<string>();
        foreach (var x in _scenario.Expectations)
        {
            string failure = x.What switch
            {
                "alert" => CheckAlert(x),
                "no-alert" => AlertsFor(x.Args[0]).Any() ? $"expected no alert for {x.Args[0]} but saw: {string.Join("; ", AlertsFor(x.Args[0]).Select(a => a.Alert.Alert.Summary))}" : null,
                "alerts" => Alerts.Count == int.Parse(x.Args[0]) ? null : $"expected {x.Args[0]} alert(s), saw {Alerts.Count}",
                "version" => Devices.First(d => d.Name == x.Args[0]).CurrentVersion == (uint)Scenario.Hex(x.Args[1], x.Line) ? null
                    : $"expected {x.Args[0]} to report version {x.Args[1]}, it reports {Devices.First(d => d.Name == x.Args[0]).CurrentVersion:X8}",
                "delivery" => CheckDelivery(x),
                _ => CheckScenarioHan(x),
            };
            if (failure != null)
            {
                failures.Add($"line {x.Line}: {failure}");
            }
        }

        return failures;
    }

    private string CheckAlert(Expectation x)
    {
        var (code, response) = Expectation.Outcomes[x.Args[1]];
        string version = x.Args.FirstOrDefault(a => a.StartsWith("version=", StringComparison.Ordinal))?[8..];
        var matching = AlertsFor(x.Args[0]).Where(a => a.Alert.Alert.Summary.Contains($"(0x{code:X4})") && a.Alert.Alert.Summary.Contains("result " + CommsHub.Alerts.TransferResponse.Name(response))
            && (version == null || a.Alert.Alert.Summary.Contains("version " + version.ToUpperInvariant()))).ToList();
        if (matching.Count == 1)
        {
            return null;
        }

        return matching.Count == 0
            ? $"expected a {x.Args[1]} alert for {x.Args[0]}{(version != null ? " version " + version : "")}, saw: {(AlertsFor(x.Args[0]).Any() ? string.Join("; ", AlertsFor(x.Args[0]).Select(a => a.Alert.Alert.Summary)) : "none")}"
            : $"expected one {x.Args[1]} alert for {x.Args[0]}, saw {matching.Count}";
    }

    private IEnumerable<(TimeSpan At, ShownAlert Alert)> AlertsFor(string device)
    {
        string eui = Eui64.FromValue(_scenario.Device(device, 0).Eui).ToString();
        return Alerts.Where(a => a.Alert.Alert.Summary.Contains("target " + eui));
    }

    private void Note(string text)
    {
        if (KeepLog)
        {
            Log.Add((Elapsed, text));
        }

        Noted?.Invoke(Elapsed, text);
    }

    public static byte[] SyntheticImage(ushort manufacturer, ushort imageType, uint version, int size, (ushort Min, ushort Max)? hardware)
    {
        int header = hardware.HasValue ? 60 : 56;
        int body = Math.Max(0, size - header - 6);
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(0x0BEEF11Eu);
        w.Write((ushort)0x0100);
        w.Write((ushort)header);
        w.Write((ushort)(hardware.HasValue ? 4 : 0));
        w.Write(manufacturer);
        w.Write(imageType);
        w.Write(version);
        w.Write((ushort)2);
        w.Write(System.Text.Encoding.ASCII.GetBytes("CommsHub bench image".PadRight(32, '\0')));
        w.Write((uint)(header + 6 + body));
        if (hardware.HasValue)
        {
            w.Write(hardware.Value.Min);
            w.Write(hardware.Value.Max);
        }

        w.Write((ushort)0);
        w.Write((uint)body);
        var data = new byte[body];
        new Random((int)version).NextBytes(data);
        w.Write(data);
        return ms.ToArray();
    }
}
