using System.Security.Cryptography;
using CommsHub.Alerts;
using CommsHub.Alerts.Gbcs;
using CommsHub.Platform;
using CommsHub.Wan.Link;
using CommsHub.Wan.Messages;

namespace CommsHub.Cli.Wan;

/// <summary>
/// The head-end's end of the WAN link: requests with replies, image delivery that resumes where the hub says,
/// and alerts verified against the hub's public key, shown once per originator counter and acknowledged.
/// </summary>
public sealed class HeadEnd : ILinkListener
{
    private readonly WanLink _link;
    private readonly IClock _clock;
    private readonly Action _idle;
    private readonly Dictionary<ushort, byte[]> _replies = new();
    private readonly List<(ulong Counter, byte[] Gbcs)> _held = new();
    private readonly HashSet<ulong> _ackedThisSession = new();
    private ushort _nextRequest = 1;

    /// <param name="idle">Run while waiting: a real head-end sleeps a moment, a test moves its virtual hub along.</param>
    public HeadEnd(ISerialPort port, IClock clock, Action idle, AlertLedger ledger)
    {
        _clock = clock;
        _idle = idle;
        Ledger = ledger ?? AlertLedger.InMemory();
        _link = new WanLink(port, clock, (uint)RandomNumberGenerator.GetInt32(int.MaxValue), new LinkSettings()) { Listener = this };
    }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Which alerts were already shown; set once the hub's identity says whose ledger to use.</summary>
    public AlertLedger Ledger { get; set; }

    /// <summary>
    /// When false, alerts are left unacknowledged (the hub keeps them and resends): for commands that would not
    /// show them to anyone.
    /// </summary>
    public bool TakeAlerts { get; set; } = true;

    public HubIdentity Identity { get; private set; }

    /// <summary>Chooses the ledger once the hub's EUI-64 is known (a file per hub); null keeps <see cref="Ledger"/>.</summary>
    public Func<ulong, AlertLedger> LedgerFor { get; set; }

