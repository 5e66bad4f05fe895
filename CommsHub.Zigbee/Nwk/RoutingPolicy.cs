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
