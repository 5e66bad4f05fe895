namespace CommsHub.Mac
{
    /// <summary>Capability Information field of an Association Request (IEEE 802.15.4-2006 7.3.1.2).</summary>
    public static class CapabilityInformation
    {
        public const byte AlternatePanCoordinator = 0x01;
        public const byte FullFunctionDevice = 0x02;
        public const byte MainsPowered = 0x04;
        public const byte ReceiverOnWhenIdle = 0x08;
        public const byte SecurityCapable = 0x40;
        public const byte AllocateAddress = 0x80;
    }

    /// <summary>Association Status values of the Association Response command.</summary>
    public static class AssociationStatus
    {
        public const byte Successful = 0x00;
        public const byte PanAtCapacity = 0x01;
        public const byte PanAccessDenied = 0x02;
    }
}
