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

        public const ushort OtaCluster = 0x0019;
    }
}
