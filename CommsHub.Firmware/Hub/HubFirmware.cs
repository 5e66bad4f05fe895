using System;
using System.Collections;
using CommsHub.Alerts;
using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Crypto;
using CommsHub.Mac.Coordinator;
using CommsHub.Nwk;
using CommsHub.Ota.Server;
using CommsHub.Platform;
using CommsHub.Security;
using CommsHub.Storage;
using CommsHub.Storage.Devices;
using CommsHub.Storage.Metadata;
using CommsHub.Storage.Network;
using CommsHub.Storage.W25q;
using CommsHub.Wan;
using CommsHub.Wan.Link;
using CommsHub.Work;

namespace CommsHub.Hub
{
    /// <summary>A console line the hub has for the board to print.</summary>
    public delegate void HubReportHandler(string line);

    /// <summary>
    /// The hub: owns every layer and is the single place a board wires into. Boards call
    /// <see cref="Boot"/> once and <see cref="Poll"/> from their main loop; nothing here sleeps.
    /// Long work (hashing, erasing, signing) waits in <see cref="Work"/> and runs in bounded steps while the
    /// turn's <see cref="Meter"/> has room (<see cref="WorkBudget"/>). Poll is the fault barrier: an exception from
    /// one layer is counted, recorded in flash, and that layer reset; repeated faults restart the hub
    /// (<see cref="FaultBarrierPolicy"/>).
    /// </summary>
    public sealed class HubFirmware
    {
        private const int LayerTimers = 0;
        private const int LayerWan = 1;
        private const int LayerMac = 2;
        private const int LayerWork = 3;

        private readonly HubHardware _hardware;
        private readonly W25qFlash _flash;
        private readonly int _imageCapacity;
        private readonly RadioHealth _radioHealth = new RadioHealth();
        private readonly WorkMeter _meter = new WorkMeter();
        private readonly long[] _recentFaults = new long[FaultBarrierPolicy.FaultsBeforeRestart];
        private int _recentFaultCount;
        private ScopedClock _storeClock;
        private ScopedClock _wanClock;
        private P256 _curve;
        private bool _restarting;
        private FlashLayout _layout;
        private Eui64 _identity;
        private CoordinatorMac _han;
        private HanStack _stack;
        private HubOtaPolicy _otaPolicy;
        private long _wanClockSetAt;

        public HubFirmware(HubHardware hardware)
            : this(hardware, FlashLayout.ImageBlockCapacity)
        {
        }

        /// <summary>A hub with smaller image slots: for tests that cut power thousands of times.</summary>
        public HubFirmware(HubHardware hardware, int imageCapacity)
        {
            _hardware = hardware;
            _flash = new W25qFlash(new MeteredSpiBus(hardware.FlashSpi, _meter), hardware.Clock);
            _imageCapacity = imageCapacity;
            Work = new WorkQueue(_meter);
        }

        /// <summary>What the current (or last) main-loop turn cost.</summary>
        public WorkMeter Meter
        {
            get { return _meter; }
        }

        /// <summary>Long work waiting for main-loop turns.</summary>
        public WorkQueue Work { get; private set; }

        public FaultLog Faults { get; private set; }

        /// <summary>Times this firmware object restarted itself (boards without a restarter).</summary>
        public int Restarts { get; private set; }

        public Eui64 Identity
        {
            get { return _identity; }
        }

        public INorFlash Flash
        {
            get { return _flash; }
        }

        public FlashLayout Layout
        {
            get { return _layout; }
        }

        public ImageStore Store { get; private set; }

        public OutcomeQueue Outcomes { get; private set; }

        /// <summary>Null while the board has no way to reach HAN devices.</summary>
        public OtaServer OtaServer { get; private set; }

        public HubKeyStore Keys { get; private set; }

        /// <summary>The Zigbee layers over the MAC (NWK, trust centre, APS, OTA port); null until the HAN has started.</summary>
        public HanStack Han
        {
            get { return _stack; }
        }

        /// <summary>The HAN coordinator MAC; null when the board has no radio (or no entropy for short addresses).</summary>
        public CoordinatorMac Mac { get; private set; }

        /// <summary>Null when the board has no WAN port.</summary>
        public WanService Wan { get; private set; }

        /// <summary>The CHF Device Log and the Historic Device Log, kept in flash; the WAN manages it, the trust centre reads it.</summary>
        public DeviceLog DeviceLog { get; private set; }

        /// <summary>The hub's CBKE certificate and keys per suite, kept in flash; the WAN provisions them, Key Establishment uses them.</summary>
        public CbkeCredentialStore CbkeCredentials { get; private set; }

