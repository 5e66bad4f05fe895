using System;
using System.IO;
using CommsHub.Ota.Server;
using CommsHub.Platform;
using CommsHub.VirtualBoard.Emulators;

namespace CommsHub.VirtualBoard.Bench
{
    /// <summary>
    /// An emulated meter or in-home device running a Zigbee OTA Upgrade client: it queries on its cadence, downloads
    /// by blocks or pages at its own pace, obeys WAIT_FOR_DATA, retries what the air lost, ends the upgrade and
    /// activates when told to. Everything runs on the virtual clock.
    /// </summary>
    public sealed class OtaClientDevice
    {
        private const long AwakeResponseTimeoutMs = 5000;

        private readonly DeviceSpec _spec;
        private readonly IOtaClientTransport _transport;
        private readonly VirtualClock _clock;
        private byte _sequence;
        private ClockTimer _timeout;
        private ClockTimer _next;
        private byte[] _image;
        private uint _imageVersion;
        private long _lastProgressAt;
        private ClockTimer _pollTimer;
        private long _fastPollUntil;
        private int _pageStart;

        /// <summary>The client over its transport: an emulated Zigbee node on the radio (<c>NodeOtaTransport</c>).</summary>
        public OtaClientDevice(DeviceSpec spec, IOtaClientTransport transport, VirtualClock clock)
        {
            _spec = spec;
            _transport = transport;
            _clock = clock;
            CurrentVersion = spec.CurrentVersion;
            transport.Attach(this);
            Schedule(ref _next, (long)spec.FirstQuery.TotalMilliseconds, Query);
            if (spec.PollInterval.HasValue)
            {
                _pollTimer = _clock.StartTimer((long)spec.IdlePollInterval.TotalMilliseconds, PollParent, null);
            }
        }

        /// <summary>A sleepy device hears answers only at its next poll, so it waits at least two polls.</summary>
        private long ResponseTimeoutMs => _spec.PollInterval.HasValue ? Math.Max(AwakeResponseTimeoutMs, 2 * (long)_spec.PollInterval.Value.TotalMilliseconds) : AwakeResponseTimeoutMs;

        public ulong Eui => _spec.Eui;

        public bool Sleepy => _spec.PollInterval.HasValue;

        public DeviceSpec Spec => _spec;

        public string Name => _spec.Name;

        public uint CurrentVersion { get; private set; }

        public string State { get; private set; } = "idle";

        public int Offset { get; private set; }

        public int ImageSize => _image?.Length ?? 0;

        public long BytesReceived { get; private set; }

        /// <summary>The last image downloaded to its end, as received.</summary>
        public byte[] LastImage { get; private set; }

        public TimeSpan? DownloadStarted { get; private set; }

        public TimeSpan? DownloadFinished { get; private set; }

        public bool PoweredOn { get; private set; } = true;

        public bool Left { get; private set; }

        public event Action<OtaClientDevice, string> Note;

        public void PowerOff()
        {
            PoweredOn = false;
            State = "switched off" + (_image != null ? $" at byte {Offset}" : "");
            Cancel(ref _timeout);
            Cancel(ref _next);
        }

        public void PowerOn()
        {
            if (Left)
            {
                return;
            }

            PoweredOn = true;
            State = _image != null ? "downloading" : "idle";
            Schedule(ref _next, 1000, _image != null ? RequestNext : Query);
        }

        public void LeaveNetwork()
        {
            PowerOff();
            Left = true;
            State = "left the network";
            _transport.Detach(this);
        }

        public void SetHardwareVersion(ushort version) => _spec.HardwareVersion = version;

        /// <summary>
        /// The device can talk to the OTA server now (it has just registered): a query its transport dropped before
        /// goes out in a second instead of waiting a whole query interval.
        /// </summary>
        public void QueryNow()
        {
            if (PoweredOn && !Left && _image == null)
            {
                Schedule(ref _next, 1000, Query);
            }
        }

        public void Receive(ulong source, byte[] frame)
        {
            if (!PoweredOn || frame.Length < 3)
            {
                return;
            }

            var r = new BinaryReader(new MemoryStream(frame));
            byte control = r.ReadByte();
            byte sequence = r.ReadByte();
            byte command = r.ReadByte();
            if ((control & 0x03) == 0)
            {
                // Default Response to one of our requests: the server refused it; try again at the next query.
                Cancel(ref _timeout);
                Note?.Invoke(this, $"request refused by the hub (status 0x{frame[4]:X2})");
                EndDownload("idle");
                return;
            }

            switch (command)
            {
                case 0x00:
                    if (!_spec.IgnoresImageNotify && _image == null)
                    {
                        Note?.Invoke(this, "heard Image Notify");
                        Schedule(ref _next, 2000, Query);
                    }

                    break;
                case 0x02:
                    OnQueryResponse(r);
                    break;
                case 0x05:
                    OnBlockResponse(r);
                    break;
                case 0x07:
                    OnUpgradeEndResponse(r);
                    break;
            }
        }

