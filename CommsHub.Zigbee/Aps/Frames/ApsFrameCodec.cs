using CommsHub.Platform;
using CommsHub.Security;

namespace CommsHub.Aps
{
    /// <summary>
    /// Encodes and decodes APS headers (Zigbee specification 2.2.5): data, command and ack frames, unicast,
    /// broadcast and group delivery, the extended header, and the auxiliary security header. Pure functions;
    /// the encoder writes in front of a payload already in place, the decoder names the first wrong field.
    /// </summary>
    public static class ApsFrameCodec
    {
        public static int HeaderLength(ApsHeader h)
        {
            int length = 2;
            if (h.HasAddressing)
            {
                length += (h.DeliveryMode == ApsFrameType.Group && h.FrameType == ApsFrameType.Data ? 2 : 1) + 5;
            }

            if (h.ExtendedHeader)
            {
                length += 1 + (h.Fragmentation != ApsFrameType.NotFragmented ? 1 : 0)
                    + (h.FrameType == ApsFrameType.Ack && h.Fragmentation != ApsFrameType.NotFragmented ? 1 : 0);
            }

            if (h.Security)
            {
                length += h.Auxiliary.Length;
            }

            return length;
        }

        public static int EncodeHeader(ApsHeader h, byte[] buffer, int offset)
        {
            int at = offset;
            buffer[at++] = h.FrameControl;
            if (h.HasAddressing)
            {
                if (h.DeliveryMode == ApsFrameType.Group && h.FrameType == ApsFrameType.Data)
                {
                    LittleEndian.PutU16(buffer, at, h.GroupAddress);
                    at += 2;
                }
                else
                {
                    buffer[at++] = h.DestinationEndpoint;
                }

                LittleEndian.PutU16(buffer, at, h.Cluster);
                LittleEndian.PutU16(buffer, at + 2, h.Profile);
                buffer[at + 4] = h.SourceEndpoint;
                at += 5;
            }

            buffer[at++] = h.Counter;
            if (h.ExtendedHeader)
            {
                buffer[at++] = (byte)(h.Fragmentation & 3);
                if (h.Fragmentation != ApsFrameType.NotFragmented)
                {
                    buffer[at++] = h.BlockNumber;
                    if (h.FrameType == ApsFrameType.Ack)
                    {
                        buffer[at++] = h.AckBitfield;
                    }
                }
            }

            if (h.Security)
            {
                at += h.Auxiliary.Encode(buffer, at);
            }

            return at - offset;
        }

        /// <summary>
        /// Decodes an APS frame of <paramref name="length"/> bytes; null, or the first field that is wrong. A secured
        /// frame's payload excludes its MIC, whose length <paramref name="securityLevel"/> gives (sent as level 0).
        /// </summary>
        public static string Decode(byte[] buffer, int offset, int length, ApsHeader h, int securityLevel)
        {
            if (buffer == null || offset < 0 || length < 0 || offset + length > buffer.Length)
            {
                return "APS frame: bounds outside the buffer";
            }

            if (length < 1)
            {
                return "APS frame control missing";
            }

            int end = offset + length;
            byte fc = buffer[offset];
            h.FrameType = fc & 3;
            h.DeliveryMode = (fc >> 2) & 3;
            h.AckFormat = (fc & 0x10) != 0;
            h.Security = (fc & 0x20) != 0;
            h.AckRequest = (fc & 0x40) != 0;
            h.ExtendedHeader = (fc & 0x80) != 0;
            if (h.FrameType == ApsFrameType.InterPan)
            {
                return "APS inter-PAN frames are not for the APS layer";
            }

            if (h.DeliveryMode == 1)
            {
                return "APS delivery mode 1 is reserved";
            }

            int at = offset + 1;
            h.DestinationEndpoint = h.SourceEndpoint = 0;
            h.GroupAddress = h.Cluster = h.Profile = 0;
            h.BlockNumber = h.AckBitfield = 0;
            if (h.HasAddressing)
            {
                bool group = h.DeliveryMode == ApsFrameType.Group && h.FrameType == ApsFrameType.Data;
                int need = (group ? 2 : 1) + 5;
                if (at + need > end)
                {
                    return "APS addressing fields truncated";
                }

                if (group)
                {
                    h.GroupAddress = LittleEndian.U16(buffer, at);
                    at += 2;
                }
                else
                {
                    h.DestinationEndpoint = buffer[at++];
                }

                h.Cluster = LittleEndian.U16(buffer, at);
                h.Profile = LittleEndian.U16(buffer, at + 2);
                h.SourceEndpoint = buffer[at + 4];
                at += 5;
            }

            if (at >= end)
            {
                return "APS counter missing";
            }

            h.Counter = buffer[at++];
            h.Fragmentation = ApsFrameType.NotFragmented;
            if (h.ExtendedHeader)
            {
                if (at >= end)
                {
                    return "APS extended frame control missing";
                }

                h.Fragmentation = buffer[at++] & 3;
                if (h.Fragmentation == 3)
                {
                    return "APS extended header fragmentation value 3 is reserved";
                }

                if (h.Fragmentation != ApsFrameType.NotFragmented)
                {
                    if (at >= end)
                    {
                        return "APS block number missing";
                    }

                    h.BlockNumber = buffer[at++];
                    if (h.FrameType == ApsFrameType.Ack)
                    {
                        if (at >= end)
                        {
                            return "APS ack bitfield missing";
                        }

                        h.AckBitfield = buffer[at++];
                    }
                }
            }

            h.MicLength = 0;
            if (h.Security)
            {
                string problem = h.Auxiliary.Decode(buffer, at, end);
                if (problem != null)
                {
                    return problem;
                }

                at += h.Auxiliary.Length;
                h.MicLength = SecurityLevel.MicLength(securityLevel);
                if (at + h.MicLength > end)
                {
                    return "APS MIC truncated";
                }
            }

            h.HeaderLength = at - offset;
            h.PayloadOffset = at;
            h.PayloadLength = end - at - h.MicLength;
            return null;
        }
    }
}
