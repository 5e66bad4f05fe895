using System.Collections;
using CommsHub.Crypto;
using CommsHub.Platform;

namespace CommsHub.Alerts
{
    /// <summary>
    /// Outcomes waiting to go upstream as alerts, kept in the alert-queue flash region as fixed 64-byte records
    /// with a CRC, written in order. Accepting an outcome means it is in flash. The head-end's acknowledgement
    /// clears a flag byte in the outcome's own record (NOR programming only clears bits: no erase, no extra
    /// space), so an alert stays queued until acknowledged across any reboot. The ring only reuses a sector
    /// whose outcomes have all been acknowledged.
    /// </summary>
    public sealed class OutcomeQueue : IOutcomeSink
    {
        public const int RecordLength = 64;
        private const uint Magic = 0x4C414843;
        private const int AcknowledgedFlag = 40;

        private readonly INorFlash _flash;
        private readonly int _start;
        private readonly int _length;
        private readonly byte[] _record = new byte[RecordLength];
        private readonly byte[] _probe = new byte[RecordLength];
        private readonly ArrayList _outcomes = new ArrayList();
        private readonly byte[] _cleared = new byte[] { 0x00 };
        private int _append;
        private uint _acceptedThrough;

        public OutcomeQueue(INorFlash flash, int start, int length)
        {
            _flash = flash;
            _start = start;
            _length = length;
        }

        public uint AcceptedThrough
        {
            get { return _acceptedThrough; }
        }

        public int Count
        {
            get { return _outcomes.Count; }
        }

        public TargetOutcome Outcome(int index)
        {
            return (TargetOutcome)_outcomes[index];
        }

        /// <summary>Outcomes the head-end has not acknowledged yet.</summary>
        public int UnacknowledgedCount
        {
            get
            {
                int count = 0;
                for (int i = 0; i < _outcomes.Count; i++)
                {
                    count += IsAcknowledged(((TargetOutcome)_outcomes[i]).Number) ? 0 : 1;
                }

                return count;
            }
        }

        /// <summary>The oldest unacknowledged outcome numbered above <paramref name="after"/>, or null.</summary>
        public TargetOutcome NextUnacknowledged(uint after)
        {
            for (int i = 0; i < _outcomes.Count; i++)
            {
                TargetOutcome o = (TargetOutcome)_outcomes[i];
                if (o.Number > after && !IsAcknowledged(o.Number))
                {
                    return o;
                }
            }

            return null;
        }

        public bool IsAcknowledged(uint number)
        {
            TargetOutcome outcome = Find(number);
            return outcome != null && outcome.Acknowledged;
        }

        private TargetOutcome Find(uint number)
        {
            for (int i = 0; i < _outcomes.Count; i++)
            {
                TargetOutcome o = (TargetOutcome)_outcomes[i];
                if (o.Number == number)
                {
                    return o;
                }
            }

            return null;
        }

        /// <summary>The head-end has the alert for this outcome; recorded in flash so it is never sent again.</summary>
        public void Acknowledge(uint number)
        {
            TargetOutcome outcome = Find(number);
            if (outcome == null || outcome.Acknowledged)
            {
                return;
            }

            _flash.ProgramPage(outcome.QueueAddress + AcknowledgedFlag, _cleared, 0, 1);
            outcome.Acknowledged = true;
        }

        public void Mount()
        {
            _outcomes.Clear();
            _acceptedThrough = 0;
            int newestAt = -1;
            for (int at = _start; at < _start + _length; at += RecordLength)
            {
                _flash.Read(at, _record, 0, RecordLength);
                TargetOutcome outcome = Decode(_record);
                if (outcome == null)
                {
                    continue;
                }

                outcome.QueueAddress = at;

                // Any cleared bit counts: an acknowledgement cut short by a power loss was still sent by the head-end.
                outcome.Acknowledged = _record[AcknowledgedFlag] != 0xFF;

                _outcomes.Add(outcome);
                if (outcome.Number > _acceptedThrough)
                {
                    // Numbers grow with every write, so the highest marks where writing stopped, even after the ring wrapped.
                    _acceptedThrough = outcome.Number;
                    newestAt = at;
                }
            }

            SortByNumber();
            _append = newestAt < 0 ? _start : newestAt + RecordLength;
        }

