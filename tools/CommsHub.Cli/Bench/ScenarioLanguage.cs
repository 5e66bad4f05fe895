using System.Globalization;
using CommsHub.Ota.Server;

namespace CommsHub.Cli.Bench;

/// <summary>
/// The statements issue 14 added to the scenario language: devices kept out of the Device Log (<c>unlisted</c>), placed
/// behind a router (<c>via=</c>), loss per link, and the documented spellings of the hub and WAN events.
/// </summary>
public sealed partial class Scenario
{
    /// <summary>The name of the hub's radio in a per-link loss line (<c>loss hub-esme1 0.1</c>).</summary>
    public const string HubName = "hub";

    /// <summary>Devices the head-end does not list in the Device Log at the start: they try to join and are refused.</summary>
    public HashSet<string> Unlisted = new();

    /// <summary>Devices placed out of the hub's range, joining through a router: device name to (router name, line).</summary>
    public Dictionary<string, (string Router, int Line)> Via = new();

    /// <summary>Loss on one link, both directions (<c>loss A-B P</c>).</summary>
    public List<LinkLoss> LinkLosses = new();

    /// <summary>Ways <c>at T image</c> can send a file the hub cannot serve.</summary>
    public static readonly string[] ImageFaults = { "bad-header", "bad-size" };

    private static LinkLoss ParseLinkLoss(string[] w, int n)
    {
        if (w.Length != 3)
        {
            throw new ScenarioException(n, $"'{string.Join(' ', w)}' is not a loss line: expected loss 0.02 or loss A-B 0.1");
        }

        double p = double.TryParse(w[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double loss) && loss >= 0 && loss <= 1
            ? loss : throw new ScenarioException(n, $"'{w[2]}' is not a loss probability from 0 to 1 such as 0.1");
        return new LinkLoss(w[1], p, n);
    }

    /// <summary>An <c>at</c> line; the spellings (<c>reboot hub</c>, <c>power-cut hub</c>, <c>wan-down D</c>) and the older ones name the same events.</summary>
    private static ScenarioEvent Event(TimeSpan at, string what, string[] args, int n)
    {
        switch (what)
        {
            case "reboot":
            case "power-cut":
                if (args.Length != 1 || args[0] != HubName)
                {
                    throw new ScenarioException(n, $"{what} needs what: at TIME {what} hub");
                }

                return new ScenarioEvent(at, "hub-" + what, Array.Empty<string>(), n);
            case "wan-down":
                if (args.Length < 1)
                {
                    throw new ScenarioException(n, "wan-down needs a duration: at TIME wan-down 2h");
                }

                return new ScenarioEvent(at, "wan-outage", args, n);
            default:
                return new ScenarioEvent(at, what, args, n);
        }
    }

    /// <summary>Both ends of each link loss and each <c>via=</c> router are declared; a router is joined before what joins through it.</summary>
    private void ValidatePlacement()
    {
        foreach (var link in LinkLosses)
        {
            link.Ends(this);
        }

        foreach (var (device, (router, line)) in Via)
        {
            int at = Devices.FindIndex(d => d.Name == router);
            if (at < 0)
            {
                throw new ScenarioException(line, $"via='{router}': no device named '{router}' (declare the router on an earlier line)");
            }

            if (Devices[at].Kind != OtaDeviceKind.Esme && Devices[at].Kind != OtaDeviceKind.Hcalcs)
            {
                throw new ScenarioException(line, $"via='{router}': {router} is not a router (ESME or HCALCS)");
            }

            if (at >= Devices.FindIndex(d => d.Name == device))
            {
                throw new ScenarioException(line, $"via='{router}': declare {router} before {device} (it joins first)");
            }
        }
    }
}

/// <summary>Loss on the link between two radios (a device's or the hub's), both directions.</summary>
public sealed record LinkLoss(string Link, double Probability, int Line)
{
    /// <summary>The two names; a name may hold '-', so every split is tried and the one naming two radios wins.</summary>
    public (string A, string B) Ends(Scenario s)
    {
        bool Known(string name) => name == Scenario.HubName || s.Devices.Any(d => d.Name == name);
        for (int i = Link.IndexOf('-'); i > 0; i = Link.IndexOf('-', i + 1))
        {
            string a = Link[..i], b = Link[(i + 1)..];
            if (Known(a) && Known(b) && a != b)
            {
                return (a, b);
            }
        }

        throw new ScenarioException(Line, $"'{Link}' does not name a link between two radios: expected A-B with devices or 'hub', such as hub-esme1");
    }
}