        /// <summary>The radio's state, which the head-end's status reply carries.</summary>
        public RadioHealth RadioHealth
        {
            get { return _radioHealth; }
        }

        /// <summary>
        /// The radio or the WAN has work waiting: the board's main loop turns again without yielding
        /// (<see cref="MainLoopPolicy"/>).
        /// </summary>
        public bool HasWork
        {
            get
            {
                return (Mac != null && _hardware.Radio.HasWork) || (_hardware.Wan != null && _hardware.Wan.BytesToRead > 0);
            }
        }

        /// <summary>Console lines the hub has after boot (a radio retry's outcome); boards print them.</summary>
        public event HubReportHandler Reported;

        /// <summary>Brings the hardware up, mounts storage, and returns the console lines a board prints at start-up.</summary>
        public string[] Boot()
        {
            _restarting = false;
            _flash.Identify();
            _identity = HubIdentityPolicy.From(_flash);
            _layout = FlashLayout.For(_flash, _imageCapacity);
            Faults = new FaultLog(_flash, _layout.FaultLogStart, _layout.SectorSize);
            Faults.Mount();
            MountStorage();
            MountDeviceLog();
            MountCbkeCredentials();
            _curve = new P256();
            _curve.Meter = _meter;
            Keys = new HubKeyStore(_flash, _curve, Work);
            Keys.Load(KeyEntropy);
            StartWan();

            string han = StartHan();
            ArrayList lines = new ArrayList();
            lines.Add("CommsHub CH firmware " + FirmwareVersion.Text + " (version " + Hex.Format(FirmwareVersion.Value, 8) + ") on " + _hardware.BoardName);
            lines.Add("CH EUI-64: " + _identity.ToString());
            lines.Add("Flash: JEDEC id " + Hex.Format(_flash.JedecId, 6) + ", " + _flash.CapacityBytes.ToString() + " bytes, "
                + (_flash.CapacityBytes / _flash.SectorSize).ToString() + " sectors of " + _flash.SectorSize.ToString()
                + " bytes, " + _flash.PageSize.ToString() + "-byte pages");
            lines.Add("Storage: metadata @" + Hex.Format(_layout.MetadataStart, 6) + ", alert queue @" + Hex.Format(_layout.AlertQueueStart, 6)
                + ", image slots @" + Hex.Format(_layout.SlotStart(0), 6) + ", @" + Hex.Format(_layout.SlotStart(1), 6) + ", @" + Hex.Format(_layout.SlotStart(2), 6)
                + " (" + _layout.SlotLength.ToString() + " bytes each: ESME block, GSME block, one receiving)");
            lines.Add("ESME block: " + Describe(Store.State.Blocks[StoreState.EsmeBlock]));
            lines.Add("GSME block: " + Describe(Store.State.Blocks[StoreState.GsmeBlock]));
            lines.Add("Alert queue: " + Outcomes.Count.ToString() + " outcome(s) recorded, " + Outcomes.UnacknowledgedCount.ToString() + " not yet acknowledged by the head-end");
            lines.Add(Keys.HasKey
                ? "Signing key: P-256, public key " + Hex.Format(Keys.PublicKey, 0, 8, '\0') + "..."
                : Keys.Busy ? "Signing key: P-256, " + (Keys.Migrating ? "public key missing from flash: " : "new key: ") + "deriving its public key in main-loop steps; alerts wait until it is stored"
                : "Signing key: none (" + (_hardware.Entropy != null ? "this board's random source is not fit for keys" : "no entropy source")
                    + "): alerts wait until one is provisioned with 'commshub wan set-key'");
            lines.Add("Device Log: " + DeviceLog.Count.ToString() + " device(s), " + DeviceLog.Historic.Count.ToString() + " in the Historic Device Log"
                + (DeviceLog.Problem == null ? "" : " (" + DeviceLog.Problem + ": started empty)"));
            lines.Add(CbkeCredentials.Suites == 0
                ? "CBKE credentials: none (Key Establishment answers UNSUPPORTED_SUITE until 'commshub wan set-cbke-cert' provisions them)"
                : "CBKE credentials: suite(s) " + Hex.Format(CbkeCredentials.Suites, 4) + " (KeyEstablishmentSuite attribute)");
            lines.Add("Faults caught at the main loop: " + Faults.Count.ToString() + (Faults.Last == null ? "" : ", last " + Faults.Last));
            lines.Add(han);
            lines.Add("Clock: " + IsoTime.Format(_hardware.Clock.UtcNow) + (Store.ClockTrusted ? " (UTC, trusted)" : " (UTC, not yet set by the WAN)"));
            lines.Add("Ready.");

            string[] result = new string[lines.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (string)lines[i];
            }

            return result;
        }

