namespace CommsHub.Aps
{
    /// <summary>
    /// [decision] The hub's Smart Energy application endpoint and what it serves on profile 0x0109. Endpoint 1 is
    /// where GB devices look first; ZDO Match_Desc answers with it.
    /// </summary>
    public static class SmartEnergyEndpoint
    {
        public const byte Endpoint = 1;

        public const ushort Profile = 0x0109;

        public const ushort BasicCluster = 0x0000;

        public const ushort TimeCluster = 0x000A;

        public const ushort OtaCluster = 0x0019;

        public const ushort KeepAliveCluster = 0x0025;

        public const ushort KeyEstablishmentCluster = 0x0800;

        /// <summary>The server clusters of the endpoint, as its simple descriptor lists them.</summary>
        public static readonly ushort[] ServerClusters = new ushort[] { BasicCluster, TimeCluster, OtaCluster, KeepAliveCluster, KeyEstablishmentCluster };

        public static bool ServesCluster(ushort cluster)
        {
            for (int i = 0; i < ServerClusters.Length; i++)
            {
                if (ServerClusters[i] == cluster)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
