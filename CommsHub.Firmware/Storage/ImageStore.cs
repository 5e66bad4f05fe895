using System;
using System.Collections;
using CommsHub.Alerts;
using CommsHub.Crypto;
using CommsHub.Ota.Files;
using CommsHub.Ota.Server;
using CommsHub.Platform;
using CommsHub.Policy;
using CommsHub.Storage.Metadata;
using CommsHub.Work;

namespace CommsHub.Storage
{
    /// <summary>
    /// The two image blocks on SPI NOR flash with the GB rules. Every change of state is one metadata record,
    /// written before anything it implies happens: outcomes are recorded before they go to the alert queue,
    /// a displaced image's slot is erased only after the record that frees it. Images stream in through the
    /// receiving slot and become servable only once complete and hash-verified.
    /// </summary>
    public sealed class ImageStore
    {
        /// <summary>A resumed transfer restarts from the last multiple of this many bytes recorded in flash.</summary>
        public const int CheckpointInterval = 64 * 1024;

        private readonly INorFlash _flash;
        private readonly FlashLayout _layout;
        private readonly IClock _clock;
        private readonly IOutcomeSink _sink;
        private readonly MetadataLog _log;
        private readonly byte[] _payload = new byte[StoreStateCodec.MaximumLength];
        private readonly byte[] _page;
        private readonly WorkQueue _work;
        private readonly WorkMeter _meter;
        private readonly SlotEraser _eraser;
        private readonly IngestHasher _hasher;
        private readonly OtaOffer[] _offers = new OtaOffer[2];
        private readonly ArrayList _slotsToErase = new ArrayList();
        private readonly ClockTimerCallback _onDeadlineTimer;
        private StoreState _state = new StoreState();
        private int _ingestWritten;
        private int _ingestErasedThrough;
        private int _metadataSectorPrepared = -1;
        private bool _trusted;
        private long _trustBaseTicks;
        private ClockTimer _deadlineTimer;

        /// <summary>Long work (slot erases, the image hash) goes to <paramref name="work"/>, which the main loop steps.</summary>
        public ImageStore(INorFlash flash, FlashLayout layout, IClock clock, IOutcomeSink sink, WorkQueue work, WorkMeter meter)
        {
            _work = work;
            _meter = meter;
            _eraser = new SlotEraser(flash, layout, meter);
            _hasher = new IngestHasher(flash, _eraser, meter);
            _flash = flash;
            _layout = layout;
            _clock = clock;
            _sink = sink;
            _log = new MetadataLog(flash, layout.MetadataStart, layout.MetadataLength, StoreStateCodec.MaximumLength);
            _page = new byte[flash.PageSize];
            _onDeadlineTimer = OnDeadlineTimer;
        }

        public IImageStoreListener Listener { get; set; }

        public StoreState State
        {
            get { return _state; }
        }

        public MetadataLog Log
        {
            get { return _log; }
        }

        public bool ClockTrusted
        {
            get { return _trusted; }
        }

        public SlotEraser Eraser
        {
            get { return _eraser; }
        }

        /// <summary>
        /// True when a chunk at <paramref name="offset"/> can be written in this turn without waiting for the flash:
        /// no background erase runs and the sectors it lands in were blank-checked by the eraser.
        /// </summary>
        public bool ReadyToWrite(int offset, int count)
        {
            IngestRecord ingest = _state.Ingest;
            if (ingest == null || _eraser.Erasing)
            {
                return !_eraser.Erasing;
            }

            if (!_eraser.Covers(ingest.Slot))
            {
                return true;
            }

            int end = offset + count;
            return _eraser.ErasedThrough(ingest.Slot) >= (end < ingest.Size ? end : ingest.Size);
        }

        /// <summary>True when Image End can be answered in this turn: the image hash has caught up with the writes.</summary>
        public bool ReadyToEnd
        {
            get { return _state.Ingest == null || (_hasher.CaughtUp && !_eraser.Erasing); }
        }

