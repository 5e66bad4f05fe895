using System;
using System.Collections;
using CommsHub.Alerts;
using CommsHub.Alerts.Gbcs;
using CommsHub.Crypto;
using CommsHub.Hub;
using CommsHub.Ota.Server;
using CommsHub.Platform;
using CommsHub.Storage;
using CommsHub.Storage.Metadata;
using CommsHub.Wan.Link;
using CommsHub.Wan.Messages;

namespace CommsHub.Wan
{
    /// <summary>
    /// The hub's end of the WAN: answers the head-end's messages (time, identity, images, status, device log) and
    /// sends every queued outcome upstream as a signed CCS08 alert until the head-end acknowledges it.
    /// </summary>
    public sealed class WanService : ILinkListener
    {
        /// <summary>Unacknowledged alerts are offered again this often, in case a reply was lost with a session.</summary>
        public const long AlertResendMilliseconds = 30000;

        private readonly WanLink _link;
        private readonly ImageStore _store;
        private readonly OutcomeQueue _queue;
        private readonly HubKeyStore _keys;
        private readonly P256 _curve;
        private readonly IClock _clock;
        private readonly ulong _identity;
        private readonly DeviceLog _deviceLog = new DeviceLog();
        private readonly WanBuffer _in = new WanBuffer(0);
        private readonly WanBuffer _out = new WanBuffer(LinkFrame.MaximumPayload);
        private readonly ArrayList _pending = new ArrayList();
        private readonly byte[] _alert = new byte[Ccs08Alert.Length];
        private uint _lastAlertSent;
        private long _lastAlertRound;

        public WanService(WanLink link, ImageStore store, OutcomeQueue queue, HubKeyStore keys, P256 curve, IClock clock, ulong identity)
        {
            _link = link;
            _store = store;
            _queue = queue;
            _keys = keys;
            _curve = curve;
            _clock = clock;
            _identity = identity;
            link.Listener = this;
        }

        public DeviceLog DeviceLog
        {
            get { return _deviceLog; }
        }

        public int AlertsSent { get; private set; }

        /// <summary>One main-loop turn: read the line, flush replies, send the next alert if the window allows.</summary>
        public void Poll()
        {
            _link.Poll();
            FlushPending();
            long now = _clock.MonotonicMilliseconds;
            if (now - _lastAlertRound >= AlertResendMilliseconds)
            {
                _lastAlertRound = now;
                _lastAlertSent = 0;
            }

            while (_pending.Count == 0 && _link.CanSend && _keys.HasKey)
            {
                TargetOutcome next = _queue.NextUnacknowledged(_lastAlertSent);
                if (next == null)
                {
                    break;
                }

                SendAlert(next);
                _lastAlertSent = next.Number;
            }
        }

        public void PeerRestarted()
        {
            _pending.Clear();
            _lastAlertSent = 0;
        }

        public void PayloadReceived(byte[] buffer, int offset, int count)
        {
            _in.Wrap(buffer, offset, count);
            byte type = _in.ReadU8();
            ushort request = _in.ReadU16();
            if (_in.Short)
            {
                return;
            }

            switch (type)
            {
                case WanMessageType.SetTime:
                    OnSetTime(request);
                    break;
                case WanMessageType.GetIdentity:
                    _out.Start(WanMessageType.Identity, request);
                    _out.Eui(_identity);
                    _out.U32(FirmwareVersion.Value);
                    _out.Raw(_keys.HasKey ? _keys.PublicKey : new byte[64], 0, 64);
                    Reply();
                    break;
                case WanMessageType.ImageBegin:
                    OnImageBegin(request);
                    break;
                case WanMessageType.ImageChunk:
                    uint at = _in.ReadU32();
                    ImageReply(request, _in.Short ? Truncated() : _store.WriteChunk((int)at, _in.Bytes, _in.Position, _in.End - _in.Position));
                    break;
                case WanMessageType.ImageEnd:
                    ImageReply(request, _store.EndIngest());
                    break;
                case WanMessageType.GetStatus:
                    OnGetStatus(request);
                    break;
                case WanMessageType.DeviceLogAdd:
                    OnDeviceLogAdd(request);
                    break;
                case WanMessageType.DeviceLogRemove:
                    ulong device = _in.ReadEui();
                    Ack(request, _in.Short ? "DeviceLogRemove is too short" : _deviceLog.Remove(device) ? null : Eui64.FromValue(device).ToString() + " is not in the device log");
                    break;
                case WanMessageType.AlertAck:
                    ulong counter = _in.ReadU64();
                    if (!_in.Short && counter <= uint.MaxValue)
                    {
                        _queue.Acknowledge((uint)counter);
                    }

                    break;
                case WanMessageType.SimulateActivation:
                    OnSimulateActivation(request);
                    break;
                case WanMessageType.SetSigningKey:
                    OnSetSigningKey(request);
                    break;
                case WanMessageType.GetDeviceLog:
                    _out.Start(WanMessageType.DeviceLogList, request);
                    DeviceLogMessage.Write(_deviceLog, _out);
                    Reply();
                    break;
                case WanMessageType.SetTimeMilliseconds:
                    OnSetTimeMilliseconds(request);
                    break;
                default:
                    Ack(request, "unknown message type 0x" + Hex.Format(type, 2));
                    break;
            }
        }

        private void OnSetTime(ushort request)
        {
            ulong seconds = _in.ReadU64();
            if (_in.Short)
            {
                Ack(request, "SetTime is too short");
                return;
            }

            _clock.SetUtcNow(DateTime.UnixEpoch.AddSeconds(seconds));
            _store.OnClockSet();
            Ack(request, null);
        }

