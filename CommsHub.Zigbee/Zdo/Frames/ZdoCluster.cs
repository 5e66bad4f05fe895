namespace CommsHub.Zdo
{
    /// <summary>ZDO cluster identifiers the hub serves (Zigbee specification 2.4.3 and 2.4.4); a response is the request | 0x8000.</summary>
    public static class ZdoCluster
    {
        public const ushort NwkAddrReq = 0x0000;
        public const ushort IeeeAddrReq = 0x0001;
        public const ushort NodeDescReq = 0x0002;
        public const ushort PowerDescReq = 0x0003;
        public const ushort SimpleDescReq = 0x0004;
        public const ushort ActiveEpReq = 0x0005;
        public const ushort MatchDescReq = 0x0006;
        public const ushort DeviceAnnce = 0x0013;
        public const ushort MgmtLqiReq = 0x0031;
        public const ushort MgmtRtgReq = 0x0032;
        public const ushort MgmtLeaveReq = 0x0034;
        public const ushort MgmtPermitJoiningReq = 0x0036;
        public const ushort MgmtNwkUpdateReq = 0x0038;

        public const ushort Response = 0x8000;

        /// <summary>ZDO status: success.</summary>
        public const byte Success = 0x00;
    }
}