        /// <summary>
        /// One turn of the main loop: fire due timers, serve the WAN and the radio, then step long work while the
        /// turn has room. Nothing that throws in a layer gets past here.
        /// </summary>
        public void Poll()
        {
            if (_restarting)
            {
                return;
            }

            _meter.StartTurn();
            int layer = LayerTimers;
            try
            {
                _hardware.Clock.RunDueTimers();
                layer = LayerWan;
                if (Wan != null)
                {
                    Wan.Poll();
                }

                layer = LayerMac;
                if (Mac != null)
                {
                    Mac.Process();
                    if (_stack != null)
                    {
                        FollowWanClock();
                        _stack.Process();
                    }
                }

                layer = LayerWork;
                Work.Run();
                Keys.Poll();
                if (Wan != null)
                {
                    Wan.WorkDone();
                }
            }
            catch (Exception e)
            {
                OnFault(layer, e);
            }
        }

        private void OnFault(int layer, Exception e)
        {
            string where = LayerName(layer);
            try
            {
                Faults.Record(where, e.GetType().Name, _hardware.Clock.UtcNow.Ticks);
            }
            catch (Exception)
            {
                // The flash itself may be what failed: the fault still counts towards a restart.
            }

            long now = _hardware.Clock.MonotonicMilliseconds;
            int recent = 1;
            for (int i = 0; i < _recentFaultCount; i++)
            {
                recent += now - _recentFaults[i] < FaultBarrierPolicy.WindowMilliseconds ? 1 : 0;
            }

            if (recent >= FaultBarrierPolicy.FaultsBeforeRestart)
            {
                _recentFaultCount = 0;
                Restart(recent.ToString() + " faults within " + (FaultBarrierPolicy.WindowMilliseconds / 1000).ToString() + " s, last in " + where + ": " + e.GetType().Name);
                return;
            }

            for (int i = _recentFaults.Length - 1; i > 0; i--)
            {
                _recentFaults[i] = _recentFaults[i - 1];
            }

            _recentFaults[0] = now;
            _recentFaultCount = _recentFaultCount < _recentFaults.Length ? _recentFaultCount + 1 : _recentFaultCount;
            try
            {
                ResetLayer(layer);
            }
            catch (Exception)
            {
                Restart("the " + where + " layer could not be reset after " + e.GetType().Name);
            }
        }

        /// <summary>Puts the layer that threw back into a state read from flash; the others carry on untouched.</summary>
        private void ResetLayer(int layer)
        {
            if (layer == LayerMac)
            {
                Mac = null;
                StartHan();
                return;
            }

            if (layer == LayerWan)
            {
                StartWan();
                return;
            }

            // A timer callback or a work step: the store, the keys and the WAN own those; remount them from flash.
            Work.Clear();
            MountStorage();
            Keys.Reset();
            Keys.Load(KeyEntropy);
            StartWan();
        }

        private void Restart(string reason)
        {
            Restarts++;
            if (_storeClock != null)
            {
                _storeClock.CancelAll();
            }

            if (_wanClock != null)
            {
                _wanClock.CancelAll();
            }

            if (_hardware.Restarter != null)
            {
                _restarting = true;
                _hardware.Restarter.Restart(reason);
                return;
            }

            Work.Clear();
            Boot();
        }

        private void MountStorage()
        {
            if (_storeClock != null)
            {
                _storeClock.CancelAll();
            }

            _storeClock = new ScopedClock(_hardware.Clock);
            Outcomes = new OutcomeQueue(_flash, _layout.AlertQueueStart, _layout.AlertQueueLength);
            Outcomes.Mount();
            Store = new ImageStore(_flash, _layout, _storeClock, Outcomes, Work, _meter);
            HubOtaPolicy policy = new HubOtaPolicy(Store);
            _otaPolicy = policy;
            Store.Listener = policy;
            Store.Mount();
            OtaServer = null;
            if (_hardware.Han != null)
            {
                OtaServer = new OtaServer(policy, _hardware.Han, _hardware.Clock, new OtaServerSettings());
                policy.Server = OtaServer;
            }

            ServeOtaOverTheRadio();
        }

        /// <summary>One Device Log object for the hub's life (the trust centre holds it); each boot reads it again from flash.</summary>
        private void MountDeviceLog()
        {
            if (DeviceLog == null)
            {
                DeviceLog = new DeviceLog(DeviceLogPolicy.Capacity, new DeviceLogStore(_flash, _layout.DeviceLogStart));
            }

            DeviceLog.Mount();
        }

