using System;
using System.Collections;
using CommsHub.Alerts;
using CommsHub.Alerts.Gbcs;
using CommsHub.Crypto;
using CommsHub.Hub;
using CommsHub.Ota.Server;
using CommsHub.Platform;
using CommsHub.Security;
using CommsHub.Storage;
using CommsHub.Storage.Metadata;
using CommsHub.Wan.Link;
using CommsHub.Wan.Messages;
using CommsHub.Work;

namespace CommsHub.Wan
{
    /// <summary>
    /// The hub's end of the WAN: answers the head-end's messages (time, identity, images, status, device log) and
    /// sends every queued outcome upstream as a signed CCS08 alert until the head-end acknowledges it.
    /// A message whose work cannot be done in this turn without waiting (the flash is erasing, the sectors of a chunk
    /// are not blank yet, the image hash has not caught up, a key is being derived, or the turn has no room left)
    /// waits in a short in-order queue and is handled in a later turn. Each alert is signed once, in main-loop
    /// steps, and its signature kept with the outcome for every resend.
    /// </summary>
    public sealed class WanService : ILinkListener
    {
        /// <summary>Unacknowledged alerts are offered again this often, in case a reply was lost with a session.</summary>
        public const long AlertResendMilliseconds = 30000;

        /// <summary>Messages that may wait for a later turn: the head-end never has more in flight than the link window.</summary>
        public const int HeldLimit = 16;

        /// <summary>What handling one message may cost (a chunk: four page programs, its reads and the reply's framing).</summary>
        private const int MessageUnits = 20000;

        /// <summary>
        /// Replies waiting for the link window. A head-end that never acknowledges must not grow the hub's heap: past
        /// this the reply is dropped and counted (the head-end times out and asks again).
        /// </summary>
        public const int MaximumPendingReplies = 16;

        private readonly WanLink _link;
        private readonly ImageStore _store;
        private readonly OutcomeQueue _queue;
        private readonly HubKeyStore _keys;
        private readonly P256 _curve;
        private readonly IClock _clock;
        private readonly ulong _identity;
        private DeviceLog _deviceLog = new DeviceLog(DeviceLogPolicy.Capacity);
        private readonly WanBuffer _in = new WanBuffer(0);
        private readonly WanBuffer _out = new WanBuffer(LinkFrame.MaximumPayload);
        private readonly ArrayList _pending = new ArrayList();
        private readonly byte[] _alert = new byte[Ccs08Alert.Length];
        private readonly WorkQueue _work;
        private readonly FaultLog _faults;
        private readonly ArrayList _held = new ArrayList();
        private uint _lastAlertSent;
        private long _lastAlertRound;
        private EcdsaSigningJob _signing;
        private TargetOutcome _signingFor;
        private byte[] _signingKey;
        private int _keyReply = -1;
        private int _cbkeReply = -1;

        public WanService(WanLink link, ImageStore store, OutcomeQueue queue, HubKeyStore keys, P256 curve, IClock clock, ulong identity, WorkQueue work, FaultLog faults)
        {
            _work = work;
            _faults = faults;
            _link = link;
            _store = store;
            _queue = queue;
            _keys = keys;
            _curve = curve;
            _clock = clock;
            _identity = identity;
            link.Listener = this;
        }

        public WanLink Link
        {
            get { return _link; }
        }

        /// <summary>The CHF Device Log; the hub gives every WAN service the one it keeps in flash.</summary>
        public DeviceLog DeviceLog
        {
            get { return _deviceLog; }
            set { _deviceLog = value; }
        }

        public int AlertsSent { get; private set; }

        /// <summary>The HAN radio's state for the status reply; null reports it absent.</summary>
        public RadioHealth Radio { get; set; }

        /// <summary>The hub's CBKE credentials in flash; null answers SetCbkeCredentials with a refusal.</summary>
        public CbkeCredentialStore CbkeCredentials { get; set; }

        /// <summary>The AES block that hashes a provisioned certificate (the hardware's when the board has one; software otherwise).</summary>
        public IAesBlock CbkeAes { get; set; }

        /// <summary>A key-pair check of provisioned CBKE credentials is queued and not yet over.</summary>
        private bool CbkeChecking
        {
            get { return CbkeCredentials != null && CbkeCredentials.Checking && _work.Contains(CbkeCredentials.Check); }
        }

        /// <summary>Alerts signed (each outcome once per key, however often it is resent).</summary>
        public int AlertsSigned { get; private set; }

        /// <summary>Messages waiting for a later turn.</summary>
        public int Held
        {
            get { return _held.Count; }
        }

        /// <summary>One main-loop turn: handle messages that were waiting, read the line, flush replies, send alerts.</summary>

        /// <summary>Replies dropped because <see cref="MaximumPendingReplies"/> were already waiting.</summary>
        public int RepliesDropped { get; private set; }

        public int PendingReplies
        {
            get { return _pending.Count; }
        }