        /// <summary>True when a flash write in this turn would not wait for a background erase.</summary>
        public bool FlashIdle
        {
            get { return !_eraser.Erasing; }
        }

        /// <summary>Reads the newest metadata record, hands on outcomes the queue has not got, and arms the deadline check.</summary>
        public void Mount()
        {
            int length = _log.Mount(_payload, StoreStateCodec.IsValid);
            StoreState state = length < 0 ? null : StoreStateCodec.Decode(_payload, 0, length);
            _state = state == null ? new StoreState() : state;
            _offers[0] = null;
            _offers[1] = null;
            _ingestWritten = _state.Ingest == null ? 0 : _state.Ingest.Checkpoint;
            _ingestErasedThrough = _ingestWritten;
            _work.Remove(_hasher);
            _work.Remove(_eraser);
            if (_state.Ingest != null)
            {
                // After a reboot the hash state is gone: rebuild it from what flash holds, in steps, and get the rest of the slot blank ahead of the writes.
                _hasher.Restart(_layout.SlotStart(_state.Ingest.Slot));
                _hasher.WrittenThrough = _ingestWritten;
                _work.Add(_hasher);
                _eraser.Queue(_state.Ingest.Slot, _ingestWritten);
                _work.Add(_eraser);
            }

            long now = _clock.UtcNow.Ticks;
            _trusted = _state.LastTrustedTicks != 0 && now >= _state.LastTrustedTicks;
            _trustBaseTicks = _trusted ? now : 0;
            for (int b = 0; b < 2; b++)
            {
                StoredImage image = _state.Blocks[b];
                for (int t = 0; image != null && t < image.Targets.Length; t++)
                {
                    image.Targets[t].PersistedLastBlockTicks = image.Targets[t].LastBlockTicks;
                }
            }

            _metadataSectorPrepared = -1;
            PrepareNextMetadataSector();
            HandOverOutcomes();
            CheckDeadlines();
        }

        /// <summary>Gets the log's next sector blank in main-loop steps, so the append that moves into it does not wait for an erase.</summary>
        private void PrepareNextMetadataSector()
        {
            int next = _log.NextSector;
            if (next != _metadataSectorPrepared)
            {
                _metadataSectorPrepared = next;
                _eraser.QueueSector(next, _log);
                _work.Add(_eraser);
            }
        }

        public IngestResult BeginIngest(OtaDeviceKind kind, uint fileVersion, ulong[] targets, int size, byte[] sha256)
        {
            string invalid = ValidateDeclaration(kind, targets, size, sha256);
            if (invalid != null)
            {
                return new IngestResult(IngestStatus.Invalid, invalid, 0);
            }

            StoredImage held = _state.Blocks[ArrivalRules.BlockFor(kind)];
            if (held != null && held.Kind == kind && held.FileVersion == fileVersion && held.Size == size && Sha256.Equal(held.Sha256, sha256) && SameTargets(held, targets))
            {
                // A head-end that lost our reply (link drop, hub reboot) sends the image again: it is already here.
                return new IngestResult(IngestStatus.Stored, "already stored in the " + (ArrivalRules.BlockFor(kind) == StoreState.EsmeBlock ? "ESME" : "GSME") + " block", size);
            }

            IngestRecord current = _state.Ingest;
            if (current != null && current.SameAs(kind, fileVersion, targets, size, sha256))
            {
                return new IngestResult(IngestStatus.Accepted, "resuming the transfer in progress", _ingestWritten);
            }

            ArrivalDecision decision = ArrivalRules.Decide(_state.Blocks[ArrivalRules.BlockFor(kind)], kind, _clock.UtcNow.Ticks, _trusted);
            if (decision.Verdict == ArrivalVerdict.Refuse)
            {
                _state.Ingest = null;
                for (int i = 0; i < targets.Length; i++)
                {
                    AddOutcome(targets[i], TargetRule.DisplacedOrRefused, fileVersion);
                }

                Persist();
                return new IngestResult(IngestStatus.Refused, "refused: " + decision.Rule, 0);
            }

            IngestRecord ingest = new IngestRecord();
            ingest.Slot = (byte)(current != null ? current.Slot : FreeSlot());
            ingest.Kind = kind;
            ingest.Size = size;
            Array.Copy(sha256, ingest.Sha256, 32);
            ingest.FileVersion = fileVersion;
            ingest.Targets = new ulong[targets.Length];
            Array.Copy(targets, ingest.Targets, targets.Length);
            ingest.Checkpoint = 0;
            _state.Ingest = ingest;
            Persist();
            _ingestWritten = 0;
            _ingestErasedThrough = 0;
            _hasher.Restart(_layout.SlotStart(ingest.Slot));
            _eraser.Queue(ingest.Slot, 0);
            _work.Add(_eraser);
            return new IngestResult(IngestStatus.Accepted, "receiving " + size.ToString() + " bytes into slot " + ingest.Slot.ToString(), 0);
        }

