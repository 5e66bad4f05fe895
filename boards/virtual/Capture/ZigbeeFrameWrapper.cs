using System;
using System.Buffers.Binary;

namespace CommsHub.VirtualBoard.Capture
{
    /// <summary>
    /// Wraps an APS payload in a minimal unsecured IEEE 802.15.4 (2003) data frame, Zigbee NWK data frame and
    /// APS unicast data frame, with a valid FCS, so capture tools decode it down to the cluster.
    /// Until the real MAC and NWK layers exist this is how bench traffic reaches a pcap.
    /// </summary>
    public static class ZigbeeFrameWrapper
    {
        public const ushort SmartEnergyProfile = 0x0109;

        public static byte[] Wrap(byte[] zcl, ushort cluster, ushort panId, ushort source, ushort destination, byte sequence)
        {
            byte[] frame = new byte[9 + 8 + 8 + zcl.Length + 2];
            Span<byte> s = frame;

            // MAC: data, ack request, PAN id compression, short destination and source (frame control 0x8861).
            BinaryPrimitives.WriteUInt16LittleEndian(s, 0x8861);
            s[2] = sequence;
            BinaryPrimitives.WriteUInt16LittleEndian(s[3..], panId);
            BinaryPrimitives.WriteUInt16LittleEndian(s[5..], destination);
            BinaryPrimitives.WriteUInt16LittleEndian(s[7..], source);

            // NWK: data frame, protocol version 2, no security, radius 30.
            BinaryPrimitives.WriteUInt16LittleEndian(s[9..], 0x0008);
            BinaryPrimitives.WriteUInt16LittleEndian(s[11..], destination);
            BinaryPrimitives.WriteUInt16LittleEndian(s[13..], source);
            s[15] = 30;
            s[16] = sequence;

            // APS: unicast data, endpoint 1 to endpoint 1.
            s[17] = 0x00;
            s[18] = 1;
            BinaryPrimitives.WriteUInt16LittleEndian(s[19..], cluster);
            BinaryPrimitives.WriteUInt16LittleEndian(s[21..], SmartEnergyProfile);
            s[23] = 1;
            s[24] = sequence;

            zcl.CopyTo(s[25..]);
            BinaryPrimitives.WriteUInt16LittleEndian(s[^2..], Fcs(s[..^2]));
            return frame;
        }

        /// <summary>
        /// The same NWK (unsecured, radius 30) and APS (unicast, endpoint 1 to 1, Smart Energy profile) framing
        /// without the MAC header: the payload of a MAC data frame.
        /// </summary>
        public static byte[] NwkApsPayload(byte[] zcl, ushort cluster, ushort source, ushort destination, byte sequence)
        {
            byte[] whole = Wrap(zcl, cluster, 0, source, destination, sequence);
            return whole[9..^2];
        }

        /// <summary>The 802.15.4 FCS: CRC-16 ITU-T, reflected, initial value 0 (CRC-16/KERMIT).</summary>
        public static ushort Fcs(ReadOnlySpan<byte> data)
        {
            int crc = 0;
            foreach (byte b in data)
            {
                crc ^= b;
                for (int i = 0; i < 8; i++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
                }
            }

            return (ushort)crc;
        }
    }
}
