namespace CommsHub.Storage.Network
{
    /// <summary>
    /// [decision] How many devices the hub keeps in flash across reboots: as many as the MAC's child table and the trust
    /// centre's link key table hold (32). A device is kept while it is a child or has a link key; a further device is
    /// served until the next reboot but not kept, and the hub says so. 32 device records and a commit fill half of a
    /// sector, so a full table still leaves 31 appends between sector erases.
    /// </summary>
    public static class DeviceTablePolicy
    {
        public const int Capacity = 32;
    }
}