        /// <summary>One store for the hub's life (Key Establishment follows its changes); each boot reads it again from flash.</summary>
        private void MountCbkeCredentials()
        {
            if (CbkeCredentials == null)
            {
                CbkeCredentials = new CbkeCredentialStore(_flash, _layout.CbkeCredentialStart, _identity.Value);
            }

            CbkeCredentials.Mount();
        }

        private void StartWan()
        {
            if (_wanClock != null)
            {
                _wanClock.CancelAll();
            }

            Wan = null;
            if (_hardware.Wan == null)
            {
                return;
            }

            _wanClock = new ScopedClock(_hardware.Clock);
            WanLink link = new WanLink(_hardware.Wan, _wanClock, NewEpoch(), new LinkSettings());
            link.Meter = _meter;
            Wan = new WanService(link, Store, Outcomes, Keys, _curve, _wanClock, _identity.Value, Work, Faults);
            Wan.Radio = _radioHealth;
            Wan.DeviceLog = DeviceLog;
            Wan.CbkeCredentials = CbkeCredentials;
            Wan.CbkeAes = _hardware.Aes;
        }

        /// <summary>The entropy the signing key may be drawn from: none when the board's source is not fit for keys.</summary>
        private IEntropySource KeyEntropy
        {
            get { return _hardware.EntropyFitForKeys ? _hardware.Entropy : null; }
        }

        private static string LayerName(int layer)
        {
            switch (layer)
            {
                case LayerTimers: return "timers";
                case LayerWan: return "WAN";
                case LayerMac: return "MAC";
                default: return "work";
            }
        }

        /// <summary>
        /// Starts the HAN; a radio that is missing, miswired or faulty never stops the boot: the fault is
        /// reported and the radio retried from the clock's timers (<see cref="RadioRetryPolicy"/>).
        /// </summary>
        private string StartHan()
        {
            if (_hardware.Radio == null)
            {
                _radioHealth.SetAbsent("no radio on this board");
                return "HAN: no radio on this board";
            }

            if (_hardware.Entropy == null)
            {
                _radioHealth.SetAbsent("no entropy source to allocate short addresses");
                return "HAN: radio present but no entropy source to allocate short addresses; HAN not started";
            }

            try
            {
                // One MAC for every attempt: it subscribes to the radio's events once.
                if (_han == null)
                {
                    _han = new CoordinatorMac(_hardware.Radio, _hardware.Clock, _hardware.Entropy, _identity.Value, _identity.Value);
                }

                _hardware.Radio.Initialize();
                int[] energy = new int[27];
                int channel = _han.QuietestChannel(HanNetworkPolicy.ChannelMask, HanNetworkPolicy.EnergySamplesPerChannel, energy);
                ushort panId = HanNetworkPolicy.PanIdFor(_identity);
                NetworkStore networkStore = _stack != null ? _stack.Store : new NetworkStore(_flash, _layout.NetworkStart);
                networkStore.Mount();
                bool resumed = networkStore.Network != null;
                if (!resumed)
                {
                    networkStore.Save(NetworkParameters.Form(_identity.Value, panId, channel, _hardware.Entropy));
                }

                // A stored network is resumed as it was, so joined devices carry on without rejoining.
                channel = networkStore.Network.Channel;
                panId = networkStore.Network.PanId;
                _han.Start(panId, channel);
                _han.PermitJoining = HanNetworkPolicy.PermitJoiningAtBoot;
                Mac = _han;
                StartStack(networkStore);
                string line = "HAN: 802.15.4 PAN coordinator on channel " + channel.ToString() + " (energy " + energy[channel].ToString()
                    + "/255, " + (resumed ? "stored network resumed" : "quietest of 11-26") + "), PAN id " + Hex.Format(panId, 4)
                    + ", permit join " + (_han.PermitJoining ? "on" : "off")
                    + (_hardware.EntropyFitForKeys ? "" : "; its NWK key came from a random source not fit for keys (board README)");
                _radioHealth.SetRunning(line);
                return line;
            }
            catch (Exception e)
            {
                Mac = null;
                _radioHealth.SetFault(e.Message);
                _hardware.Clock.StartTimer(RadioRetryPolicy.RetryMilliseconds, RetryHan, null);
                return "HAN: radio fault (" + e.Message + "); WAN and alerts run without the HAN, radio retried every "
                    + (RadioRetryPolicy.RetryMilliseconds / 1000).ToString() + " s (attempt " + _radioHealth.FailedAttempts.ToString() + ")";
            }
        }