        public IngestResult WriteChunk(int offset, byte[] data, int dataOffset, int count)
        {
            IngestRecord ingest = _state.Ingest;
            if (ingest == null)
            {
                return new IngestResult(IngestStatus.NoTransfer, "no image is being received: begin a transfer first", 0);
            }

            if (offset != _ingestWritten)
            {
                return new IngestResult(IngestStatus.OutOfOrder, "expected offset " + _ingestWritten.ToString() + ", got " + offset.ToString(), _ingestWritten);
            }

            if (count < 0 || offset + count > ingest.Size)
            {
                return new IngestResult(IngestStatus.Invalid, "chunk at " + offset.ToString() + " of " + count.ToString()
                    + " bytes runs past the declared " + ingest.Size.ToString() + " bytes", _ingestWritten);
            }

            int slotStart = _layout.SlotStart(ingest.Slot);
            if (_eraser.Covers(ingest.Slot))
            {
                int blank = _eraser.ErasedThrough(ingest.Slot);
                if (blank >= offset + count || blank >= ingest.Size)
                {
                    _ingestErasedThrough = blank > _ingestErasedThrough ? blank : _ingestErasedThrough;
                }
                else
                {
                    // Written before the eraser got there (a caller that does not wait for ReadyToWrite): erase as we go instead.
                    _eraser.Cancel(ingest.Slot);
                }
            }

            int done = 0;
            while (done < count)
            {
                int address = slotStart + _ingestWritten;
                if (_ingestWritten >= _ingestErasedThrough)
                {
                    EraseIfNeeded(address - (address % _layout.SectorSize));
                    _ingestErasedThrough = (_ingestWritten - (_ingestWritten % _layout.SectorSize)) + _layout.SectorSize;
                }

                int chunk = _flash.PageSize - (address % _flash.PageSize);
                int sectorLeft = _ingestErasedThrough - _ingestWritten;
                chunk = chunk < sectorLeft ? chunk : sectorLeft;
                chunk = chunk < count - done ? chunk : count - done;
                _flash.ProgramPage(address, data, dataOffset + done, chunk);
                done += chunk;
                int before = _ingestWritten;
                _ingestWritten += chunk;
                if (_ingestWritten / CheckpointInterval != before / CheckpointInterval)
                {
                    ingest.Checkpoint = _ingestWritten - (_ingestWritten % CheckpointInterval);
                    Persist();
                }
            }

            _hasher.WrittenThrough = _ingestWritten;
            _work.Add(_hasher);
            return new IngestResult(IngestStatus.Accepted, _ingestWritten.ToString() + " of " + ingest.Size.ToString() + " bytes", _ingestWritten);
        }

