namespace CommsHub.Aps
{
    /// <summary>
    /// [decision] The APS payload an OTA response to a device may fill: NWK security always, APS security when the
    /// device's own OTA requests come APS-secured (a GB device after key establishment), and source-route relays.
    /// Without a known route (a neighbour), no relay is assumed; a device behind routers gets the room its source
    /// route's relay list takes off the frame.
    /// </summary>
    public static class ApsOtaBudgetPolicy
    {
        public const int AssumedSourceRouteRelays = 0;

        public static int PayloadFor(bool apsSecurity)
        {
            return ApsPayloadBudget.Compute(true, apsSecurity, AssumedSourceRouteRelays);
        }

        public static int PayloadFor(bool apsSecurity, int sourceRouteRelays)
        {
            return ApsPayloadBudget.Compute(true, apsSecurity, sourceRouteRelays);
        }
    }
}
