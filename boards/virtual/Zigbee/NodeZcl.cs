using System;
using CommsHub.Zcl;

namespace CommsHub.VirtualBoard.Zigbee
{
    /// <summary>
    /// The ZCL frames an emulated device sends as a cluster's client, and the header of what the server sends back,
    /// with the hub's ZCL header codec.
    /// </summary>
    public static class NodeZcl
    {
        public const byte ReadAttributes = 0x00;
        public const byte ReadAttributesResponse = 0x01;
        public const byte DefaultResponse = 0x0B;

        /// <summary>A client-to-server frame: <paramref name="frameType"/> global or cluster-specific, the sequence, the command, its payload.</summary>
        public static byte[] ClientFrame(int frameType, byte sequence, byte command, byte[] payload)
        {
            byte[] frame = new byte[3 + payload.Length];
            var writer = new ZclWriter();
            writer.Reset(frame, 0);
            ZclHeader.Encode(writer, frameType, false, false, sequence, command);
            payload.CopyTo(frame, 3);
            return frame;
        }

        /// <summary>Read Attributes of <paramref name="attributes"/> (their ids, little-endian on the air).</summary>
        public static byte[] ReadAttributesRequest(byte sequence, params ushort[] attributes)
        {
            byte[] ids = new byte[2 * attributes.Length];
            for (int i = 0; i < attributes.Length; i++)
            {
                ids[2 * i] = (byte)attributes[i];
                ids[(2 * i) + 1] = (byte)(attributes[i] >> 8);
            }

            return ClientFrame(ZclHeader.FrameTypeGlobal, sequence, ReadAttributes, ids);
        }

        /// <summary>
        /// Reads the header of a frame from a cluster's server; returns the offset of the command's payload, or -1
        /// (with <paramref name="problem"/>) when the header is not one a client takes.
        /// </summary>
        public static int Open(byte[] zcl, ZclHeader header, out string problem)
        {
            var reader = new ZclReader();
            reader.Reset(zcl, 0, zcl.Length);
            if (!header.Decode(reader))
            {
                problem = "ZCL header: " + reader.Failure;
                return -1;
            }

            if (!header.ServerToClient)
            {
                problem = "ZCL frame not from the cluster's server";
                return -1;
            }

            problem = null;
            return reader.Position;
        }

        /// <summary>
        /// One attribute record of a Read Attributes Response at <paramref name="offset"/>: its id, status, type and
        /// value bytes (as many as the fixed-length types this client reads). Returns the next record's offset, or -1.
        /// </summary>
        public static int ReadRecord(byte[] zcl, int offset, out ushort attribute, out byte status, out byte type, out ulong value)
        {
            attribute = 0;
            status = 0xFF;
            type = 0;
            value = 0;
            if (offset + 3 > zcl.Length)
            {
                return -1;
            }

            attribute = (ushort)(zcl[offset] | (zcl[offset + 1] << 8));
            status = zcl[offset + 2];
            if (status != 0)
            {
                return offset + 3;
            }

            if (offset + 4 > zcl.Length)
            {
                return -1;
            }

            type = zcl[offset + 3];
            int length = ValueLength(type);
            if (length <= 0 || offset + 4 + length > zcl.Length)
            {
                return -1;
            }

            for (int i = length - 1; i >= 0; i--)
            {
                value = (value << 8) | zcl[offset + 4 + i];
            }

            return offset + 4 + length;
        }

        /// <summary>Lengths of the fixed-length ZCL types a registering device reads (0 for any other).</summary>
        private static int ValueLength(byte type)
        {
            switch (type)
            {
                case 0x08: // data8
                case 0x10: // boolean
                case 0x18: // bitmap8
                case 0x20: // uint8
                case 0x30: // enum8
                    return 1;
                case 0x09: // data16
                case 0x19: // bitmap16
                case 0x21: // uint16
                case 0x31: // enum16
                    return 2;
                case 0x23: // uint32
                case 0xE2: // UTCTime
                case 0x2B: // int32
                    return 4;
                default:
                    return 0;
            }
        }
    }
}
