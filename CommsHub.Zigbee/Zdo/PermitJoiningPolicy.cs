namespace CommsHub.Zdo
{
    /// <summary>
    /// [decision] Mgmt_Permit_Joining_req from a HAN device is refused with NOT_AUTHORIZED: in GB smart metering joining
    /// is opened only when the head-end adds a device to the Device Log over the WAN (GBCS CCS01 join_timeout), never
    /// by a device on the HAN. A broadcast request gets no answer (Zigbee: responses only to unicast requests).
    /// </summary>
    public static class PermitJoiningPolicy
    {
        public static bool Allowed(ushort source)
        {
            return false;
        }
    }
}
