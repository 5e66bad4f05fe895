using CommsHub.VirtualBoard.Transport;

namespace CommsHub.Cli;

/// <summary>
/// What `commshub board` tells besides the messages on the wire: head-ends connecting and leaving, and outcomes
/// queued as alerts.
/// </summary>
public sealed class BoardWatch
{
    private readonly VirtualBoard.VirtualBoard _board;
    private readonly TcpPort _tcp;
    private readonly Action<string> _say;
    private int _connections;
    private bool _connected;
    private uint _lastOutcome;

    public BoardWatch(VirtualBoard.VirtualBoard board, TcpPort tcp, Action<string> say)
    {
        _board = board;
        _tcp = tcp;
        _say = say;
        // Outcomes already in flash at boot were told before; only new ones are news.
        for (int i = 0; i < board.Hub.Outcomes.Count; i++)
        {
            _lastOutcome = Math.Max(_lastOutcome, board.Hub.Outcomes.Outcome(i).Number);
        }
    }

    public void Check()
    {
        if (_tcp != null)
        {
            int connections = _tcp.Connections;
            bool connected = _tcp.Connected;
            if (connections > _connections)
            {
                _say(_connected || connections > _connections + 1
                    ? "a second head-end connected: the hub serves one head-end at a time, so the earlier one was disconnected"
                    : "head-end connected");
            }
            else if (_connected && !connected)
            {
                _say("head-end disconnected");
            }

            _connections = connections;
            _connected = connected;
        }

        var outcomes = _board.Hub.Outcomes;
        for (int i = 0; i < outcomes.Count; i++)
        {
            var o = outcomes.Outcome(i);
            if (o.Number <= _lastOutcome)
            {
                continue;
            }

            _lastOutcome = o.Number;
            _say($"alert #{o.Number} queued: 0x{o.AlertCode:X4} for {CommsHub.Platform.Eui64.FromValue(o.Device)}, version {o.FileVersion:X8}");
        }
    }
}