    /// <summary>
    /// How long <see cref="SendImage"/> keeps trying to reconnect and resume without any progress before it gives up.
    /// </summary>
    public TimeSpan ResumeLimit { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Alerts that arrived before the hub's key was known: neither shown, recorded nor acknowledged.</summary>
    public int HeldAlerts => _held.Count;

    /// <summary>Alerts refused because their signature did not verify: shown, never recorded or acknowledged.</summary>
    public List<ShownAlert> ForgedAlerts { get; } = new();

    /// <summary>Alert acknowledgements sent (each counter at most once per hub session).</summary>
    public int AcksSent { get; private set; }

    /// <summary>
    /// Called each time the hub answers ImageBegin: the offset it says to send from, and whether this is a resume
    /// after a restart, a reconnection or a lost chunk (false for the first begin of this run).
    /// </summary>
    public Action<long, bool> Began { get; set; }

    public List<ShownAlert> NewAlerts { get; } = new();

    public List<string> Reports { get; } = new();

    public int HubRestarts { get; private set; }

    public HubIdentity GetIdentity(int tries = 3)
    {
        var r = Request(WanMessageType.GetIdentity, _ => { }, tries);
        var id = new HubIdentity(r.ReadEui(), r.ReadU32(), r.ReadRaw(64));
        Identity = id;
        if (LedgerFor != null)
        {
            Ledger = LedgerFor(id.Eui);
        }

        // Alerts that came in before the key did are verified now.
        var held = _held.ToArray();
        _held.Clear();
        foreach (var (counter, gbcs) in held)
        {
            OnAlert(counter, gbcs);
        }

        return id;
    }

    /// <summary>
    /// Sets the hub's clock to the millisecond (SetTimeMilliseconds); a hub that does not know that message gets
    /// whole seconds (SetTime).
    /// </summary>
    public string SetTime(DateTime utc)
    {
        ulong ms = (ulong)((utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond);
        string answer = AckText(Request(WanMessageType.SetTimeMilliseconds, w => w.U64(ms)));
        return answer.StartsWith("refused: unknown message type", StringComparison.Ordinal)
            ? AckText(Request(WanMessageType.SetTime, w => w.U64(ms / 1000)))
            : answer;
    }

    /// <summary>The hub's device log (GetDeviceLog).</summary>
    public List<(ulong Device, int Kind, byte[] InstallCode)> GetDeviceLog() => GetDeviceLogs().Entries;

    /// <summary>The hub's device log and its Historic Device Log (removed devices, oldest first; empty from hubs that keep none).</summary>
    public (List<(ulong Device, int Kind, byte[] InstallCode)> Entries, List<(ulong Device, int Kind)> Historic) GetDeviceLogs()
    {
        var r = Request(WanMessageType.GetDeviceLog, _ => { });
        var list = new List<(ulong, int, byte[])>();
        int count = r.ReadU8();
        for (int i = 0; i < count && !r.Short; i++)
        {
            ulong eui = r.ReadEui();
            int kind = r.ReadU8();
            byte[] code = r.ReadRaw(r.ReadU8());
            if (!r.Short)
            {
                list.Add((eui, kind, code));
            }
        }

        var historic = new List<(ulong, int)>();
        int removed = r.End - r.Position >= 1 ? r.ReadU8() : 0;
        for (int i = 0; i < removed && r.End - r.Position >= 9; i++)
        {
            historic.Add((r.ReadEui(), r.ReadU8()));
        }

        return (list, historic);
    }

    public HubStatus GetStatus() => HubStatus.Read(Request(WanMessageType.GetStatus, _ => { }));

    /// <summary>Adds a device; <paramref name="joinTimeoutSeconds"/> is its join window (the hub's default when null).</summary>
    public string AddDevice(ulong device, int kind, byte[] installCode, int? joinTimeoutSeconds = null) =>
        AckText(Request(WanMessageType.DeviceLogAdd, w =>
        {
            w.Eui(device);
            w.U8(kind);
            w.U8(installCode.Length);
            w.Raw(installCode, 0, installCode.Length);
            if (joinTimeoutSeconds is int seconds)
            {
                w.U16(seconds);
            }
        }));

    public string RemoveDevice(ulong device) => AckText(Request(WanMessageType.DeviceLogRemove, w => w.Eui(device)));

    public string ProvisionKey(byte[] privateKey) => AckText(Request(WanMessageType.SetSigningKey, w => w.Raw(privateKey, 0, privateKey.Length)));

    /// <summary>The hub's CBKE credentials for one suite; the hub's answer ("ok" or its refusal).</summary>
    /// <summary>
    /// Sends CBKE credentials; the hub answers once it has checked that the private key belongs to the certificate
    /// (seconds of curve work on the board), so this waits up to <see cref="CommsHub.Hub.CbkeCredentialCheckPolicy.HeadEndWaitSeconds"/>.
    /// </summary>
    public string ProvisionCbke(int suite, byte[] certificate, byte[] privateKey, byte[] caPublicKey) =>
        AckText(Request(WanMessageType.SetCbkeCredentials, TimeSpan.FromSeconds(Math.Max(Timeout.TotalSeconds, CommsHub.Hub.CbkeCredentialCheckPolicy.HeadEndWaitSeconds)), w =>
        {
            w.U8(suite);
            w.U8(certificate.Length);
            w.Raw(certificate, 0, certificate.Length);
            w.U8(privateKey.Length);
            w.Raw(privateKey, 0, privateKey.Length);
            w.U8(caPublicKey.Length);
            w.Raw(caPublicKey, 0, caPublicKey.Length);
        }));

    public string SimulateActivation(uint version) => AckText(Request(WanMessageType.SimulateActivation, w => w.U32(version)));

    /// <summary>
    /// Delivers an OTA file. Chunks are pipelined up to the link window; when the hub restarts or loses a chunk the
    /// transfer begins again, which the hub answers with the offset it has safely stored.
    /// </summary>
    public ImageReply SendImage(byte[] file, int kind, uint fileVersion, ulong[] targets, Action<long, long> progress)
    {
        byte[] sha = SHA256.HashData(file);
        const int chunk = LinkFrame.MaximumPayload - 7;
        string last = "no answer";
        long lastProgress = _clock.MonotonicMilliseconds;
        long best = -1;
        bool first = true;
        while (_clock.MonotonicMilliseconds - lastProgress < (long)ResumeLimit.TotalMilliseconds)
        {
            int restarts = HubRestarts;
            _replies.Clear();
            ImageReply begin;
            try
            {
                begin = ImageReply.Read(Request(WanMessageType.ImageBegin, w =>
                {
                    w.U8(kind);
                    w.U32(fileVersion);
                    w.U32((uint)file.Length);
                    w.Raw(sha, 0, 32);
                    w.U8(targets.Length);
                    foreach (ulong t in targets)
                    {
                        w.Eui(t);
                    }
                }));
            }
            catch (TimeoutException e)
            {
                // The link is down or the hub is rebooting: keep asking until the resume limit.
                last = e.Message;
                continue;
            }

            if (begin.Status != 0)
            {
                return begin;
            }

            Began?.Invoke(begin.NextOffset, !first);
            first = false;
            var outstanding = new Queue<ushort>();
            int next = begin.NextOffset;
            ImageReply problem = null;
            long deadline = _clock.MonotonicMilliseconds + (long)Timeout.TotalMilliseconds;
            while ((next < file.Length || outstanding.Count > 0) && problem == null && restarts == HubRestarts && _clock.MonotonicMilliseconds < deadline)
            {
                while (next < file.Length && outstanding.Count < 6 && _link.CanSend)
                {
                    int at = next, count = Math.Min(chunk, file.Length - next);
                    outstanding.Enqueue(Send(WanMessageType.ImageChunk, w => { w.U32((uint)at); w.Raw(file, at, count); }));
                    next += count;
                }

                Pump();
                while (outstanding.Count > 0 && _replies.Remove(outstanding.Peek(), out byte[] bytes))
                {
                    outstanding.Dequeue();
                    var reply = ImageReply.Read(Wrap(bytes));
                    deadline = _clock.MonotonicMilliseconds + (long)Timeout.TotalMilliseconds;
                    if (reply.Status != 0)
                    {
                        problem = reply;
                        break;
                    }

                    if (reply.NextOffset > best)
                    {
                        best = reply.NextOffset;
                        lastProgress = _clock.MonotonicMilliseconds;
                    }

                    progress?.Invoke(reply.NextOffset, file.Length);
                }
            }

            last = restarts != HubRestarts ? "the hub restarted" : problem != null ? problem.StatusName + ": " + problem.Reason : _clock.MonotonicMilliseconds >= deadline ? "no answer in time" : "ok";
            if (restarts != HubRestarts || _clock.MonotonicMilliseconds >= deadline || (problem != null && problem.Status == 4))
            {
                // The hub restarted, went quiet or lost a chunk: begin again and it says where to resume.
                continue;
            }

            if (problem != null)
            {
                return problem;
            }

            ImageReply end;
            try
            {
                end = ImageReply.Read(Request(WanMessageType.ImageEnd, _ => { }));
            }
            catch (TimeoutException e)
            {
                last = e.Message;
                continue;
            }

            if (end.Status == 5 || end.Status == 8)
            {
                last = end.StatusName + ": " + end.Reason;
                continue;
            }

            return end;
        }

        throw new TimeoutException($"the image could not be delivered: no progress for {ResumeLimit.TotalSeconds:F0} s (last: {last}); "
            + "run the same command again to resume where the hub stopped");
    }

    /// <summary>Listens for alerts for a while; returns the ones not shown before.</summary>
    public List<ShownAlert> CollectAlerts(TimeSpan during)
    {
        long end = _clock.MonotonicMilliseconds + (long)during.TotalMilliseconds;
        while (_clock.MonotonicMilliseconds < end)
        {
            Pump();
        }

        // Everything taken since the last collection, including alerts that arrived during other requests.
        var taken = new List<ShownAlert>(NewAlerts);
        NewAlerts.Clear();
        return taken;
    }

    /// <summary>One turn of the head-end's loop: read the line, answer alerts.</summary>
    public void Service() => Pump();

    public void PayloadReceived(byte[] buffer, int offset, int count)
    {
        if (count < 3)
        {
            return;
        }

        byte type = buffer[offset];
        ushort request = (ushort)(buffer[offset + 1] | (buffer[offset + 2] << 8));
        if (type >= 0x80)
        {
            _replies[request] = buffer.AsSpan(offset, count).ToArray();
            return;
        }

        var r = Wrap(buffer.AsSpan(offset, count).ToArray());
        r.Position = 3;
        if (type == WanMessageType.Alert)
        {
            ulong counter = r.ReadU64();
            byte[] gbcs = r.ReadRaw(r.End - r.Position);
            OnAlert(counter, gbcs);
        }
        else if (type == WanMessageType.FirmwareActivated)
        {
            ulong eui = r.ReadEui();
            ulong seconds = r.ReadU64();
            uint version = r.ReadU32();
            if (r.Short)
            {
                Reports.Add($"malformed FirmwareActivated message ({count} bytes, 23 expected): ignored");
                return;
            }

            string at = seconds <= HubStatus.MaxUnixSeconds ? $"{DateTime.UnixEpoch.AddSeconds(seconds):yyyy-MM-ddTHH:mm:ssZ}" : $"an impossible time ({seconds} s after 1970)";
            Reports.Add($"SECMP0024 CH firmware activated: CH {Eui64.FromValue(eui)} at {at}, new version {version:X8}");
        }
    }

    public void PeerRestarted()
    {
        HubRestarts++;
        _ackedThisSession.Clear();
    }

    private void OnAlert(ulong counter, byte[] gbcs)
    {
        if (!TakeAlerts)
        {
            return;
        }

        if (Identity == null || !Identity.HasKey)
        {
            // Nothing to verify against yet: hold it (the hub keeps it until acknowledged).
            if (!_held.Any(h => h.Counter == counter))
            {
                _held.Add((counter, gbcs));
            }

            return;
        }

        var decoded = AlertDecoder.Decode(gbcs, Identity.PublicKey);
        if (decoded.SignatureValid != true)
        {
            // A forgery, or the hub's key changed under us: shown as such, never recorded or acknowledged.
            if (!ForgedAlerts.Any(f => f.Counter == counter))
            {
                ForgedAlerts.Add(new ShownAlert(counter, decoded, gbcs));
            }

            return;
        }

        if (!Ledger.Seen(counter))
        {
            // Recorded before acknowledging: if the head-end stops here the hub resends and the ledger hides the repeat.
            Ledger.Record(counter, decoded.Summary);
            NewAlerts.Add(new ShownAlert(counter, decoded, gbcs));
        }

        // The link delivers an acknowledgement reliably within a session: one per counter per session is enough.
        if (_ackedThisSession.Add(counter))
        {
            Send(WanMessageType.AlertAck, w => w.U64(counter));
            AcksSent++;
        }
    }

    private WanBuffer Request(byte type, Action<WanBuffer> body) => Request(type, body, 3);

    private WanBuffer Request(byte type, Action<WanBuffer> body, int tries) => Request(type, Timeout, body, tries);

    private WanBuffer Request(byte type, TimeSpan wait, Action<WanBuffer> body, int tries = 3)
    {
        for (int attempt = 0; attempt < tries; attempt++)
        {
            ushort id = Send(type, body);
            long deadline = _clock.MonotonicMilliseconds + (long)wait.TotalMilliseconds;
            while (_clock.MonotonicMilliseconds < deadline)
            {
                Pump();
                if (_replies.Remove(id, out byte[] reply))
                {
                    return Wrap(reply);
                }
            }
        }

        throw new TimeoutException($"the hub did not answer message 0x{type:X2} in {wait.TotalSeconds:F0} s ({tries} tries)");
    }

    private ushort Send(byte type, Action<WanBuffer> body)
    {
        ushort id = _nextRequest++;
        var w = new WanBuffer(LinkFrame.MaximumPayload);
        w.Start(type, id);
        body(w);
        long deadline = _clock.MonotonicMilliseconds + (long)Timeout.TotalMilliseconds;
        while (!_link.Send(w.Bytes, 0, w.Position))
        {
            if (_clock.MonotonicMilliseconds >= deadline)
            {
                throw new TimeoutException($"the link to the hub has been stalled for {Timeout.TotalSeconds:F0} s (no acknowledgement)");
            }

            Pump();
        }

        return id;
    }

    private void Pump()
    {
        _link.Poll();
        _clock.RunDueTimers();
        _idle();
    }

    private static WanBuffer Wrap(byte[] bytes)
    {
        var r = new WanBuffer(0);
        r.Wrap(bytes, 0, bytes.Length);
        r.Position = 3;
        return r;
    }

    private static string AckText(WanBuffer r)
    {
        byte status = r.ReadU8();
        string text = r.ReadText();
        return status == 0 ? "ok" : "refused: " + text;
    }
}

public sealed record HubIdentity(ulong Eui, uint FirmwareVersion, byte[] PublicKey)
{
    /// <summary>A hub with no signing key reports 64 zero bytes.</summary>
    public bool HasKey => PublicKey != null && PublicKey.Length == 64 && PublicKey.Any(b => b != 0);
}

public sealed record ShownAlert(ulong Counter, DecodedAlert Alert, byte[] Gbcs = null);

public sealed record ImageReply(int Status, int NextOffset, string Reason)
{
    public static readonly string[] Names = { "accepted", "stored", "refused", "invalid", "out of order", "incomplete", "SHA-256 mismatch", "not a servable OTA file", "no transfer" };

    public string StatusName => Status < Names.Length ? Names[Status] : "status " + Status;

    public static ImageReply Read(WanBuffer r) => new(r.ReadU8(), (int)r.ReadU32(), r.ReadText());
}
