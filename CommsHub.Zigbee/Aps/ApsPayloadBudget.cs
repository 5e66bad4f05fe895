namespace CommsHub.Aps
{
    /// <summary>
    /// How many bytes of APS payload fit in one unfragmented frame to a device, from the 127-byte 802.15.4
    /// PHY packet down: the OTA server sizes its blocks with this so no response ever needs fragmentation.
    /// </summary>
    public static class ApsPayloadBudget
    {
        /// <summary>aMaxPHYPacketSize.</summary>
        public const int PhyPacket = 127;

        /// <summary>Data frame, short source and destination, PAN id compression: control 2, sequence 1, PAN 2, addresses 4; FCS 2.</summary>
        public const int MacOverhead = 9 + 2;

        /// <summary>NWK frame control 2, destination 2, source 2, radius 1, sequence 1.</summary>
        public const int NwkHeader = 8;

        /// <summary>NWK auxiliary header (control 1, frame counter 4, source EUI-64 8, key sequence 1) and 4-byte MIC.</summary>
        public const int NwkSecurity = 14 + 4;

        /// <summary>Source route subframe: relay count 1, relay index 1, then 2 bytes per relay.</summary>
        public const int SourceRouteFixed = 2;

        public const int SourceRoutePerRelay = 2;

        /// <summary>APS frame control 1, endpoints 2, cluster 2, profile 2, counter 1.</summary>
        public const int ApsHeader = 8;

        /// <summary>APS auxiliary header with a link key and no extended nonce (control 1, frame counter 4) and 4-byte MIC.</summary>
        public const int ApsSecurity = 5 + 4;

        public static int Compute(bool nwkSecurity, bool apsSecurity, int sourceRouteRelays)
        {
            int budget = PhyPacket - MacOverhead - NwkHeader - ApsHeader;
            if (nwkSecurity)
            {
                budget -= NwkSecurity;
            }

            if (apsSecurity)
            {
                budget -= ApsSecurity;
            }

            if (sourceRouteRelays > 0)
            {
                budget -= SourceRouteFixed + (SourceRoutePerRelay * sourceRouteRelays);
            }

            return budget;
        }
    }
}
