using System.Globalization;
using CommsHub.Alerts;
using CommsHub.Crypto;
using CommsHub.Platform;
using CommsHub.Wan.Link;
using CommsHub.Wan.Messages;

namespace CommsHub.Cli;

/// <summary>
/// What `commshub board` tells: it sits between the hub's WAN port and the wire, reads the link frames going each
/// way (without changing a byte) and prints one line per event — clock set, image received, stored or refused
/// (with the rule), alert sent and acknowledged, device-log changes, key provisioning. Retransmitted frames are
/// printed once.
/// </summary>
public sealed class BoardWanEvents : ISerialPort
{
    private static readonly string[] Kinds = Options.DeviceTypes;
    private readonly ISerialPort _inner;
    private readonly Action<string> _say;
    private readonly FrameReader _fromHeadEnd;
    private readonly FrameReader _fromHub;
    private readonly Dictionary<ushort, string> _asked = new();
    private readonly HashSet<(uint, ushort)> _seen = new();
    private readonly HashSet<uint> _imageBegun = new();
    private string _image = "image";

    public BoardWanEvents(ISerialPort inner, Action<string> say)
    {
        _inner = inner;
        _say = say;
        _fromHeadEnd = new FrameReader(m => OnHeadEndMessage(m));
        _fromHub = new FrameReader(m => OnHubMessage(m));
    }

    public ISerialPort Inner => _inner;

    public int BytesToRead => _inner.BytesToRead;

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = _inner.Read(buffer, offset, count);
        _fromHeadEnd.Take(buffer, offset, n, _seen);
        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        _inner.Write(buffer, offset, count);
        _fromHub.Take(buffer, offset, count, _seen);
    }

    private void OnHeadEndMessage(WanBuffer m)
    {
        byte type = m.ReadU8();
        ushort id = m.ReadU16();
        switch (type)
        {
            case WanMessageType.SetTime:
                _asked[id] = "clock set to " + Time(m.ReadU64() * 1000);
                break;
            case WanMessageType.SetTimeMilliseconds:
                _asked[id] = "clock set to " + Time(m.ReadU64());
                break;
            case WanMessageType.ImageBegin:
                int kind = m.ReadU8();
                uint version = m.ReadU32();
                uint size = m.ReadU32();
                _image = $"image {Kind(kind)} {version:X8} ({size} bytes)";
                _asked[id] = _image;
                break;
            case WanMessageType.ImageEnd:
                _asked[id] = _image + " ";
                break;
            case WanMessageType.DeviceLogAdd:
                ulong added = m.ReadEui();
                _asked[id] = $"device log: {Eui64.FromValue(added)} ({Kind(m.ReadU8())}) added";
                break;
            case WanMessageType.DeviceLogRemove:
                _asked[id] = $"device log: {Eui64.FromValue(m.ReadEui())} removed";
                break;
            case WanMessageType.SetSigningKey:
                _asked[id] = "signing key provisioned by the head-end";
                break;
            case WanMessageType.SetCbkeCredentials:
                _asked[id] = $"CBKE credentials for suite {m.ReadU8()} provisioned by the head-end";
                break;
            case WanMessageType.AlertAck:
                _say($"alert #{m.ReadU64()} acknowledged by the head-end");
                break;
        }
    }

    private void OnHubMessage(WanBuffer m)
    {
        byte type = m.ReadU8();
        ushort id = m.ReadU16();
        _asked.Remove(id, out string asked);
        switch (type)
        {
            case WanMessageType.Ack when asked != null:
                bool ok = m.ReadU8() == 0;
                string reason = m.ReadText();
                _say(ok ? asked : $"refused: {asked} — {reason}");
                break;
            case WanMessageType.ImageReply when asked != null:
                int status = m.ReadU8();
                uint next = m.ReadU32();
                string why = m.ReadText();
                asked = asked.TrimEnd();
                if (status == 0)
                {
                    // ImageBegin answered: a new transfer, or one resumed.
                    uint key = (uint)asked.GetHashCode();
                    _say(_imageBegun.Add(key) && next == 0 ? $"receiving {asked}" : $"resuming {asked} at byte {next}");
                }
                else if (status == 1)
                {
                    _say($"{asked}: {why}");
                }
                else if (status != 0)
                {
                    _say($"{asked} refused: {why}");
                }

                break;
            case WanMessageType.Alert:
                ulong counter = m.ReadU64();
                _say($"alert #{counter} sent to the head-end");
                break;
        }
    }

    private static string Kind(int kind) => kind >= 0 && kind < Kinds.Length ? Kinds[kind] : "type " + kind.ToString(CultureInfo.InvariantCulture);

    private static string Time(ulong ms) =>
        ms > 253402300799999 ? "a time past 9999" : DateTime.UnixEpoch.AddMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>Splits one direction of the wire into COBS frames and hands on each new DATA message.</summary>
    private sealed class FrameReader
    {
        private readonly Action<WanBuffer> _message;
        private readonly byte[] _frame = new byte[2 * (LinkFrame.MaximumPayload + LinkFrame.Overhead)];
        private readonly byte[] _decoded = new byte[2 * (LinkFrame.MaximumPayload + LinkFrame.Overhead)];
        private int _length;

        public FrameReader(Action<WanBuffer> message) => _message = message;

        public void Take(byte[] buffer, int offset, int count, HashSet<(uint, ushort)> seen)
        {
            for (int i = offset; i < offset + count; i++)
            {
                if (buffer[i] != 0)
                {
                    if (_length < _frame.Length)
                    {
                        _frame[_length++] = buffer[i];
                    }

                    continue;
                }

                int n = _length == 0 || _length >= _frame.Length ? 0 : Cobs.Decode(_frame, 0, _length, _decoded, 0);
                _length = 0;
                if (n <= LinkFrame.Overhead + 2 || _decoded[0] != LinkFrame.Data
                    || BitConverter.ToUInt32(_decoded, n - 4) != Crc32.Compute(_decoded, 0, n - 4))
                {
                    continue;
                }

                uint epoch = BitConverter.ToUInt32(_decoded, 1);
                ushort sequence = BitConverter.ToUInt16(_decoded, 5);
                if (seen.Count > 100000)
                {
                    seen.Clear();
                }

                if (!seen.Add((epoch, sequence)))
                {
                    continue;
                }

                var m = new WanBuffer(0);
                m.Wrap((byte[])_decoded.Clone(), LinkFrame.HeaderLength, n - LinkFrame.Overhead);
                try
                {
                    _message(m);
                }
                catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException)
                {
                    // A message too short for its fields: the hub refuses it; nothing to tell.
                }
            }
        }
    }
}
