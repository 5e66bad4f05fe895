namespace CommsHub.Zdo
{
    /// <summary>
    /// [decision] Who may tell the hub, or a device through it, to leave with Mgmt_Leave_req: only the trust centre
    /// itself (NWK address 0x0000, the hub). In a GB HAN a device leaves when the head-end removes it from the Device
    /// Log, which the trust centre carries out; a HAN device asking is refused with NOT_AUTHORIZED.
    /// </summary>
    public static class MgmtLeavePolicy
    {
        public const ushort TrustCentreAddress = 0x0000;

        public static bool Allowed(ushort source)
        {
            return source == TrustCentreAddress;
        }
    }
}
