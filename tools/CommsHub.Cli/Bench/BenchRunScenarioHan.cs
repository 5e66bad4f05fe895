using CommsHub.VirtualBoard.Han;
using CommsHub.VirtualBoard.Radio;
using CommsHub.VirtualBoard.Zigbee;

namespace CommsHub.Cli.Bench;

/// <summary>
/// The bench's side of the scenario statements issue 14 added: placement on the air (<c>via=</c>, loss per link), the
/// Device Log changed by the head-end during a run, devices the log never listed, and the expectations on joins,
/// refusals, CBKE and invalid images.
/// </summary>
public sealed partial class BenchRun
{
    /// <summary>Devices the hub refused at association at least once during the run.</summary>
    private readonly HashSet<string> _refused = new();

    /// <summary>
    /// Loss per link first (both directions), then every <c>via=</c> device out of the hub's range: the emulated air
    /// carries nothing between them, so its frames reach the hub only relayed by its router.
    /// </summary>
    private void PlaceDevices()
    {
        foreach (var link in _scenario.LinkLosses)
        {
            var (a, b) = link.Ends(_scenario);
            Medium.SetLoss(ChipOf(a), ChipOf(b), link.Probability);
            Medium.SetLoss(ChipOf(b), ChipOf(a), link.Probability);
        }

        foreach (var (name, (router, _)) in _scenario.Via)
        {
            Medium.SetLoss(ChipOf(name), Han.HubChip, 1);
            Medium.SetLoss(Han.HubChip, ChipOf(name), 1);
            Note($"{name} is out of the hub's range: it joins through {router}");
        }

        foreach (var device in Han.Devices)
        {
            var d = device;
            d.Node.Refused += (_, _) => _refused.Add(d.Name);
            d.Node.NwkCommandReceived += (node, _, payload) =>
            {
                // A NWK Leave with the request bit and no rejoin: the device leaves and forgets the network, as a GB device does.
                if (payload.Length >= 2 && payload[0] == ZigbeeNode.LeaveCommandId && (payload[1] & LeaveRequestBit) != 0 && (payload[1] & LeaveRejoinBit) == 0 && node.State == NodeState.Joined)
                {
                    Note($"{d.Name}: told to leave by the hub");
                    d.Leave();
                }
            };
        }
    }

    /// <summary>NWK Leave command options (Zigbee specification 3.4.4.3.1): request (bit 6) and rejoin (bit 7).</summary>
    private const byte LeaveRequestBit = 0x40, LeaveRejoinBit = 0x80;

    private Mrf24j40Emulator ChipOf(string name) => name == Scenario.HubName ? Han.HubChip : Han.Find(name).Chip;

    /// <summary>Routers first, in the order declared (a <c>via=</c> router is declared before its children), then end devices.</summary>
    private void JoinScenarioDevices()
    {
        foreach (bool routers in new[] { true, false })
        {
            foreach (var d in Han.Devices.Where(d => (d.Node.Role == NodeRole.Router) == routers).ToList())
            {
                JoinDevice(d);
            }
        }

    }

    /// <summary>
    /// One device joins, through its <c>via=</c> router or straight to the hub, scanning again when it heard no beacon, as
    /// <see cref="VirtualHan.JoinAll"/> does; once joined the bench waits for it to register, as an installer would.
    /// </summary>
    private void JoinDevice(HanDevice d)
    {
        var router = _scenario.Via.TryGetValue(d.Name, out var via) ? Han.Find(via.Router).Node : null;
        ushort parent = router?.ShortAddress ?? 0x0000;
        if (router != null)
        {
            // The emulated router answers association only while it permits joining (the hub does not yet broadcast
            // Mgmt_Permit_Joining_req): open it for this child's join, as an installer's button press would.
            router.Mac.PermitJoining = true;
        }

        for (int attempt = 0; attempt < VirtualHan.JoinAttempts && d.Node.State != NodeState.Joined && (attempt == 0 || d.Node.State != NodeState.Refused); attempt++)
        {
            Han.JoinAndWait(d, JoinLimit, parent);
        }

        if (router != null)
        {
            router.Mac.PermitJoining = false;
        }

        if (d.Joined)
        {
            Han.Bench.RunUntil(() => d.Registered || d.Registration.State == RegistrationState.Failed, VirtualHan.RegistrationLimit);
        }
    }

