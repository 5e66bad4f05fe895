namespace CommsHub.Zdo
{
    /// <summary>
    /// [decision] A Mgmt_NWK_Update_req that asks for a channel change (scan duration 0xFE) or names a new network
    /// manager (0xFF) is refused: it is counted and nothing changes, and, as the Zigbee specification has no response
    /// for these, none is sent. The hub is the network manager of its HAN; it chose the channel at formation and keeps
    /// it in flash so a reboot resumes the network, and a sleepy GB device (a PPMID, a GSME) that misses the broadcast
    /// would be stranded on the old channel. An energy scan (durations 0 to 5) is answered.
    /// </summary>
    public static class ChannelChangePolicy
    {
        public const bool HonourChannelChange = false;

        /// <summary>Energy readings per channel per requested scan; the peak counts. Bounded so a full scan fits a main-loop turn.</summary>
        public const int SamplesPerScan = 1;

        /// <summary>Largest scan count answered (Zigbee: 0 to 5).</summary>
        public const int MaxScanCount = 5;
    }
}
