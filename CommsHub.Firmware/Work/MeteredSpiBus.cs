using CommsHub.Platform;

namespace CommsHub.Work
{
    /// <summary>
    /// The flash's SPI bus with a meter on it: counts transactions and bytes, page programs (0x02) and sector erases
    /// (0x20), and notices when a turn waits for an erase: the erase both starts and ends in one turn, or the turn
    /// reads the busy status more than once while an erase runs. Knows nothing else of the chip.
    /// </summary>
    public sealed class MeteredSpiBus : ISpiBus
    {
        private const byte PageProgram = 0x02;
        private const byte SectorErase = 0x20;
        private const byte ReadStatus = 0x05;

        private readonly ISpiBus _bus;
        private readonly WorkMeter _meter;
        private bool _eraseRunning;
        private int _eraseStartTurn;
        private int _busyReadsTurn;
        private int _busyReads;
        private bool _waitCounted;

        public MeteredSpiBus(ISpiBus bus, WorkMeter meter)
        {
            _bus = bus;
            _meter = meter;
        }

        public void TransferFullDuplex(byte[] writeBuffer, byte[] readBuffer, int length)
        {
            _bus.TransferFullDuplex(writeBuffer, readBuffer, length);
            _meter.SpiTransactions++;
            _meter.SpiBytes += length;
            byte instruction = length > 0 ? writeBuffer[0] : (byte)0;
            if (instruction == PageProgram)
            {
                _meter.PagePrograms++;
            }
            else if (instruction == SectorErase)
            {
                _meter.SectorErasesStarted++;
                _eraseRunning = true;
                _eraseStartTurn = _meter.Turn;
                _waitCounted = false;
            }
            else if (instruction == ReadStatus && _eraseRunning && readBuffer != null && length >= 2)
            {
                if (_busyReadsTurn != _meter.Turn)
                {
                    _busyReadsTurn = _meter.Turn;
                    _busyReads = 0;
                }

                bool busy = (readBuffer[1] & 0x01) != 0;
                if (busy)
                {
                    _busyReads++;
                    if (_busyReads > 1)
                    {
                        CountWait();
                    }
                }
                else
                {
                    _eraseRunning = false;
                    if (_eraseStartTurn == _meter.Turn)
                    {
                        CountWait();
                    }
                }
            }
        }

        private void CountWait()
        {
            if (!_waitCounted)
            {
                _waitCounted = true;
                _meter.SectorErasesWaited++;
            }
        }
    }
}
