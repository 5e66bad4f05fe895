using CommsHub.Platform;
using CommsHub.Security;

namespace CommsHub.Nwk
{
    /// <summary>
    /// Encodes and decodes the NWK header (Zigbee specification 3.3.1). Pure functions over bytes. The encoder
    /// writes in front of a payload the upper layer has already placed, so nothing is copied; the decoder never
    /// throws on what the air delivers and names the first field that is wrong.
    /// </summary>
    public static class NwkFrameCodec
    {
        /// <summary>Bytes <see cref="EncodeHeader"/> writes for <paramref name="header"/>, auxiliary header included.</summary>
        public static int HeaderLength(NwkHeader header)
        {
            int length = 8;
            if (header.HasDestinationIeee)
            {
                length += 8;
            }

            if (header.HasSourceIeee)
            {
                length += 8;
            }

            if (header.Multicast)
            {
                length += 1;
            }

            if (header.SourceRoute)
            {
                length += 2 + 2 * header.RelayCount;
            }

            if (header.Security)
            {
                length += header.Auxiliary.Length;
            }

            return length;
        }

        /// <summary>Writes the header at <paramref name="offset"/>; returns its length. Misuse by our own code throws.</summary>
        public static int EncodeHeader(NwkHeader header, byte[] buffer, int offset)
        {
            if (header.SourceRoute && (header.RelayCount < 0 || header.RelayCount > NwkHeader.MaxRelays))
            {
                throw new System.ArgumentException("NWK source route relay count out of range");
            }

            int at = offset;
            LittleEndian.PutU16(buffer, at, (ushort)header.FrameControl);
            LittleEndian.PutU16(buffer, at + 2, header.Destination);
            LittleEndian.PutU16(buffer, at + 4, header.Source);
            buffer[at + 6] = header.Radius;
            buffer[at + 7] = header.Sequence;
            at += 8;
            if (header.HasDestinationIeee)
            {
                LittleEndian.PutU64(buffer, at, header.DestinationIeee);
                at += 8;
            }

            if (header.HasSourceIeee)
            {
                LittleEndian.PutU64(buffer, at, header.SourceIeee);
                at += 8;
            }

            if (header.Multicast)
            {
                buffer[at++] = header.MulticastControl;
            }

            if (header.SourceRoute)
            {
                buffer[at++] = (byte)header.RelayCount;
                buffer[at++] = (byte)header.RelayIndex;
                for (int i = 0; i < header.RelayCount; i++)
                {
                    LittleEndian.PutU16(buffer, at, header.Relays[i]);
                    at += 2;
                }
            }

            if (header.Security)
            {
                at += header.Auxiliary.Encode(buffer, at);
            }

            return at - offset;
        }

        /// <summary>
        /// Decodes the frame of <paramref name="length"/> bytes at <paramref name="offset"/> into
        /// <paramref name="header"/>; returns null, or the name of the first field that is wrong. A secured frame's
        /// payload is reported without its MIC, whose length the level <paramref name="securityLevel"/> gives
        /// (the level on air is 0).
        /// </summary>
        public static string Decode(byte[] buffer, int offset, int length, NwkHeader header, int securityLevel)
        {
            if (buffer == null || offset < 0 || length < 0 || offset + length > buffer.Length)
            {
                return "NWK frame: bounds outside the buffer";
            }

            int end = offset + length;
            if (length < 2)
            {
                return "NWK frame control truncated";
            }

            int fc = LittleEndian.U16(buffer, offset);
            header.FrameType = fc & 3;
            header.ProtocolVersion = (fc >> 2) & 0xF;
            header.DiscoverRoute = (fc >> 6) & 3;
            header.Multicast = (fc & 0x0100) != 0;
            header.Security = (fc & 0x0200) != 0;
            header.SourceRoute = (fc & 0x0400) != 0;
            header.HasDestinationIeee = (fc & 0x0800) != 0;
            header.HasSourceIeee = (fc & 0x1000) != 0;
            header.EndDeviceInitiator = (fc & 0x2000) != 0;
            if (header.FrameType == 2)
            {
                return "NWK frame type 2 is reserved";
            }

            if (header.FrameType == NwkFrameType.InterPan)
            {
                return "NWK inter-PAN frames are not for the NWK layer";
            }

            if (header.ProtocolVersion != NwkHeader.ProtocolVersionPro)
            {
                return "NWK protocol version is not 2 (Zigbee PRO)";
            }

            if (length < 8)
            {
                return "NWK addressing fields truncated";
            }

            header.Destination = LittleEndian.U16(buffer, offset + 2);
            header.Source = LittleEndian.U16(buffer, offset + 4);
            header.Radius = buffer[offset + 6];
            header.Sequence = buffer[offset + 7];
            int at = offset + 8;
            header.DestinationIeee = header.SourceIeee = 0;
            header.MulticastControl = 0;
            if (header.HasDestinationIeee)
            {
                if (at + 8 > end)
                {
                    return "NWK destination IEEE address truncated";
                }

                header.DestinationIeee = LittleEndian.U64(buffer, at);
                at += 8;
            }

            if (header.HasSourceIeee)
            {
                if (at + 8 > end)
                {
                    return "NWK source IEEE address truncated";
                }

                header.SourceIeee = LittleEndian.U64(buffer, at);
                at += 8;
            }

            if (header.Multicast)
            {
                if (at >= end)
                {
                    return "NWK multicast control missing";
                }

                header.MulticastControl = buffer[at++];
            }

            if (header.SourceRoute)
            {
                if (at + 2 > end)
                {
                    return "NWK source route relay count truncated";
                }

                header.RelayCount = buffer[at];
                header.RelayIndex = buffer[at + 1];
                at += 2;
                if (header.RelayCount > NwkHeader.MaxRelays)
                {
                    return "NWK source route relay count exceeds what the hub keeps";
                }

                if (at + 2 * header.RelayCount > end)
                {
                    return "NWK source route relay list truncated";
                }

                for (int i = 0; i < header.RelayCount; i++)
                {
                    header.Relays[i] = LittleEndian.U16(buffer, at);
                    at += 2;
                }
            }
            else
            {
                header.RelayCount = 0;
                header.RelayIndex = 0;
            }

            header.MicLength = 0;
            if (header.Security)
            {
                string problem = header.Auxiliary.Decode(buffer, at, end);
                if (problem != null)
                {
                    return problem;
                }

                if (header.Auxiliary.KeyId != AuxiliaryHeader.KeyIdNetwork)
                {
                    return "NWK auxiliary header key identifier is not the network key";
                }

                if (!header.Auxiliary.ExtendedNonce)
                {
                    return "NWK auxiliary header has no source address (extended nonce)";
                }

                at += header.Auxiliary.Length;
                header.MicLength = SecurityLevel.MicLength(securityLevel);
                if (at + header.MicLength > end)
                {
                    return "NWK MIC truncated";
                }
            }

            header.HeaderLength = at - offset;
            header.PayloadOffset = at;
            header.PayloadLength = end - at - header.MicLength;
            return null;
        }
    }
}
