namespace CommsHub.Zdo
{
    /// <summary>
    /// One ZDO request or response (Zigbee specification 2.4.3/2.4.4), every cluster the hub handles in one
    /// reusable holder; <see cref="ZdoCodec"/> lists which fields each cluster uses. Tables (Mgmt_Lqi and
    /// Mgmt_Rtg entries, energy values) are kept as their bytes in <see cref="Table"/>.
    /// </summary>
    public sealed class ZdoFrame
    {
        public const int MaxList = 32;
        public const int MaxTable = 80;
        public const int NodeDescriptorLength = 13;

        public ZdoFrame()
        {
            List = new ushort[MaxList];
            Table = new byte[MaxTable];
            NodeDescriptor = new byte[NodeDescriptorLength];
        }

        /// <summary>The ZDO transaction sequence number, first byte of every ZDO frame.</summary>
        public byte Sequence { get; set; }

        public byte Status { get; set; }

        /// <summary>IEEE address: of interest (NWK_addr_req), of the remote device (responses), announced, leaving.</summary>
        public ulong Ieee { get; set; }

        /// <summary>NWK address: of interest (requests), of the remote device (responses), announced.</summary>
        public ushort Address { get; set; }

        public byte RequestType { get; set; }

        public byte StartIndex { get; set; }

        public byte Endpoint { get; set; }

        public ushort Profile { get; set; }

        public ushort DeviceId { get; set; }

        public byte DeviceVersion { get; set; }

        /// <summary>Device_annce capability; Mgmt_Leave flags (bit 6 remove children, bit 7 rejoin).</summary>
        public byte Capability { get; set; }

        public byte[] NodeDescriptor { get; private set; }

        /// <summary>Power descriptor: two bytes, little-endian.</summary>
        public ushort PowerDescriptor { get; set; }

        /// <summary>Simple descriptor and Match_Desc_req: input clusters come first in <see cref="List"/>, then output clusters.</summary>
        public int InCount { get; set; }

        public int OutCount { get; set; }

        /// <summary>Entries in <see cref="List"/> that are not clusters: associated devices, endpoints.</summary>
        public int Count { get; set; }

        public ushort[] List { get; private set; }

        /// <summary>Mgmt_Lqi_rsp / Mgmt_Rtg_rsp: total entries in the table; Mgmt_Permit_Joining: permit duration.</summary>
        public byte TotalEntries { get; set; }

        /// <summary>Mgmt_Lqi_rsp / Mgmt_Rtg_rsp list count, Mgmt_NWK_Update_notify energy list count.</summary>
        public int TableCount { get; set; }

        public byte[] Table { get; private set; }

        public byte PermitDuration { get; set; }

        public byte TcSignificance { get; set; }

        public uint ScanChannels { get; set; }

        public byte ScanDuration { get; set; }

        public byte ScanCount { get; set; }

        public byte UpdateId { get; set; }

        public ushort ManagerAddress { get; set; }

        public ushort TotalTransmissions { get; set; }

        public ushort TransmissionFailures { get; set; }
    }
}