        private void OnSetTimeMilliseconds(ushort request)
        {
            ulong milliseconds = _in.ReadU64();
            if (_in.Short || milliseconds > ClockRange.LatestUnixMilliseconds)
            {
                Ack(request, _in.Short ? "SetTimeMilliseconds is too short" : "SetTimeMilliseconds is past the year 9999");
                return;
            }

            _clock.SetUtcNow(new DateTime(DateTime.UnixEpoch.Ticks + ((long)milliseconds * 10000)));
            _store.OnClockSet();
            Ack(request, null);
        }

        private void OnImageBegin(ushort request)
        {
            byte kind = _in.ReadU8();
            uint version = _in.ReadU32();
            uint size = _in.ReadU32();
            byte[] sha = _in.ReadRaw(32);
            int count = _in.ReadU8();
            ulong[] targets = new ulong[count];
            for (int i = 0; i < count; i++)
            {
                targets[i] = _in.ReadEui();
            }

            ImageReply(request, _in.Short ? Truncated() : _store.BeginIngest((OtaDeviceKind)kind, version, targets, (int)size, sha));
        }

        private void OnGetStatus(ushort request)
        {
            _out.Start(WanMessageType.Status, request);
            _out.U64((ulong)((_clock.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10000000));
            _out.U8(_store.ClockTrusted ? 1 : 0);
            _out.U16(_queue.UnacknowledgedCount);
            for (int b = 0; b < 2; b++)
            {
                StoredImage image = _store.State.Blocks[b];
                _out.U8(image == null ? 0 : 1);
                if (image == null)
                {
                    continue;
                }

                _out.U8((int)image.Kind);
                _out.U32(image.FileVersion);
                _out.U32((uint)image.Size);
                _out.U8(image.Targets.Length);
                for (int t = 0; t < image.Targets.Length; t++)
                {
                    _out.Eui(image.Targets[t].Device);
                    _out.U8(image.Targets[t].State);
                    _out.U8(image.Targets[t].Response);
                }
            }

            Reply();
        }

        private void OnDeviceLogAdd(ushort request)
        {
            DeviceLogEntry entry = new DeviceLogEntry();
            entry.Device = _in.ReadEui();
            entry.Kind = _in.ReadU8();
            entry.InstallCode = _in.ReadRaw(_in.ReadU8());
            if (_in.Short)
            {
                Ack(request, "DeviceLogAdd is too short");
                return;
            }

            if (entry.Kind > 3)
            {
                Ack(request, "unknown device type " + entry.Kind.ToString());
                return;
            }

            if (entry.InstallCode.Length != 8 && entry.InstallCode.Length != 10 && entry.InstallCode.Length != 14 && entry.InstallCode.Length != 18)
            {
                Ack(request, "an install code is 6, 8, 12 or 16 bytes plus a 2-byte CRC, not " + entry.InstallCode.Length.ToString() + " bytes");
                return;
            }

            _deviceLog.AddOrReplace(entry);
            Ack(request, null);
        }

        private void OnSetSigningKey(ushort request)
        {
            byte[] key = _in.ReadRaw(32);
            if (_in.Short)
            {
                Ack(request, "SetSigningKey needs a 32-byte private key");
                return;
            }

            try
            {
                _keys.Provision(key);
                Ack(request, null);
            }
            catch (ArgumentException e)
            {
                Ack(request, e.Message);
            }
        }

        private void OnSimulateActivation(ushort request)
        {
            uint version = _in.ReadU32();
            if (_in.Short)
            {
                Ack(request, "SimulateActivation is too short");
                return;
            }

            Ack(request, null);
            _out.Start(WanMessageType.FirmwareActivated, 0);
            _out.Eui(_identity);
            _out.U64((ulong)((_clock.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10000000));
            _out.U32(version);
            Reply();
        }

        private void SendAlert(TargetOutcome outcome)
        {
            int signedEnd = Ccs08Alert.EncodeUnsigned(outcome.Number, _identity, GbcsCodes.AccessControlBroker, outcome.AlertCode,
                new DateTime(outcome.Ticks), outcome.Device, outcome.FileVersion, outcome.ResponseCode, _alert);
            int length = Ccs08Alert.AppendSignature(_alert, signedEnd, _curve, _keys.PrivateKey);
            _out.Start(WanMessageType.Alert, 0);
            _out.U64(outcome.Number);
            _out.Raw(_alert, 0, length);
            Reply();
            AlertsSent++;
        }

        private void ImageReply(ushort request, IngestResult result)
        {
            _out.Start(WanMessageType.ImageReply, request);
            _out.U8((int)result.Status);
            _out.U32((uint)result.NextOffset);
            _out.Text(result.Reason);
            Reply();
        }

        private void Ack(ushort request, string refusal)
        {
            _out.Start(WanMessageType.Ack, request);
            _out.U8(refusal == null ? 0 : 1);
            _out.Text(refusal == null ? "ok" : refusal);
            Reply();
        }

        private static IngestResult Truncated()
        {
            return new IngestResult(IngestStatus.Invalid, "the message is too short for its fields", 0);
        }

        /// <summary>Replies wait in order when the window is full; none is ever dropped.</summary>
        private void Reply()
        {
            byte[] copy = new byte[_out.Position];
            Array.Copy(_out.Bytes, copy, copy.Length);
            _pending.Add(copy);
            FlushPending();
        }

        private void FlushPending()
        {
            while (_pending.Count > 0 && _link.CanSend)
            {
                byte[] message = (byte[])_pending[0];
                _link.Send(message, 0, message.Length);
                _pending.RemoveAt(0);
            }
        }
    }
}