        public IngestResult EndIngest()
        {
            IngestRecord ingest = _state.Ingest;
            if (ingest == null)
            {
                return new IngestResult(IngestStatus.NoTransfer, "no image is being received", 0);
            }

            if (_ingestWritten != ingest.Size)
            {
                return new IngestResult(IngestStatus.Incomplete, "only " + _ingestWritten.ToString() + " of " + ingest.Size.ToString() + " bytes received", _ingestWritten);
            }

            // A caller that did not wait for ReadyToEnd gets the rest of the hash now, in one go.
            while (!_hasher.Step())
            {
            }

            _work.Remove(_hasher);
            byte[] hash = _hasher.Finish();
            if (!Sha256.Equal(hash, ingest.Sha256))
            {
                DropIngest();
                return new IngestResult(IngestStatus.HashMismatch, "the " + ingest.Size.ToString() + " bytes received hash to " + Hex.Format(hash, 0, 8, '\0')
                    + "..., not the declared " + Hex.Format(ingest.Sha256, 0, 8, '\0') + "...; the image was dropped", 0);
            }

            OtaFile file = OtaFileParser.Parse(new SlotImageSource(_flash, _layout.SlotStart(ingest.Slot), ingest.Size));
            string problem = FirstError(file);
            if (problem == null && file.Header.FileVersion != ingest.FileVersion)
            {
                problem = "the OTA header's file version " + Hex.Format(file.Header.FileVersion, 8) + " is not the declared " + Hex.Format(ingest.FileVersion, 8);
            }

            if (problem != null)
            {
                DropIngest();
                return new IngestResult(IngestStatus.InvalidOtaFile, problem + "; the image was dropped", 0);
            }

            return Arrive(ingest, file);
        }

        /// <summary>The image a device may download now, or null: it must be a target that has not finished.</summary>
        public OtaOffer OfferFor(ulong device)
        {
            for (int b = 0; b < 2; b++)
            {
                StoredImage image = _state.Blocks[b];
                if (image == null)
                {
                    continue;
                }

                StoredTarget target = image.Target(device);
                if (target != null && target.State != TargetState.Done)
                {
                    if (_offers[b] == null)
                    {
                        _offers[b] = new OtaOffer(OtaFileParser.Parse(new SlotImageSource(_flash, _layout.SlotStart(image.Slot), image.Size)), image.Kind);
                    }

                    return _offers[b];
                }
            }

            return null;
        }

        public void OnBlockServed(ulong device)
        {
            StoredImage image;
            StoredTarget target = Find(device, out image);
            if (target == null || target.State == TargetState.Done)
            {
                return;
            }

            long now = _trusted ? _clock.UtcNow.Ticks : 0;
            target.LastBlockTicks = now;
            if (target.State == TargetState.Pending)
            {
                target.State = TargetState.Downloading;
                target.FirstBlockTicks = now;
                Persist();
            }
            else if (now - target.PersistedLastBlockTicks >= RetentionPolicy.LastBlockPersistTicks)
            {
                Persist();
            }
        }

        public void OnHardwareMismatch(ulong device)
        {
            Complete(device, TargetRule.HardwareVersionOutsideRange);
        }

        public void OnTransferFailed(ulong device)
        {
            Complete(device, TargetRule.ZigbeeRetriesExhausted);
        }

        /// <summary>
        /// A target left the network for good (its own Leave without rejoin, or the hub's). Only a download it had
        /// started fails (<see cref="TargetRule.LeftMidDownload"/>); a target that never started keeps its place, since
        /// it may join again and the 14-day rule decides for it.
        /// </summary>
        public void OnTargetLeft(ulong device)
        {
            StoredImage image;
            StoredTarget target = Find(device, out image);
            if (target != null && target.State == TargetState.Downloading)
            {
                Complete(device, TargetRule.LeftMidDownload);
            }
        }

        /// <summary>
        /// Upgrade End Request from a target. Returns whether a SUCCESS counts as a completed transfer (and so gets
        /// an Upgrade End Response): only after a download was seen, by the server or in the store's record.
        /// A repeated SUCCESS after the outcome was recorded is answered again but not reported twice.
        /// </summary>
        public bool OnUpgradeEnd(ulong device, byte status, bool downloadSeen)
        {
            StoredImage image;
            StoredTarget target = Find(device, out image);
            if (target == null)
            {
                return false;
            }

            if (target.State == TargetState.Done)
            {
                return status == 0 && target.Response == TransferResponse.FileTransferSuccess;
            }

            if (status != 0)
            {
                Complete(device, TargetRule.UpgradeEndOtherStatus);
                return false;
            }

            if (target.State != TargetState.Downloading && !downloadSeen)
            {
                return false;
            }

            Complete(device, TargetRule.UpgradeEndSuccess);
            return true;
        }