        private void Query(object state)
        {
            if (!PoweredOn)
            {
                return;
            }

            Schedule(ref _next, (long)_spec.QueryInterval.TotalMilliseconds, Query);
            if (_image != null)
            {
                return;
            }

            State = "querying";
            Send(0x01, w =>
            {
                w.Write((byte)(_spec.HardwareVersion.HasValue ? 1 : 0));
                w.Write(_spec.ManufacturerCode);
                w.Write(_spec.ImageType);
                w.Write(CurrentVersion);
                if (_spec.HardwareVersion.HasValue)
                {
                    w.Write(_spec.HardwareVersion.Value);
                }
            });
            Schedule(ref _timeout, ResponseTimeoutMs, QueryUnanswered);
        }

        /// <summary>A query the air lost: asked again a few times before the device waits for its next query time.</summary>
        private void QueryUnanswered(object state)
        {
            State = "idle";
            if (++_unansweredQueries < QueryAttempts)
            {
                Schedule(ref _next, AwakeResponseTimeoutMs, RetryQuery);
                return;
            }

            _unansweredQueries = 0;
        }

        private void RetryQuery(object state)
        {
            int unanswered = _unansweredQueries;
            Query(state);
            _unansweredQueries = unanswered;
        }

        /// <summary>Sends of one query before the device gives up until its next query time.</summary>
        public const int QueryAttempts = 3;

        private int _unansweredQueries;

        private void OnQueryResponse(BinaryReader r)
        {
            Cancel(ref _timeout);
            _unansweredQueries = 0;
            byte status = r.ReadByte();
            if (status != 0)
            {
                State = status == 0x98 ? "no image for it" : $"query answered 0x{status:X2}";
                return;
            }

            r.ReadUInt16();
            r.ReadUInt16();
            uint version = r.ReadUInt32();
            uint size = r.ReadUInt32();
            if (version == CurrentVersion)
            {
                State = "up to date";
                return;
            }

            _image = new byte[size];
            _imageVersion = version;
            Offset = 0;
            DownloadStarted = TimeSpan.FromMilliseconds(_clock.MonotonicMilliseconds);
            DownloadFinished = null;
            State = "downloading";
            Note?.Invoke(this, $"starts downloading image {version:X8} ({size} bytes)");
            RequestNext(null);
        }

        private void RequestNext(object state)
        {
            if (!PoweredOn || _image == null)
            {
                return;
            }

            if (Offset >= _image.Length)
            {
                EndUpgrade(null);
                return;
            }

            if (_spec.PageRequests)
            {
                _pageStart = Offset;
                Send(0x04, w =>
                {
                    w.Write((byte)0);
                    w.Write(_spec.ManufacturerCode);
                    w.Write(_spec.ImageType);
                    w.Write(_imageVersion);
                    w.Write((uint)Offset);
                    w.Write(_spec.BlockSize);
                    w.Write(_spec.PageSize);
                    w.Write(_spec.PageSpacingMilliseconds);
                });
            }
            else
            {
                bool period = _spec.MinimumBlockPeriodMilliseconds > 0;
                Send(0x03, w =>
                {
                    w.Write((byte)(period ? 2 : 0));
                    w.Write(_spec.ManufacturerCode);
                    w.Write(_spec.ImageType);
                    w.Write(_imageVersion);
                    w.Write((uint)Offset);
                    w.Write(_spec.BlockSize);
                    if (period)
                    {
                        w.Write(_spec.MinimumBlockPeriodMilliseconds);
                    }
                });
            }

            _lastProgressAt = _clock.MonotonicMilliseconds;
            Schedule(ref _timeout, ResponseTimeoutMs, RequestNext);
        }

