using CommsHub.Platform;
using CommsHub.Work;

namespace CommsHub.Storage
{
    /// <summary>
    /// Erases image slots a few kilobytes per main-loop step: blank-checks half a sector per step, starts the erase
    /// of a sector that is not blank and polls its completion in later steps instead of waiting. Slots are done in
    /// the order asked, each from a given offset. Progress lives only in RAM: a slot left half-erased by a power cut
    /// is no harm, because a transfer into it blank-checks each sector before writing (and erases it if needed).
    /// </summary>
    public sealed class SlotEraser : IWorkItem
    {
        private const int PagesPerStep = 8;

        private readonly INorFlash _flash;
        private readonly IBackgroundErase _background;
        private readonly FlashLayout _layout;
        private readonly byte[] _page;
        private readonly WorkMeter _meter;
        private readonly int[] _from = new int[FlashLayout.SlotCount];
        private readonly bool[] _queued = new bool[FlashLayout.SlotCount];
        private readonly int[] _erasedThrough = new int[FlashLayout.SlotCount];
        private int _current = -1;
        private int _sectorOffset;
        private int _pageInSector;
        private bool _erasing;
        private bool _rewind;
        private int _rewindTo;
        private int _sectorRequest = -1;
        private int _requestPage;
        private bool _erasingRequest;
        private IReclaimGuard _requestGuard;

        public SlotEraser(INorFlash flash, FlashLayout layout, WorkMeter meter)
        {
            _meter = meter;
            _flash = flash;
            _background = flash as IBackgroundErase;
            _layout = layout;
            _page = new byte[flash.PageSize];
        }

        public int LargestStepUnits
        {
            get
            {
                return (PagesPerStep * (WorkBudget.SpiTransactionUnits + ((_flash.PageSize + 4) * WorkBudget.SpiByteUnits) + (_flash.PageSize * WorkBudget.BlankCheckByteUnits)))
                    + (4 * WorkBudget.SpiTransactionUnits);
            }
        }

        /// <summary>Sectors erased so far, wear figure for tests and benchmarks.</summary>
        public int SectorsErased { get; private set; }

        public bool Pending
        {
            get { return _current >= 0 || _sectorRequest >= 0 || AnyQueued(); }
        }

        /// <summary>
        /// Also make one sector outside the slots blank (the metadata log's next sector), checking with
        /// <paramref name="guard"/> before each step that it may still be erased. One such request at a time.
        /// </summary>
        public void QueueSector(int address, IReclaimGuard guard)
        {
            if (_erasingRequest || _sectorRequest == address)
            {
                return;
            }

            _sectorRequest = address;
            _requestGuard = guard;
            _requestPage = 0;
        }

        /// <summary>An erase this eraser started is still running on the chip.</summary>
        public bool Erasing
        {
            get { return _erasing; }
        }

        /// <summary>Queues the slot to be blank from <paramref name="offset"/> (rounded down to a sector) to its end.</summary>
        public void Queue(int slot, int offset)
        {
            offset -= offset % _layout.SectorSize;
            if (_current == slot)
            {
                if (offset < _sectorOffset)
                {
                    // Go back once the sector in hand is done; until then nothing before it counts as blank.
                    _rewind = true;
                    _rewindTo = offset;
                    _erasedThrough[slot] = offset;
                }

                return;
            }

            _from[slot] = _queued[slot] && _from[slot] < offset ? _from[slot] : offset;
            _queued[slot] = true;
            _erasedThrough[slot] = _from[slot];
        }

        /// <summary>Stops work on a slot (something is about to write it); an erase already running finishes on the chip.</summary>
        public void Cancel(int slot)
        {
            _queued[slot] = false;
            if (_current == slot)
            {
                _current = -1;
                _rewind = false;
            }
        }

        /// <summary>How far from its start the slot is known blank, when it is being erased (or was, this session); else 0.</summary>
        public int ErasedThrough(int slot)
        {
            return _erasedThrough[slot];
        }

