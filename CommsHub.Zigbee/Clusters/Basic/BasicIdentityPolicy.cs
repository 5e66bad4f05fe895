namespace CommsHub.Clusters.Basic
{
    /// <summary>
    /// [decision] How the hub presents itself in the Basic cluster. The SE 1.4 profile builds on ZCL revision 6,
    /// whose ZCLVersion value is 0x02; a CH is mains powered (single phase). The strings name this firmware; a
    /// production build would carry the manufacturer's registered name and its own build id.
    /// </summary>
    public static class BasicIdentityPolicy
    {
        public const byte ZclVersion = 0x02;
        public const byte PowerSourceMainsSinglePhase = 0x01;
        public const string ManufacturerName = "CommsHub";
        public const string ModelIdentifier = "CommsHub CH";
        public const string DateCode = "20261201";
        public const string SoftwareBuildId = "commshub-1.0";
    }
}