        /// <summary>The WAN set the wall clock: from now on time-based rules may run.</summary>
        public void OnClockSet()
        {
            long now = _clock.UtcNow.Ticks;
            if (!_trusted)
            {
                _trusted = true;
                _trustBaseTicks = now;
            }

            _state.LastTrustedTicks = now;
            Persist();
            CheckDeadlines();
        }

        /// <summary>Applies the 14-day and 24-hour rules at the current time and arms the next check.</summary>
        public void CheckDeadlines()
        {
            if (_deadlineTimer != null)
            {
                _deadlineTimer.Cancel();
                _deadlineTimer = null;
            }

            long nextDue = RetentionPolicy.LongestCheckIntervalMilliseconds;
            if (_trusted)
            {
                long now = _clock.UtcNow.Ticks;
                bool changed = false;
                for (int b = 0; b < 2; b++)
                {
                    StoredImage image = _state.Blocks[b];
                    if (image == null)
                    {
                        continue;
                    }

                    if (image.ArrivalTicks == 0)
                    {
                        image.ArrivalTicks = now;
                        changed = true;
                    }

                    for (int t = 0; t < image.Targets.Length; t++)
                    {
                        StoredTarget target = image.Targets[t];
                        long deadline;
                        TargetRule rule;
                        if (target.State == TargetState.Pending)
                        {
                            deadline = image.ArrivalTicks + RetentionPolicy.NeverStartedTicks;
                            rule = TargetRule.NotStartedWithin14Days;
                        }
                        else if (target.State == TargetState.Downloading)
                        {
                            long lastHeard = target.LastBlockTicks > _trustBaseTicks ? target.LastBlockTicks : _trustBaseTicks;
                            deadline = lastHeard + RetentionPolicy.StalledTicks;
                            rule = TargetRule.NoBlockRequestFor24Hours;
                        }
                        else
                        {
                            continue;
                        }

                        if (now >= deadline)
                        {
                            Finish(image, target, rule);
                            changed = true;
                        }
                        else
                        {
                            long dueMs = ((deadline - now) / 10000) + 1;
                            nextDue = dueMs < nextDue ? dueMs : nextDue;
                        }
                    }
                }

                if (changed)
                {
                    FreeFinishedBlocks();
                    Persist();
                }
            }

            _deadlineTimer = _clock.StartTimer(nextDue, _onDeadlineTimer, null);
        }

        private IngestResult Arrive(IngestRecord ingest, OtaFile file)
        {
            int block = ArrivalRules.BlockFor(ingest.Kind);
            ArrivalDecision decision = ArrivalRules.Decide(_state.Blocks[block], ingest.Kind, _clock.UtcNow.Ticks, _trusted);
            if (decision.Verdict == ArrivalVerdict.Refuse)
            {
                for (int i = 0; i < ingest.Targets.Length; i++)
                {
                    AddOutcome(ingest.Targets[i], TargetRule.DisplacedOrRefused, ingest.FileVersion);
                }

                DropIngest();
                return new IngestResult(IngestStatus.Refused, "refused: " + decision.Rule, 0);
            }

            StoredImage held = _state.Blocks[block];
            if (held != null)
            {
                for (int t = 0; t < held.Targets.Length; t++)
                {
                    if (held.Targets[t].State != TargetState.Done)
                    {
                        Finish(held, held.Targets[t], TargetRule.DisplacedOrRefused);
                    }
                }

                _slotsToErase.Add(held.Slot);
            }

            StoredImage image = new StoredImage();
            image.Slot = ingest.Slot;
            image.Kind = ingest.Kind;
            image.Size = ingest.Size;
            Array.Copy(ingest.Sha256, image.Sha256, 32);
            image.ManufacturerCode = file.Header.ManufacturerCode;
            image.ImageType = file.Header.ImageType;
            image.FileVersion = file.Header.FileVersion;
            image.ArrivalTicks = _trusted ? _clock.UtcNow.Ticks : 0;
            image.Targets = new StoredTarget[ingest.Targets.Length];
            for (int i = 0; i < ingest.Targets.Length; i++)
            {
                image.Targets[i] = new StoredTarget();
                image.Targets[i].Device = ingest.Targets[i];
            }

            _state.Blocks[block] = image;
            _state.Ingest = null;
            _offers[block] = new OtaOffer(file, image.Kind);
            Persist();
            CheckDeadlines();
            if (Listener != null)
            {
                Listener.ImageStored(image);
            }

            return new IngestResult(IngestStatus.Stored, "stored in the " + (block == StoreState.EsmeBlock ? "ESME" : "GSME") + " block (" + decision.Rule + ")", ingest.Size);
        }