        public void Poll()
        {
            HandleHeld(false);
            _link.Poll();
            FlushPending();
            long now = _clock.MonotonicMilliseconds;
            if (now - _lastAlertRound >= AlertResendMilliseconds)
            {
                _lastAlertRound = now;
                _lastAlertSent = 0;
            }

            SendAlerts();
        }

        /// <summary>After the turn's long work: send an alert whose signature is ready, answer a stored key.</summary>
        public void WorkDone()
        {
            if (_signing != null && _signing.IsDone)
            {
                _signingFor.Signature = _signing.Signature;
                _signingFor.SignedWith = _signingKey;
                AlertsSigned++;
                _signing = null;
                _signingFor = null;
                SendAlerts();
            }

            if (_cbkeReply >= 0 && !CbkeChecking)
            {
                CbkeCredentialCheck check = CbkeCredentials.Check;
                string refusal = !check.Finished ? "the check was interrupted by a fault at the main loop: nothing was stored, send them again" : check.Refusal;
                Ack((ushort)_cbkeReply, refusal == null ? null : "CBKE credentials: " + refusal);
                _cbkeReply = -1;
            }

            if (_keyReply >= 0 && !_keys.Busy)
            {
                Ack((ushort)_keyReply, _keys.HasKey ? null : "the key could not be stored");
                _keyReply = -1;
            }
        }

        public void PeerRestarted()
        {
            _pending.Clear();
            _held.Clear();
            _lastAlertSent = 0;
        }

        public void PayloadReceived(byte[] buffer, int offset, int count)
        {
            if (_held.Count > 0 || MustWait(buffer, offset, count))
            {
                if (_held.Count >= HeldLimit)
                {
                    // Never drop: do the oldest now, waiting inside this turn if it must.
                    HandleHeld(true);
                }

                byte[] copy = new byte[count];
                Array.Copy(buffer, offset, copy, 0, count);
                _held.Add(copy);
                return;
            }

            Handle(buffer, offset, count);
        }

        private void HandleHeld(bool force)
        {
            while (_held.Count > 0)
            {
                byte[] message = (byte[])_held[0];
                if (!force && MustWait(message, 0, message.Length))
                {
                    return;
                }

                _held.RemoveAt(0);
                Handle(message, 0, message.Length);
                force = false;
            }
        }

        /// <summary>True when handling the message now would wait for the flash or a derivation, or overrun the turn.</summary>
        private bool MustWait(byte[] buffer, int offset, int count)
        {
            WorkMeter meter = _link.Meter;
            if (count < 3)
            {
                return false;
            }

            if (meter != null && !meter.HasRoomFor(MessageUnits))
            {
                return true;
            }

            switch (buffer[offset])
            {
                case WanMessageType.SetTime:
                case WanMessageType.ImageBegin:
                case WanMessageType.AlertAck:
                case WanMessageType.SetCbkeCredentials:
                    return !_store.FlashIdle || CbkeChecking;
                case WanMessageType.ImageChunk:
                    return count >= 7 && !_store.ReadyToWrite((int)LittleEndian.U32(buffer, offset + 3), count - 7);
                case WanMessageType.ImageEnd:
                    return !_store.ReadyToEnd;
                case WanMessageType.GetIdentity:
                case WanMessageType.SetSigningKey:
                    return _keys.Busy;
                default:
                    return false;
            }
        }

        private void Handle(byte[] buffer, int offset, int count)
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
                case WanMessageType.SetCbkeCredentials:
                    OnSetCbkeCredentials(request);
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

            if (!ClockRangePolicy.Accepts(seconds))
            {
                Ack(request, ClockRangePolicy.Refusal(seconds));
                return;
            }

            _clock.SetUtcNow(ClockRangePolicy.ToDateTime(seconds));
            _store.OnClockSet();
            Ack(request, null);
        }

