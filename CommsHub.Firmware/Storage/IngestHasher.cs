using CommsHub.Crypto;
using CommsHub.Platform;
using CommsHub.Work;

namespace CommsHub.Storage
{
    /// <summary>
    /// The SHA-256 of the image being received, computed from what the receiving slot holds, two compressions per
    /// main-loop step (<see cref="ImageIntegrityPolicy"/>). It trails the writes and catches up between WAN frames;
    /// after a reboot it starts again from the slot's first byte, still in steps.
    /// </summary>
    public sealed class IngestHasher : IWorkItem
    {
        private const int BytesPerStep = 128;

        private readonly INorFlash _flash;
        private readonly SlotEraser _eraser;
        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _buffer = new byte[BytesPerStep];
        private int _slotStart;

        public IngestHasher(INorFlash flash, SlotEraser eraser, WorkMeter meter)
        {
            _flash = flash;
            _eraser = eraser;
            _sha.Meter = meter;
        }

        public int LargestStepUnits
        {
            get { return (2 * WorkBudget.Sha256BlockUnits) + WorkBudget.SpiTransactionUnits + ((BytesPerStep + 4) * WorkBudget.SpiByteUnits) + 600; }
        }

        /// <summary>Bytes from the slot start hashed so far.</summary>
        public int HashedThrough { get; private set; }

        /// <summary>Bytes from the slot start written so far: the hasher never reads past them.</summary>
        public int WrittenThrough { get; set; }

        public bool CaughtUp
        {
            get { return HashedThrough >= WrittenThrough; }
        }

        public void Restart(int slotStart)
        {
            _slotStart = slotStart;
            _sha.Reset();
            HashedThrough = 0;
            WrittenThrough = 0;
        }

        public bool WaitsForHardware { get; private set; }

        public bool Step()
        {
            WaitsForHardware = false;
            if (CaughtUp)
            {
                return true;
            }

            if (_eraser.Erasing)
            {
                // Reading now would wait for the erase inside this turn.
                WaitsForHardware = true;
                return false;
            }

            int count = WrittenThrough - HashedThrough < BytesPerStep ? WrittenThrough - HashedThrough : BytesPerStep;
            _flash.Read(_slotStart + HashedThrough, _buffer, 0, count);
            _sha.Update(_buffer, 0, count);
            HashedThrough += count;
            return CaughtUp;
        }

        /// <summary>The digest of everything written; call only when <see cref="CaughtUp"/>. Resets for the next image.</summary>
        public byte[] Finish()
        {
            byte[] hash = new byte[32];
            _sha.Finish(hash, 0);
            HashedThrough = 0;
            WrittenThrough = 0;
            return hash;
        }
    }
}