        private void Complete(ulong device, TargetRule rule)
        {
            StoredImage image;
            StoredTarget target = Find(device, out image);
            if (target == null || target.State == TargetState.Done)
            {
                return;
            }

            Finish(image, target, rule);
            FreeFinishedBlocks();
            Persist();
        }

        private void Finish(StoredImage image, StoredTarget target, TargetRule rule)
        {
            target.State = TargetState.Done;
            target.Response = rule.ResponseCode;
            AddOutcome(target.Device, rule, image.FileVersion);
        }

        private void AddOutcome(ulong device, TargetRule rule, uint fileVersion)
        {
            TargetOutcome outcome = new TargetOutcome();
            outcome.Number = _state.NextOutcomeNumber++;
            outcome.Device = device;
            outcome.AlertCode = rule.AlertCode;
            outcome.ResponseCode = rule.ResponseCode;
            outcome.FileVersion = fileVersion;
            outcome.Ticks = _clock.UtcNow.Ticks;
            _state.Outcomes.Add(outcome);
        }

        /// <summary>An image with no target left to serve leaves its block; its slot is erased after the record that frees it.</summary>
        private void FreeFinishedBlocks()
        {
            for (int b = 0; b < 2; b++)
            {
                StoredImage image = _state.Blocks[b];
                if (image != null && image.AllDone)
                {
                    _state.Blocks[b] = null;
                    _offers[b] = null;
                    _slotsToErase.Add(image.Slot);
                }
            }
        }

        /// <summary>Writes the whole state, then does what the record made safe: hand outcomes over, erase freed slots.</summary>
        private void Persist()
        {
            if (_state.Outcomes.Count > StoreStateCodec.MaximumPendingOutcomes)
            {
                throw new InvalidOperationException("More than " + StoreStateCodec.MaximumPendingOutcomes.ToString() + " outcomes wait for the alert queue");
            }

            int length = StoreStateCodec.Encode(_state, _payload, 0);
            _log.Append(_payload, length);
            PrepareNextMetadataSector();
            for (int b = 0; b < 2; b++)
            {
                StoredImage image = _state.Blocks[b];
                for (int t = 0; image != null && t < image.Targets.Length; t++)
                {
                    image.Targets[t].PersistedLastBlockTicks = image.Targets[t].LastBlockTicks;
                }
            }

            HandOverOutcomes();
            while (_slotsToErase.Count > 0)
            {
                int slot = (byte)_slotsToErase[0];
                _slotsToErase.RemoveAt(0);
                if (!_state.SlotInUse(slot))
                {
                    // In main-loop steps: a Set Time months ahead may free both blocks, 376 sectors.
                    _eraser.Queue(slot, 0);
                    _work.Add(_eraser);
                }
            }
        }

        private void HandOverOutcomes()
        {
            for (int i = 0; i < _state.Outcomes.Count; i++)
            {
                TargetOutcome outcome = (TargetOutcome)_state.Outcomes[i];
                if (outcome.Number > _sink.AcceptedThrough)
                {
                    _sink.Accept(outcome);
                }
            }

            for (int i = _state.Outcomes.Count - 1; i >= 0; i--)
            {
                if (((TargetOutcome)_state.Outcomes[i]).Number <= _sink.AcceptedThrough)
                {
                    _state.Outcomes.RemoveAt(i);
                }
            }
        }

