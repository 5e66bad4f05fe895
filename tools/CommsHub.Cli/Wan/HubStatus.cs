using CommsHub.Alerts;
using CommsHub.Platform;
using CommsHub.Wan.Messages;

namespace CommsHub.Cli.Wan;

/// <summary>The hub's Status message, for printing.</summary>
public sealed record HubStatus(DateTime Utc, bool ClockTrusted, int UnacknowledgedAlerts, HubStatus.HubBlock Esme, HubStatus.HubBlock Gsme, int RadioState = 0, string RadioDetail = "")
{
    private static readonly string[] RadioStates = { "absent", "running", "fault (retried every minute)" };

    private static readonly string[] Kinds = { "ESME", "GSME", "PPMID", "HCALCS" };
    private static readonly string[] States = { "pending", "downloading", "done" };

    /// <summary>The clock field as sent, in seconds since 1970: kept when it is past what a DateTime can hold.</summary>
    public ulong ClockSeconds { get; init; }

    /// <summary>Replies the hub dropped and device-log adds it refused (sent by hubs that count them, else -1).</summary>
    public long RepliesDropped { get; init; } = -1;

    public long DeviceLogRefused { get; init; } = -1;

    /// <summary>Associations the trust centre refused (not in the log, or outside the join window) and the newest in words (-1/null from hubs that predate them).</summary>
    public long JoinsRefused { get; init; } = -1;

    public string LastJoinRefusal { get; init; }

    public static HubStatus Read(WanBuffer r)
    {
        ulong seconds = r.ReadU64();
        var utc = seconds <= MaxUnixSeconds ? DateTime.UnixEpoch.AddSeconds(seconds) : DateTime.MinValue;
        bool trusted = r.ReadU8() != 0;
        int alerts = r.ReadU16();
        var esme = HubBlock.Read(r);
        var gsme = HubBlock.Read(r);

        // Older firmware ends the message earlier: each later field is read only when present.
        bool radio = r.Position < r.End;
        int radioState = radio ? r.ReadU8() : 0;
        string radioDetail = radio ? r.ReadText() : "not reported by this firmware";
        var status = new HubStatus(utc, trusted, alerts, esme, gsme, radioState, radioDetail) { ClockSeconds = seconds };
        if (r.Position < r.End)
        {
            uint faults = r.ReadU32();
            string last = r.ReadText();
            status = status with { Faults = faults, LastFault = r.Short ? null : last };
        }

        if (r.End - r.Position >= 8)
        {
            status = status with { RepliesDropped = r.ReadU32(), DeviceLogRefused = r.ReadU32() };
        }

        if (r.End - r.Position >= 6)
        {
            long joins = r.ReadU32();
            string last = r.ReadText();
            status = status with { JoinsRefused = joins, LastJoinRefusal = r.Short || last.Length == 0 ? null : last };
        }

        return status;
    }

    /// <summary>Faults caught at the hub's main loop since its first boot, and the newest ("layer: exception type").</summary>
    public uint Faults { get; init; }

    public string LastFault { get; init; }

    /// <summary>The last whole second a DateTime holds, in seconds since 1970.</summary>
    public static readonly ulong MaxUnixSeconds = (ulong)((DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond);

    public void Write(TextWriter o)
    {
        string clock = ClockSeconds <= MaxUnixSeconds ? $"{Utc:yyyy-MM-ddTHH:mm:ssZ}" : $"out of range ({ClockSeconds} s after 1970)";
        o.WriteLine($"Hub clock: {clock} ({(ClockTrusted ? "set by the WAN" : "not yet set by the WAN")})");
        if (RepliesDropped > 0 || DeviceLogRefused > 0)
        {
            o.WriteLine($"Replies dropped (backlog full): {RepliesDropped}; device-log adds refused (log full): {DeviceLogRefused}");
        }

        if (JoinsRefused > 0)
        {
            o.WriteLine($"HAN joins refused: {JoinsRefused}, last: {LastJoinRefusal}");
        }

        o.WriteLine($"Alerts waiting for the head-end: {UnacknowledgedAlerts}");
        Esme.Write(o, "ESME block");
        Gsme.Write(o, "GSME block");
        o.WriteLine($"HAN radio: {(RadioState < RadioStates.Length ? RadioStates[RadioState] : "state " + RadioState)}: {RadioDetail}");
        o.WriteLine($"Faults caught at the main loop: {Faults}{(string.IsNullOrEmpty(LastFault) ? "" : ", last " + LastFault)}");
    }

    public sealed record HubBlock(bool Present, int Kind, uint Version, int Size, (ulong Device, int State, int Response)[] Targets)
    {
        public static HubBlock Read(WanBuffer r)
        {
            if (r.ReadU8() == 0)
            {
                return new HubBlock(false, 0, 0, 0, Array.Empty<(ulong, int, int)>());
            }

            int kind = r.ReadU8();
            uint version = r.ReadU32();
            int size = (int)r.ReadU32();
            var targets = new (ulong, int, int)[r.ReadU8()];
            for (int i = 0; i < targets.Length; i++)
            {
                targets[i] = (r.ReadEui(), r.ReadU8(), r.ReadU8());
            }

            return new HubBlock(true, kind, version, size, targets);
        }

        public void Write(TextWriter o, string name)
        {
            if (!Present)
            {
                o.WriteLine($"{name}: empty");
                return;
            }

            o.WriteLine($"{name}: {Kinds[Math.Min(Kind, 3)]} image version {Version:X8}, {Size} bytes");
            foreach (var (device, state, response) in Targets)
            {
                o.WriteLine($"  {Eui64.FromValue(device)}  {States[Math.Min(state, 2)]}{(state == 2 ? " (" + TransferResponse.Name((byte)response) + ")" : "")}");
            }
        }
    }
}
