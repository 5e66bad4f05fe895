using CommsHub.Aps;

namespace CommsHub.Endpoints
{
    /// <summary>
    /// [decision] Which Smart Energy clusters demand APS security under a device's authorised (CBKE) link key. Once a
    /// device holds one, OTA, Time and Keep-Alive frames from it are taken only APS-secured, and the hub answers them
    /// APS-secured. Key Establishment cannot (it makes the key) and Basic need not (it says only who the hub is). A
    /// device that has not completed CBKE is served under NWK security alone until <see cref="CbkeDeadlinePolicy"/>
    /// sends it away.
    /// </summary>
    public static class SmartEnergySecurityPolicy
    {
        public static bool RequiresApsSecurity(ushort cluster)
        {
            return cluster == SmartEnergyEndpoint.OtaCluster || cluster == SmartEnergyEndpoint.TimeCluster
                || cluster == SmartEnergyEndpoint.KeepAliveCluster;
        }
    }
}
