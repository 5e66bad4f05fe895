using CommsHub.Platform;
using CommsHub.VirtualBoard.Emulators;

namespace CommsHub.Cli.Bench;

/// <summary>
/// The hub's view of the bench clock: the timers one firmware instance starts die with it at a reboot or power
/// cut, as on a real board, while the wall clock runs on (it is outside the power cut).
/// </summary>
public sealed class HubSupplyClock(VirtualClock bench) : IClock
{
    private readonly List<ClockTimer> _timers = new();
    private long _bootAt = bench.MonotonicMilliseconds;

    public DateTime UtcNow => bench.UtcNow;

    public long MonotonicMilliseconds => bench.MonotonicMilliseconds - _bootAt;

    public void SetUtcNow(DateTime utc) => bench.SetUtcNow(utc);

    public ClockTimer StartTimer(long dueInMilliseconds, ClockTimerCallback callback, object state)
    {
        if (_timers.Count > 64)
        {
            _timers.RemoveAll(t => t.IsCancelled || t.HasFired);
        }

        var timer = bench.StartTimer(dueInMilliseconds, callback, state);
        _timers.Add(timer);
        return timer;
    }

    public void RunDueTimers() => bench.RunDueTimers();

    /// <summary>Power is gone: every timer of the old firmware is cancelled and the monotonic clock restarts.</summary>
    public void Reset()
    {
        foreach (var t in _timers)
        {
            t.Cancel();
        }

        _timers.Clear();
        _bootAt = bench.MonotonicMilliseconds;
    }
}

/// <summary>The hub's end of the WAN cable, which a WAN outage cuts: bytes either way are lost while it is down.</summary>
public sealed class OutagePort(ISerialPort inner) : ISerialPort
{
    private readonly byte[] _sink = new byte[1024];

    public bool Down { get; set; }

    public int BytesToRead
    {
        get
        {
            while (Down && inner.BytesToRead > 0)
            {
                inner.Read(_sink, 0, _sink.Length);
            }

            return inner.BytesToRead;
        }
    }

    public int Read(byte[] buffer, int offset, int count) => Down ? 0 : inner.Read(buffer, offset, count);

    public void Write(byte[] buffer, int offset, int count)
    {
        if (!Down)
        {
            inner.Write(buffer, offset, count);
        }
    }
}
