using CommsHub.Platform;

namespace CommsHub.Hub
{
    /// <summary>
    /// [decision] How the hub forms its HAN at boot until the NWK layer persists network parameters: scan
    /// every 2.4 GHz channel for energy and take the quietest; derive the PAN id from the hub's EUI-64 so it is
    /// the same across reboots; joining closed until the head-end opens it.
    /// </summary>
    public static class HanNetworkPolicy
    {
        /// <summary>Channels 11 to 26 (bit n = channel n).</summary>
        public const int ChannelMask = 0x07FFF800;

        /// <summary>Energy readings per channel; the peak counts, so a bursty neighbour is not missed.</summary>
        public const int EnergySamplesPerChannel = 8;

        public const bool PermitJoiningAtBoot = false;

        public static ushort PanIdFor(Eui64 hub)
        {
            ulong v = hub.Value;
            ushort pan = (ushort)(v ^ (v >> 16) ^ (v >> 32) ^ (v >> 48));

            // 0xFFFF is the broadcast PAN id and never a network's own.
            return pan == 0xFFFF ? (ushort)0xFFFE : pan;
        }
    }
}
