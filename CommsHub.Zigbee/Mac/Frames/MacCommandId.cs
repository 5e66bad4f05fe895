namespace CommsHub.Mac
{
    /// <summary>MAC command frame identifiers (IEEE 802.15.4-2006 table 82) the coordinator handles or sends.</summary>
    public static class MacCommandId
    {
        public const byte AssociationRequest = 0x01;
        public const byte AssociationResponse = 0x02;
        public const byte DisassociationNotification = 0x03;
        public const byte DataRequest = 0x04;
        public const byte PanIdConflictNotification = 0x05;
        public const byte OrphanNotification = 0x06;
        public const byte BeaconRequest = 0x07;
        public const byte CoordinatorRealignment = 0x08;
        public const byte GtsRequest = 0x09;
    }
}