        private void StartStack(NetworkStore networkStore)
        {
            if (_stack == null)
            {
                IAesBlock aes = _hardware.Aes != null ? _hardware.Aes : new SoftwareAes();
                _stack = new HanStack(_han, networkStore, aes, new WanDeviceLog(DeviceLog), _hardware.Clock, _identity.Value, Work, _meter, _hardware.Entropy);
                _stack.TrustCentre.Reported += OnHanReport;
                _stack.Registration.Reported += OnHanReport;
                _stack.Nwk.LeaveIndication += OnDeviceLeft;
                _stack.Nwk.LeaveSent += OnDeviceLeft;
                _stack.TrustCentre.Entropy = _hardware.Entropy;
                DeviceLog.Removed += _stack.TrustCentre.RemoveDevice;
                DeviceLog.LinkKeys = _stack.TrustCentre.CopyLinkKey;
                _wanClockSetAt = Store.State.LastTrustedTicks;
                CbkeCredentials.Changed += _stack.SmartEnergy.KeyEstablishment.Provision;
                ProvisionFromFlash(KeyEstablishmentSuite.Suite1);
                ProvisionFromFlash(KeyEstablishmentSuite.Suite2);
            }

            ServeOtaOverTheRadio();
        }

        /// <summary>A device gone from the network without a rejoin: a download it had started has failed.</summary>
        private void OnDeviceLeft(ulong device, ushort shortAddress, bool rejoin)
        {
            if (!rejoin)
            {
                Store.OnTargetLeft(device);
            }
        }

        private void ProvisionFromFlash(ushort suite)
        {
            KeyEstablishmentIdentity identity = CbkeCredentials.Identity(suite);
            if (identity != null)
            {
                _stack.SmartEnergy.KeyEstablishment.Provision(suite, identity);
            }
        }

        /// <summary>With no APS-level HAN model on the board, the OTA server serves over the radio stack.</summary>
        private void ServeOtaOverTheRadio()
        {
            if (_hardware.Han != null || _stack == null || _otaPolicy == null)
            {
                return;
            }

            if (OtaServer == null)
            {
                OtaServer = new OtaServer(_otaPolicy, _stack.Ota, _hardware.Clock, new OtaServerSettings());
                _otaPolicy.Server = OtaServer;
            }

            _stack.Ota.Server = OtaServer;
        }

        /// <summary>The Smart Energy Time server and CBKE's certificate validity follow the clock the WAN sets.</summary>
        // A set before this boot is not one the Time server vouches for: it waits for the WAN's next.
        private void FollowWanClock()
        {
            long setAt = Store.State.LastTrustedTicks;
            if (setAt != _wanClockSetAt)
            {
                _wanClockSetAt = setAt;
                _stack.SmartEnergy.Time.OnClockSetByWan();
            }

            _stack.SmartEnergy.KeyEstablishment.ClockTrusted = Store.ClockTrusted;
        }

        private void OnHanReport(string line)
        {
            HubReportHandler report = Reported;
            if (report != null)
            {
                report(line);
            }
        }

        private void RetryHan(object state)
        {
            string line = StartHan();
            HubReportHandler report = Reported;
            if (report != null)
            {
                report(line);
            }
        }

        /// <summary>A link session name that differs across reboots, so the head-end sees each restart.</summary>
        private uint NewEpoch()
        {
            byte[] bytes = new byte[4];
            if (_hardware.Entropy != null)
            {
                _hardware.Entropy.Fill(bytes);
            }

            long mix = _hardware.Clock.UtcNow.Ticks ^ (_hardware.Clock.MonotonicMilliseconds << 20) ^ Store.Log.Sequence;
            return (uint)(bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) ^ (uint)mix ^ (uint)(mix >> 32);
        }

        private static string Describe(StoredImage image)
        {
            if (image == null)
            {
                return "empty";
            }

            int pending = 0;
            int downloading = 0;
            int done = 0;
            for (int i = 0; i < image.Targets.Length; i++)
            {
                byte state = image.Targets[i].State;
                pending += state == TargetState.Pending ? 1 : 0;
                downloading += state == TargetState.Downloading ? 1 : 0;
                done += state == TargetState.Done ? 1 : 0;
            }

            return KindName(image.Kind) + " image version " + Hex.Format(image.FileVersion, 8) + ", " + image.Size.ToString() + " bytes, targets: "
                + pending.ToString() + " pending, " + downloading.ToString() + " downloading, " + done.ToString() + " done";
        }

        public static string KindName(OtaDeviceKind kind)
        {
            switch (kind)
            {
                case OtaDeviceKind.Esme: return "ESME";
                case OtaDeviceKind.Gsme: return "GSME";
                case OtaDeviceKind.Ppmid: return "PPMID";
                default: return "HCALCS";
            }
        }
    }
}