        /// <summary>True when the slot is queued or being erased.</summary>
        public bool Covers(int slot)
        {
            return _current == slot || _queued[slot];
        }

        public bool WaitsForHardware { get; private set; }

        public bool Step()
        {
            WaitsForHardware = false;
            if (_erasing)
            {
                if (_background.EraseBusy)
                {
                    WaitsForHardware = true;
                    return false;
                }

                _erasing = false;
                SectorsErased++;
                if (_erasingRequest)
                {
                    _erasingRequest = false;
                    _sectorRequest = -1;
                    return !Pending;
                }

                NextSector();
                return !Pending;
            }

            if (_sectorRequest >= 0)
            {
                return StepSectorRequest();
            }

            if (_current < 0 && !TakeNext())
            {
                return true;
            }

            if (_rewind)
            {
                _rewind = false;
                _sectorOffset = _rewindTo;
                _pageInSector = 0;
            }

            int sectorStart = _layout.SlotStart(_current) + _sectorOffset;
            for (int p = 0; p < PagesPerStep && _pageInSector * _page.Length < _layout.SectorSize; p++, _pageInSector++)
            {
                _flash.Read(sectorStart + (_pageInSector * _page.Length), _page, 0, _page.Length);
                _meter.BlankCheckBytes += _page.Length;
                for (int i = 0; i < _page.Length; i++)
                {
                    if (_page[i] != 0xFF)
                    {
                        Erase(sectorStart);
                        return false;
                    }
                }
            }

            if (_pageInSector * _page.Length >= _layout.SectorSize)
            {
                NextSector();
            }

            return !Pending;
        }

        private bool StepSectorRequest()
        {
            if (_requestGuard != null && !_requestGuard.MayErase(_sectorRequest))
            {
                // The log moved into it (it erased it itself): nothing left to do.
                _sectorRequest = -1;
                return !Pending;
            }

            for (int p = 0; p < PagesPerStep && _requestPage * _page.Length < _layout.SectorSize; p++, _requestPage++)
            {
                _flash.Read(_sectorRequest + (_requestPage * _page.Length), _page, 0, _page.Length);
                _meter.BlankCheckBytes += _page.Length;
                for (int i = 0; i < _page.Length; i++)
                {
                    if (_page[i] != 0xFF)
                    {
                        if (_background == null)
                        {
                            _flash.EraseSector(_sectorRequest);
                            SectorsErased++;
                            _sectorRequest = -1;
                            return !Pending;
                        }

                        _background.StartEraseSector(_sectorRequest);
                        _erasing = true;
                        _erasingRequest = true;
                        WaitsForHardware = true;
                        return false;
                    }
                }
            }

            if (_requestPage * _page.Length >= _layout.SectorSize)
            {
                _sectorRequest = -1;
            }

            return !Pending;
        }

        private void Erase(int sectorStart)
        {
            if (_background == null)
            {
                _flash.EraseSector(sectorStart);
                SectorsErased++;
                NextSector();
                return;
            }

            _background.StartEraseSector(sectorStart);
            _erasing = true;
            WaitsForHardware = true;
        }

        private void NextSector()
        {
            if (_current < 0)
            {
                return;
            }

            _sectorOffset += _layout.SectorSize;
            _pageInSector = 0;
            if (_rewind)
            {
                return;
            }

            _erasedThrough[_current] = _sectorOffset;
            if (_sectorOffset >= _layout.SlotLength)
            {
                _current = -1;
            }
        }

        private bool TakeNext()
        {
            for (int slot = 0; slot < FlashLayout.SlotCount; slot++)
            {
                if (_queued[slot])
                {
                    _queued[slot] = false;
                    _current = slot;
                    _sectorOffset = _from[slot];
                    _pageInSector = 0;
                    _rewind = false;
                    return true;
                }
            }

            return false;
        }

        private bool AnyQueued()
        {
            for (int slot = 0; slot < FlashLayout.SlotCount; slot++)
            {
                if (_queued[slot])
                {
                    return true;
                }
            }

            return false;
        }
    }
}