        public void Accept(TargetOutcome outcome)
        {
            if (outcome.Number <= _acceptedThrough)
            {
                // Already in flash from before a power cut: accepting again would report it twice.
                return;
            }

            Encode(outcome, _record);
            int at = PlaceRecord();
            _flash.ProgramPage(at, _record, 0, RecordLength);
            _append = at + RecordLength;
            outcome.QueueAddress = at;
            _acceptedThrough = outcome.Number;
            _outcomes.Add(outcome);
        }

        private int PlaceRecord()
        {
            int sector = _flash.SectorSize;
            int at = _append;
            for (int guard = 0; guard <= _length / RecordLength; guard++)
            {
                if (at >= _start + _length)
                {
                    at = _start;
                }

                if (IsBlank(at))
                {
                    return at;
                }

                if ((at - _start) % sector == 0)
                {
                    if (SectorHoldsUnacknowledged(at, sector))
                    {
                        at += sector;
                        continue;
                    }

                    _flash.EraseSector(at);
                    return at;
                }

                at += RecordLength;
            }

            throw new System.InvalidOperationException("The alert queue is full of alerts the head-end has not acknowledged");
        }

        private bool SectorHoldsUnacknowledged(int sectorStart, int sectorSize)
        {
            for (int at = sectorStart; at < sectorStart + sectorSize; at += RecordLength)
            {
                _flash.Read(at, _probe, 0, RecordLength);
                TargetOutcome outcome = Decode(_probe);
                if (outcome != null && !IsAcknowledged(outcome.Number))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsBlank(int at)
        {
            // Its own buffer: the record waiting to be programmed lives in _record.
            _flash.Read(at, _probe, 0, RecordLength);
            for (int i = 0; i < RecordLength; i++)
            {
                if (_probe[i] != 0xFF)
                {
                    return false;
                }
            }

            return true;
        }

        private void SortByNumber()
        {
            for (int i = 1; i < _outcomes.Count; i++)
            {
                object item = _outcomes[i];
                uint number = ((TargetOutcome)item).Number;
                int j = i - 1;
                while (j >= 0 && ((TargetOutcome)_outcomes[j]).Number > number)
                {
                    _outcomes[j + 1] = _outcomes[j];
                    j--;
                }

                _outcomes[j + 1] = item;
            }
        }

        private static void Encode(TargetOutcome o, byte[] r)
        {
            for (int i = 0; i < RecordLength; i++)
            {
                r[i] = 0xFF;
            }

            Put(r, 0, Magic, 4);
            Put(r, 4, o.Number, 4);
            Put(r, 8, o.Device, 8);
            Put(r, 16, o.AlertCode, 2);
            r[18] = o.ResponseCode;
            r[19] = 0;
            Put(r, 20, o.FileVersion, 4);
            Put(r, 24, (ulong)o.Ticks, 8);
            Put(r, 32, Crc32.Compute(r, 0, 32), 4);
        }

        private static TargetOutcome Decode(byte[] r)
        {
            if (Get(r, 0, 4) != Magic || Get(r, 32, 4) != Crc32.Compute(r, 0, 32))
            {
                return null;
            }

            TargetOutcome o = new TargetOutcome();
            o.Number = (uint)Get(r, 4, 4);
            o.Device = Get(r, 8, 8);
            o.AlertCode = (ushort)Get(r, 16, 2);
            o.ResponseCode = r[18];
            o.FileVersion = (uint)Get(r, 20, 4);
            o.Ticks = (long)Get(r, 24, 8);
            return o;
        }

        private static void Put(byte[] r, int at, ulong value, int bytes)
        {
            for (int i = 0; i < bytes; i++)
            {
                r[at + i] = (byte)(value >> (8 * i));
            }
        }

        private static ulong Get(byte[] r, int at, int bytes)
        {
            ulong value = 0;
            for (int i = 0; i < bytes; i++)
            {
                value |= (ulong)r[at + i] << (8 * i);
            }

            return value;
        }
    }
}
