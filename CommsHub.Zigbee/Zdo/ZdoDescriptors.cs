namespace CommsHub.Zdo
{
    /// <summary>
    /// [decision] What the hub says about itself over ZDO: a Zigbee PRO R22 coordinator and primary trust centre on
    /// 2.4 GHz, mains powered, receiver always on; its Smart Energy endpoint is an Energy Service Interface (0x0500)
    /// serving Basic, Time, Keep-Alive, Key Establishment and OTA Upgrade.
    /// </summary>
    public static class ZdoDescriptors
    {
        /// <summary>No manufacturer code has been assigned to this bench firmware.</summary>
        public const ushort ManufacturerCode = 0x0000;

        /// <summary>Smart Energy device id of the Energy Service Interface, the role a GB Communications Hub plays.</summary>
        public const ushort SmartEnergyDeviceId = 0x0500;

        /// <summary>Largest APSDU the hub takes or sends unfragmented.</summary>
        public const byte MaxBufferSize = 82;

        /// <summary>Writes the 13-byte node descriptor (Zigbee specification 2.3.2.3).</summary>
        public static void NodeDescriptor(byte[] d, int offset)
        {
            d[offset] = 0x00;                  // logical type coordinator, no complex or user descriptor
            d[offset + 1] = 0x40;              // APS flags 0, frequency band 2.4 GHz
            d[offset + 2] = 0x8F;              // alternate PAN coordinator, FFD, mains, receiver on when idle, allocate address
            d[offset + 3] = (byte)ManufacturerCode;
            d[offset + 4] = (byte)(ManufacturerCode >> 8);
            d[offset + 5] = MaxBufferSize;
            d[offset + 6] = MaxBufferSize;     // maximum incoming transfer size, little-endian
            d[offset + 7] = 0;
            ushort serverMask = (ushort)((22 << 9) | 0x0041); // stack compliance revision 22, primary trust centre, network manager
            d[offset + 8] = (byte)serverMask;
            d[offset + 9] = (byte)(serverMask >> 8);
            d[offset + 10] = MaxBufferSize;    // maximum outgoing transfer size
            d[offset + 11] = 0;
            d[offset + 12] = 0x00;             // descriptor capability
        }
    }
}