    private void ApplyScenarioHan(ScenarioEvent e)
    {
        switch (e.What)
        {
            case "device-log":
                var d = Han.Find(e.Args[1]);
                string reply;
                try
                {
                    reply = e.Args[0] == "add" ? HeadEnd.AddDevice(d.Eui, (int)d.Spec.Kind, d.InstallCode) : HeadEnd.RemoveDevice(d.Eui);
                }
                catch (TimeoutException ex)
                {
                    Note($"WAN could not {e.Args[0]} {d.Name} in the Device Log: {ex.Message}");
                    return;
                }

                Note($"WAN {(e.Args[0] == "add" ? "lists" : "removes")} {d.Name} {(e.Args[0] == "add" ? "in" : "from")} the Device Log: {reply}");
                if (e.Args[0] == "add" && !d.Joined)
                {
                    JoinDevice(d);
                }

                break;
        }
    }

    /// <summary>The image statement's faults: <c>bad-header</c> spoils the OTA magic number, <c>bad-size</c> the header's total image size.</summary>
    private static byte[] WithFaults(ScenarioEvent e, byte[] file)
    {
        if (e.Args.Contains("bad-header"))
        {
            file[0] ^= 0xFF;
        }

        if (e.Args.Contains("bad-size"))
        {
            // Total Image Size sits after the magic, header version and length, field control, manufacturer, image type,
            // file version, stack version and the 32-byte header string (Zigbee OTA 11.4.2).
            const int totalSizeAt = 4 + 2 + 2 + 2 + 2 + 2 + 4 + 2 + 32;
            BitConverter.TryWriteBytes(file.AsSpan(totalSizeAt), (uint)file.Length + 1);
        }

        return file;
    }

    /// <summary>WAN statuses of an image the hub could not take: a declaration it refused, or a file that is not a servable OTA file.</summary>
    public static readonly string[] InvalidDeliveries = { "invalid", "not a servable OTA file" };

    private string CheckDelivery(Expectation x)
    {
        uint version = (uint)Scenario.Hex(x.Args[0], x.Line);
        if (!Deliveries.TryGetValue(version, out string status))
        {
            return $"expected image {x.Args[0]} to be {x.Args[1]}, it was never delivered";
        }

        bool met = x.Args[1] == "invalid" ? InvalidDeliveries.Contains(status) : status == x.Args[1];
        return met ? null : $"expected image {x.Args[0]} to be {x.Args[1]}, it was {status}";
    }

    private string CheckScenarioHan(Expectation x)
    {
        var d = Han.Find(x.Args[0]);
        switch (x.What)
        {
            case "joined":
                return d.Joined ? null : $"expected {d.Name} to be joined at the end, it is {d.Node.State}";
            case "not-joined":
                return !d.Joined ? null : $"expected {d.Name} not to be joined at the end, it is joined as 0x{d.Node.ShortAddress:X4}";
            case "refused":
                return _refused.Contains(d.Name) ? null : $"expected the hub to refuse {d.Name}, it never did (it is {d.Node.State})";
            case "cbke":
                string suite = x.Args.FirstOrDefault(a => a.StartsWith("suite=", StringComparison.Ordinal))?[6..];
                if (!d.Registered)
                {
                    return $"expected {d.Name} to be registered by CBKE, its registration is {d.Registration.State}";
                }

                return suite == null || d.Registration.Suite.ToString() == suite ? null : $"expected {d.Name} to register with CBKE suite {suite}, it used suite {d.Registration.Suite}";
            default:
                return null;
        }
    }
}
