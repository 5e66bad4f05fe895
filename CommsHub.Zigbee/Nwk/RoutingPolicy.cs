namespace CommsHub.Nwk
{
    /// <summary>
    /// [decision] How the hub keeps routes as the HAN's concentrator. It broadcasts a many-to-one Route Request
    /// without a route cache (many-to-one 2): routers then send a Route Record before their data to the hub, so the
    /// hub's bounded source route table refills itself whenever it had to drop a route. Periods follow common
    /// Zigbee PRO practice: link status every 15 s (nwkLinkStatusPeriod) with routers dropped after 3 silent periods
    /// (nwkRouterAgeLimit); a many-to-one request a minute, and one sooner (at most every 10 s) when a send found no route.
    /// </summary>
    public static class RoutingPolicy
    {
        public const long LinkStatusPeriodMilliseconds = 15000;

        /// <summary>
        /// [decision] A frame for a destination one relay away that does not fit with the source-route subframe goes
        /// without it, to the relay as its next hop: the relay is the hub's neighbour and delivers to its own children
        /// and neighbours without a route. The 4 bytes saved carry the suite 2 Initiate Key Establishment Response
        /// (81 bytes of ZCL, which Key Establishment sends without APS fragmentation) through one router, as GB HANs
        /// have a PPMID behind an ESME. Smaller frames keep the source route.
        /// </summary>
        public const int RelaysReachedWithoutSourceRoute = 1;

        public const int RouterAgeLimit = 3;

        public const long ConcentratorPeriodMilliseconds = 60000;

        public const long ConcentratorFirstMilliseconds = 5000;

        public const long ConcentratorSoonestMilliseconds = 10000;

        /// <summary>Many-to-one sub-field of the route request options: 2, no route record table at the senders' side.</summary>
        public const int ManyToOneNoRouteCache = 2;

        /// <summary>nwkConcentratorRadius.</summary>
        public const byte ConcentratorRadius = 10;

        /// <summary>
        /// Link cost 1 (best) to 7 from a frame's link quality (0-255): the specification leaves the mapping to the
        /// stack; a straight line over the chip's LQI is enough to prefer the better of two links.
        /// </summary>
        public static byte CostFromLinkQuality(byte linkQuality)
        {
            int cost = 7 - linkQuality / 40;
            return (byte)(cost < 1 ? 1 : cost);
        }
    }
}