        private void OnBlockResponse(BinaryReader r)
        {
            byte status = r.ReadByte();
            if (_image == null)
            {
                return;
            }

            if (status == 0x97)
            {
                Cancel(ref _timeout);
                r.ReadUInt32();
                uint requestTime = r.ReadUInt32();
                ushort period = r.ReadUInt16();
                State = "told to wait";
                Schedule(ref _next, Math.Max(requestTime * 1000L, period), RequestNext);
                return;
            }

            if (status != 0)
            {
                Cancel(ref _timeout);
                Note?.Invoke(this, $"download aborted by the hub (0x{status:X2})");
                EndDownload("aborted");
                return;
            }

            r.ReadUInt16();
            r.ReadUInt16();
            r.ReadUInt32();
            uint offset = r.ReadUInt32();
            byte size = r.ReadByte();
            byte[] data = r.ReadBytes(size);
            if (offset != Offset)
            {
                return;
            }

            Array.Copy(data, 0, _image, Offset, data.Length);
            Offset += data.Length;
            BytesReceived += data.Length;
            State = "downloading";
            if (Offset >= _image.Length)
            {
                Cancel(ref _timeout);
                LastImage = (byte[])_image.Clone();
                DownloadFinished = TimeSpan.FromMilliseconds(_clock.MonotonicMilliseconds);
                EndUpgrade(null);
                return;
            }

            if (_spec.PageRequests)
            {
                // More blocks of the page may follow; ask again if they stop coming.
                Schedule(ref _timeout, ResponseTimeoutMs, RequestNext);
                // The page is done when its bytes are in: the server's blocks need not divide the page (APS security
                // shortens them).
                if (Offset - _pageStart >= _spec.PageSize)
                {
                    Cancel(ref _timeout);
                    Schedule(ref _next, Math.Max(1, (int)_spec.MinimumBlockPeriodMilliseconds), RequestNext);
                }

                return;
            }

            Cancel(ref _timeout);
            Schedule(ref _next, Math.Max(1, (int)_spec.MinimumBlockPeriodMilliseconds), RequestNext);
        }

        private void EndUpgrade(object state)
        {
            State = "ending upgrade";
            byte status = (byte)(_spec.FailUpgradeEnd ? 0x96 : 0x00);
            Send(0x06, w =>
            {
                w.Write(status);
                w.Write(_spec.ManufacturerCode);
                w.Write(_spec.ImageType);
                w.Write(_imageVersion);
            });
            if (_spec.FailUpgradeEnd)
            {
                Note?.Invoke(this, "rejects the image (Upgrade End INVALID_IMAGE)");
                EndDownload("rejected the image");
                return;
            }

            Schedule(ref _timeout, ResponseTimeoutMs, EndUpgrade);
        }

        private void OnUpgradeEndResponse(BinaryReader r)
        {
            Cancel(ref _timeout);
            r.ReadUInt16();
            r.ReadUInt16();
            uint version = r.ReadUInt32();
            r.ReadUInt32();
            uint upgradeTime = r.ReadUInt32();
            if (upgradeTime == 0)
            {
                CurrentVersion = version;
                Note?.Invoke(this, $"activated image {version:X8} at once and now reports version {CurrentVersion:X8}");
                EndDownload("activated " + version.ToString("X8"));
            }
            else
            {
                Note?.Invoke(this, $"holds image {version:X8} until a CS06 activation command");
                EndDownload("waiting for CS06 activation");
            }
        }

        private void EndDownload(string state)
        {
            _image = null;
            State = state;
        }

        private void PollParent(object state)
        {
            if (PoweredOn && !Left)
            {
                _transport.Poll(this);
            }

            if (!Left)
            {
                bool fast = _image != null || _clock.MonotonicMilliseconds < _fastPollUntil;
                TimeSpan interval = fast ? _spec.PollInterval.Value : _spec.IdlePollInterval;
                _pollTimer = _clock.StartTimer((long)interval.TotalMilliseconds, PollParent, null);
            }
        }

        private void Send(byte command, Action<BinaryWriter> payload)
        {
            var ms = new MemoryStream();
            var w = new BinaryWriter(ms);
            w.Write((byte)0x01);
            w.Write(_sequence++);
            w.Write(command);
            payload(w);
            _transport.Send(this, ms.ToArray());
            if (Sleepy)
            {
                // A sleepy device that asked something polls fast until the answer is due.
                _fastPollUntil = _clock.MonotonicMilliseconds + (3 * (long)_spec.PollInterval.Value.TotalMilliseconds);
                _pollTimer?.Cancel();
                _pollTimer = _clock.StartTimer((long)_spec.PollInterval.Value.TotalMilliseconds, PollParent, null);
            }
        }

        private void Schedule(ref ClockTimer timer, long delayMs, ClockTimerCallback callback)
        {
            timer?.Cancel();
            timer = _clock.StartTimer(Math.Max(0, delayMs), callback, null);
        }

        private static void Cancel(ref ClockTimer timer)
        {
            timer?.Cancel();
            timer = null;
        }
    }
}