        private void DropIngest()
        {
            _state.Ingest = null;
            _ingestWritten = 0;
            _work.Remove(_hasher);
            _hasher.Restart(0);
            Persist();
        }

        /// <summary>Erases a sector unless it is already blank: blank sectors cost a read, not an erase cycle.</summary>
        private void EraseIfNeeded(int sectorAddress)
        {
            for (int at = sectorAddress; at < sectorAddress + _layout.SectorSize; at += _page.Length)
            {
                _flash.Read(at, _page, 0, _page.Length);
                _meter.BlankCheckBytes += _page.Length;
                for (int i = 0; i < _page.Length; i++)
                {
                    if (_page[i] != 0xFF)
                    {
                        _flash.EraseSector(sectorAddress);
                        return;
                    }
                }
            }
        }

        private int FreeSlot()
        {
            for (int slot = 0; slot < FlashLayout.SlotCount; slot++)
            {
                if (!_state.SlotInUse(slot))
                {
                    return slot;
                }
            }

            throw new InvalidOperationException("No free image slot: two blocks and a transfer already use all three");
        }

        private StoredTarget Find(ulong device, out StoredImage image)
        {
            for (int b = 0; b < 2; b++)
            {
                image = _state.Blocks[b];
                StoredTarget target = image == null ? null : image.Target(device);
                if (target != null)
                {
                    return target;
                }
            }

            image = null;
            return null;
        }

        private void OnDeadlineTimer(object state)
        {
            _deadlineTimer = null;
            CheckDeadlines();
        }

        private string ValidateDeclaration(OtaDeviceKind kind, ulong[] targets, int size, byte[] sha256)
        {
            if ((int)kind < 0 || (int)kind > 3)
            {
                return "unknown device type " + ((int)kind).ToString() + ": expected ESME, GSME, PPMID or HCALCS";
            }

            if (size > _layout.ImageCapacity)
            {
                return "the image is " + size.ToString() + " bytes; a block holds at most " + _layout.ImageCapacity.ToString() + " bytes";
            }

            if (size < OtaHeader.FixedLength)
            {
                return "the image is " + size.ToString() + " bytes, too small for an OTA header";
            }

            if (sha256 == null || sha256.Length != 32)
            {
                return "the SHA-256 must be 32 bytes";
            }

            if (targets == null || targets.Length == 0)
            {
                return "the image names no target device";
            }

            if (targets.Length > StoreStateCodec.MaximumTargets)
            {
                return "the image names " + targets.Length.ToString() + " targets; at most " + StoreStateCodec.MaximumTargets.ToString() + " are allowed";
            }

            for (int i = 0; i < targets.Length; i++)
            {
                if (targets[i] == 0 || targets[i] == 0xFFFFFFFFFFFFFFFF)
                {
                    return "target " + Eui64.FromValue(targets[i]).ToString() + " is not a device EUI-64";
                }

                for (int j = 0; j < i; j++)
                {
                    if (targets[j] == targets[i])
                    {
                        return "target " + Eui64.FromValue(targets[i]).ToString() + " is listed twice";
                    }
                }
            }

            return null;
        }

        private static bool SameTargets(StoredImage image, ulong[] targets)
        {
            if (image.Targets.Length != targets.Length)
            {
                return false;
            }

            for (int i = 0; i < targets.Length; i++)
            {
                if (image.Targets[i].Device != targets[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static string FirstError(OtaFile file)
        {
            for (int i = 0; i < file.DiagnosticCount; i++)
            {
                if (file.Diagnostic(i).Severity == OtaSeverity.Error)
                {
                    return "not a servable OTA file: " + file.Diagnostic(i).Message;
                }
            }

            return file.IsServable ? null : "not a servable OTA file";
        }
    }
}
