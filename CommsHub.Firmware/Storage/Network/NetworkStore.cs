using CommsHub.Nwk;
using CommsHub.Platform;

namespace CommsHub.Storage.Network
{
    /// <summary>
    /// The network in flash: its parameters and network key in one pair of sectors, and the outgoing NWK frame
    /// counter in another. The counter is handed out from blocks reserved ahead: before the first value of a block
    /// is used, the block's end is written as the new "next block start"; at boot counting resumes there. A value
    /// is therefore used only after a record that covers it is complete, and a reboot never goes back.
    /// </summary>
    public sealed class NetworkStore : INwkFrameCounter
    {
        /// <summary>Sectors the store uses: two for the parameters, two for the frame counter, two for the device table.</summary>
        public const int Sectors = 4 + DeviceTableStore.Sectors;

        private const uint ParametersMagic = 0x4B574E50;
        private const uint CounterMagic = 0x4B574E43;

        private readonly RecordPair _parameters;
        private readonly RecordPair _counter;
        private readonly byte[] _parametersBody;
        private readonly byte[] _counterBody;
        private uint _next;
        private uint _reservedUntil;

        public NetworkStore(INorFlash flash, int start)
        {
            _parameters = new RecordPair(flash, start, 64, ParametersMagic);
            _counter = new RecordPair(flash, start + (2 * flash.SectorSize), 16, CounterMagic);
            _parametersBody = new byte[_parameters.BodyLength];
            _counterBody = new byte[_counter.BodyLength];
            Devices = new DeviceTableStore(flash, start + (4 * flash.SectorSize));
        }

        /// <summary>The hub's children, their incoming counters and link keys (mounted with the rest).</summary>
        public DeviceTableStore Devices { get; private set; }

        /// <summary>After <see cref="Mount"/>: the stored network, or null when the hub has not formed one yet.</summary>
        public NetworkParameters Network { get; private set; }

        /// <summary>What was wrong with a stored record that could not be used, or null.</summary>
        public string Problem { get; private set; }

        /// <summary>The next outgoing frame counter value to hand out.</summary>
        public uint NextCounter
        {
            get { return _next; }
        }

        /// <summary>Blocks reserved since mount (each one a flash record).</summary>
        public int BlocksReserved { get; private set; }

        public int CounterErases
        {
            get { return _counter.Erases; }
        }

        public void Mount()
        {
            Problem = null;
            Network = null;
            if (_parameters.Mount(_parametersBody))
            {
                NetworkParameters p = new NetworkParameters();
                string problem = p.Decode(_parametersBody, 0);
                if (problem == null)
                {
                    Network = p;
                }
                else
                {
                    Problem = problem;
                }
            }

            _next = 0;
            if (_counter.Mount(_counterBody))
            {
                _next = LittleEndian.U32(_counterBody, 0);
            }

            // Nothing from here on is reserved until a record says so.
            _reservedUntil = _next;
            Devices.Mount();
        }

        /// <summary>Keeps a new or changed network (formation, key rotation).</summary>
        public void Save(NetworkParameters network)
        {
            for (int i = 0; i < _parametersBody.Length; i++)
            {
                _parametersBody[i] = 0xFF;
            }

            network.Encode(_parametersBody, 0);
            _parameters.Write(_parametersBody);
            Network = network;
        }

        public bool TryNext(out uint counter)
        {
            counter = 0;
            if (_next >= FrameCounterPolicy.ExhaustedAt)
            {
                return false;
            }

            if (_next >= _reservedUntil)
            {
                uint until = _next + FrameCounterPolicy.BlockSize;
                LittleEndian.PutU32(_counterBody, 0, until);
                _counter.Write(_counterBody);
                _reservedUntil = until;
                BlocksReserved++;
            }

            counter = _next;
            _next++;
            return true;
        }
    }
}
