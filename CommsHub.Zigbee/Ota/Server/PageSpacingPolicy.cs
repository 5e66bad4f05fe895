using CommsHub.Aps;
using CommsHub.Ota.Frames;

namespace CommsHub.Ota.Server
{
    /// <summary>
    /// [decision] The server honours the ResponseSpacing an Image Page Request asks for, down to the time one Image
    /// Block Response to that device really holds the channel, and no lower. The next block cannot start before the
    /// last one has left the air and been acknowledged, so a smaller spacing delivers nothing sooner: it only fills
    /// the radio's transmit queue, which every other device's frames share. A fixed floor (it was 20 ms) made pages,
    /// at about 6 ms of channel time per block, slower than block requests. The time is that of IEEE 802.15.4-2006
    /// O-QPSK at 250 kbit/s: the mean first CSMA-CA backoff (macMinBE 3), the CCA and the turnaround to transmit;
    /// the PHY header and the frame as the stack sends it to this device (MAC header and FCS, NWK header and
    /// security, source route, APS header and security when the device's key asks for it, ZCL header, the block);
    /// the turnaround and the MAC acknowledgment. It is kept in microseconds: the page timer keeps the average
    /// pace exact although the clock counts milliseconds.
    /// </summary>
    public static class PageSpacingPolicy
    {
        /// <summary>62.5 ksymbol/s, 4 bits a symbol: an octet is two symbols.</summary>
        public const int SymbolMicroseconds = 16;

        public const int OctetMicroseconds = 2 * SymbolMicroseconds;

        /// <summary>Preamble 4, SFD 1, PHR 1.</summary>
        public const int PhyHeaderOctets = 6;

        /// <summary>aTurnaroundTime: receive to transmit, before a frame after its CCA and before an acknowledgment.</summary>
        public const int TurnaroundSymbols = 12;

        /// <summary>An acknowledgment frame: frame control 2, sequence 1, FCS 2.</summary>
        public const int AcknowledgmentOctets = 5;

        /// <summary>aUnitBackoffPeriod.</summary>
        public const int UnitBackoffSymbols = 20;

        /// <summary>CCA detection time.</summary>
        public const int CcaSymbols = 8;

        /// <summary>macMinBE, as the radio driver sets it: the first backoff is 0 to 2^3 - 1 unit periods.</summary>
        public const int MinimumBackoffExponent = 3;

        /// <summary>
        /// Octets of the PSDU (FCS included) that carries an Image Block Response of <paramref name="blockSize"/>
        /// bytes to a device whose APS payload budget is <paramref name="maximumApsPayload"/>: the budget is what
        /// <see cref="ApsPayloadBudget"/> left of the PHY packet after every header and MIC below the ZCL frame.
        /// </summary>
        public static int BlockResponseOctets(int maximumApsPayload, int blockSize)
        {
            return ApsPayloadBudget.PhyPacket - maximumApsPayload + OtaResponses.ImageBlockResponseOverhead + blockSize;
        }

        /// <summary>Channel time of one Image Block Response: CSMA-CA, the frame, its acknowledgment.</summary>
        public static int FloorMicroseconds(int maximumApsPayload, int blockSize)
        {
            int meanBackoffSymbols = (((1 << MinimumBackoffExponent) - 1) * UnitBackoffSymbols) / 2;
            int csma = (meanBackoffSymbols + CcaSymbols + TurnaroundSymbols) * SymbolMicroseconds;
            int frame = (PhyHeaderOctets + BlockResponseOctets(maximumApsPayload, blockSize)) * OctetMicroseconds;
            int acknowledgment = (TurnaroundSymbols * SymbolMicroseconds) + ((PhyHeaderOctets + AcknowledgmentOctets) * OctetMicroseconds);
            return csma + frame + acknowledgment;
        }

        /// <summary>
        /// The spacing a page is served at: what the client asked for, at most the maximum and never below the floor
        /// (settings that put the maximum under the floor still get the floor).
        /// </summary>
        public static int SpacingMicroseconds(int requestedMilliseconds, int floorMicroseconds, int maximumMilliseconds)
        {
            long requested = requestedMilliseconds * 1000L;
            long maximum = maximumMilliseconds * 1000L;
            long spacing = requested > maximum ? maximum : requested;
            return spacing < floorMicroseconds ? floorMicroseconds : (int)spacing;
        }
    }
}
