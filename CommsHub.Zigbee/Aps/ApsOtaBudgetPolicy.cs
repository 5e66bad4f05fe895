namespace CommsHub.Aps
{
    /// <summary>
    /// [decision] The APS payload an OTA response to a device may fill: NWK security always, APS security when the
    /// device's own OTA requests come APS-secured (a GB device after key establishment), and source-route relays.
    /// The NWK layer cannot yet tell how many relays a route to a device has, so none is assumed: a device behind
    /// routers would be served blocks that the NWK layer refuses as too long until it can.
    /// </summary>
    public static class ApsOtaBudgetPolicy
    {
        public const int AssumedSourceRouteRelays = 0;

        public static int PayloadFor(bool apsSecurity)
        {
            return ApsPayloadBudget.Compute(true, apsSecurity, AssumedSourceRouteRelays);
        }
    }
}