        private void OnSetTimeMilliseconds(ushort request)
        {
            ulong milliseconds = _in.ReadU64();
            if (_in.Short)
            {
                Ack(request, "SetTimeMilliseconds is too short");
                return;
            }

            // The same range as SetTime: one policy for every way the head-end sets the clock.
            ulong seconds = milliseconds / 1000;
            if (!ClockRangePolicy.Accepts(seconds))
            {
                Ack(request, ClockRangePolicy.Refusal(seconds));
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
            StatusBlocks();

            // Newer fields go last, so a head-end that predates one still reads everything before it.
            _out.U8(Radio == null ? RadioHealth.Absent : Radio.State);
            _out.Text(Radio == null ? string.Empty : Truncate(Radio.Detail, 200));
            _out.U32(_faults == null ? 0 : _faults.Count);
            _out.Text(_faults == null || _faults.Last == null ? "" : _faults.Last);
            _out.U32((uint)RepliesDropped);
            _out.U32((uint)_deviceLog.Refused);
            _out.U32((uint)_deviceLog.JoinsRefused);
            _out.Text(Truncate(_deviceLog.LastJoinRefusal, 200));
            Reply();
        }

        private void StatusBlocks()
        {
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
        }

        private static string Truncate(string text, int length)
        {
            return text == null ? string.Empty : text.Length <= length ? text : text.Substring(0, length);
        }

        private void OnDeviceLogAdd(ushort request)
        {
            DeviceLogEntry entry = new DeviceLogEntry();
            entry.Device = _in.ReadEui();
            entry.Kind = _in.ReadU8();
            byte[] given = _in.ReadRaw(_in.ReadU8());
            if (_in.Short)
            {
                Ack(request, "DeviceLogAdd is too short");
                return;
            }

            // join_timeout (seconds) is optional and last, so an older head-end's add still reads.
            int joinTimeout = _in.End - _in.Position >= 2 ? _in.ReadU16() : DeviceLogPolicy.DefaultJoinTimeoutSeconds;
            if (entry.Kind > 3)
            {
                Ack(request, "unknown device type " + entry.Kind.ToString());
                return;
            }

            int codeLength;
            string problem = InstallCodeFormPolicy.Check(given, out codeLength);
            if (problem != null)
            {
                Ack(request, problem);
                return;
            }

            entry.InstallCode = new byte[codeLength];
            Array.Copy(given, entry.InstallCode, codeLength);
            if (!_deviceLog.AddOrReplace(entry))
            {
                Ack(request, "the device log is full (" + _deviceLog.Capacity.ToString() + " entries): remove one first");
                return;
            }

            _deviceLog.OpenJoinWindow(entry.Device, CommsHub.TrustCenter.JoinWindowPolicy.ClosesAt(_clock.MonotonicMilliseconds, joinTimeout));
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
                // Acknowledged once the public key is derived (in main-loop steps) and stored with it.
                _keys.BeginProvision(key);
                _keyReply = request;
            }
            catch (ArgumentException e)
            {
                Ack(request, e.Message);
            }
        }

        private void OnSetCbkeCredentials(ushort request)
        {
            ushort suite = _in.ReadU8();
            byte[] certificate = _in.ReadRaw(_in.ReadU8());
            byte[] privateKey = _in.ReadRaw(_in.ReadU8());
            byte[] caPublicKey = _in.ReadRaw(_in.ReadU8());
            if (_in.Short)
            {
                Ack(request, "SetCbkeCredentials is too short for its fields");
                return;
            }

            if (CbkeCredentials == null)
            {
                Ack(request, "this hub keeps no CBKE credentials");
                return;
            }

            if (CbkeCredentials.Checking && !CbkeChecking)
            {
                // A fault at the main loop cleared the work queue under the previous check.
                CbkeCredentials.Abandon();
            }

            // The fields are checked now; the key pair in main-loop slices, and the Ack waits for it (WorkDone).
            string problem = CbkeCredentials.BeginProvision(suite, certificate, privateKey, caPublicKey, CbkeAes != null ? CbkeAes : new SoftwareAes(), _link.Meter);
            if (problem != null)
            {
                Ack(request, "CBKE credentials: " + problem);
                return;
            }

            _work.Add(CbkeCredentials.Check);
            _cbkeReply = request;
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

        private void SendAlerts()
        {
            while (_pending.Count == 0 && _link.CanSend && _keys.HasKey)
            {
                TargetOutcome next = _queue.NextUnacknowledged(_lastAlertSent);
                if (next == null)
                {
                    break;
                }

                if (next.Signature == null || next.SignedWith != _keys.PublicKey)
                {
                    // The alert waits until its signature is ready; later alerts wait behind it, in order.
                    StartSigning(next);
                    break;
                }

                SendAlert(next);
                _lastAlertSent = next.Number;
            }
        }

        private void StartSigning(TargetOutcome outcome)
        {
            if (_signing != null && _signingFor == outcome && _signingKey == _keys.PublicKey && _work.Contains(_signing))
            {
                return;
            }

            if (_signing != null)
            {
                _work.Remove(_signing);
            }

            int signedEnd = EncodeUnsigned(outcome);
            _signing = new EcdsaSigningJob(_curve, _keys.PrivateKey, _alert, 1, signedEnd - 1);
            _signingFor = outcome;
            _signingKey = _keys.PublicKey;
            _work.Add(_signing);
        }

        private int EncodeUnsigned(TargetOutcome outcome)
        {
            return Ccs08Alert.EncodeUnsigned(outcome.Number, _identity, GbcsCodes.AccessControlBroker, outcome.AlertCode,
                new DateTime(outcome.Ticks), outcome.Device, outcome.FileVersion, outcome.ResponseCode, _alert);
        }

        private void SendAlert(TargetOutcome outcome)
        {
            int signedEnd = EncodeUnsigned(outcome);
            int length = Ccs08Alert.AppendSignature(_alert, signedEnd, outcome.Signature);
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

        /// <summary>Replies wait in order when the window is full, up to <see cref="MaximumPendingReplies"/>.</summary>
        private void Reply()
        {
            FlushPending();
            if (_pending.Count >= MaximumPendingReplies)
            {
                RepliesDropped++;
                return;
            }

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
