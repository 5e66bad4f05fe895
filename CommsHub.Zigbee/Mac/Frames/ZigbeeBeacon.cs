using CommsHub.Platform;

namespace CommsHub.Mac
{
    /// <summary>
    /// The payload of a non-beacon-enabled Zigbee PAN's beacon: superframe specification (beacon and
    /// superframe order 15, PAN coordinator, association permit), empty GTS and pending-address fields, then the
    /// 15-byte Zigbee beacon payload (protocol id 0, stack profile 2 = Zigbee PRO, protocol version 2, capacities,
    /// extended PAN id, Tx offset 0xFFFFFF, NWK update id).
    /// </summary>
    public sealed class ZigbeeBeacon
    {
        public const int Length = 4 + 15;

        public bool AssociationPermit;
        public bool PanCoordinator;
        public bool RouterCapacity;
        public bool EndDeviceCapacity;
        public int DeviceDepth;
        public ulong ExtendedPanId;
        public byte UpdateId;

        public int Encode(byte[] buffer, int offset)
        {
            int superframe = 0x0FFF | (PanCoordinator ? 0x4000 : 0) | (AssociationPermit ? 0x8000 : 0);
            LittleEndian.PutU16(buffer, offset, (ushort)superframe);
            buffer[offset + 2] = 0x00; // GTS specification: no GTS in a non-beacon PAN
            buffer[offset + 3] = 0x00; // pending address specification: none, Zigbee polls instead
            buffer[offset + 4] = 0x00; // Zigbee protocol id
            buffer[offset + 5] = 0x22; // stack profile 2, protocol version 2
            buffer[offset + 6] = (byte)((RouterCapacity ? 0x04 : 0) | ((DeviceDepth & 0x0F) << 3) | (EndDeviceCapacity ? 0x80 : 0));
            LittleEndian.PutU64(buffer, offset + 7, ExtendedPanId);
            buffer[offset + 15] = 0xFF;
            buffer[offset + 16] = 0xFF;
            buffer[offset + 17] = 0xFF;
            buffer[offset + 18] = UpdateId;
            return Length;
        }

        /// <summary>Reads a beacon frame's payload; null, or what is wrong.</summary>
        public string Decode(byte[] buffer, int offset, int length)
        {
            if (length < 4)
            {
                return "superframe specification/GTS/pending address: beacon payload of " + length + " bytes is too short";
            }

            int superframe = LittleEndian.U16(buffer, offset);
            PanCoordinator = (superframe & 0x4000) != 0;
            AssociationPermit = (superframe & 0x8000) != 0;
            if ((buffer[offset + 2] & 0x07) != 0)
            {
                return "GTS specification: a Zigbee PAN allocates no guaranteed time slots";
            }

            int pendingSpec = buffer[offset + 3];
            int at = offset + 4 + ((pendingSpec & 0x07) * 2) + (((pendingSpec >> 4) & 0x07) * 8);
            if (at > offset + length)
            {
                return "pending address fields: truncated";
            }

            int remaining = offset + length - at;
            if (remaining < 15)
            {
                return "Zigbee beacon payload: " + remaining + " bytes, needs 15";
            }

            if (buffer[at] != 0)
            {
                return "protocol id: 0x" + Hex.Format(buffer[at], 2) + " is not Zigbee's 0";
            }

            int bits = buffer[at + 2];
            RouterCapacity = (bits & 0x04) != 0;
            DeviceDepth = (bits >> 3) & 0x0F;
            EndDeviceCapacity = (bits & 0x80) != 0;
            ExtendedPanId = LittleEndian.U64(buffer, at + 3);
            UpdateId = buffer[at + 14];
            return null;
        }
    }
}
