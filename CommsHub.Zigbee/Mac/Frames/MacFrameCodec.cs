using CommsHub.Platform;

namespace CommsHub.Mac
{
    /// <summary>
    /// Encodes and decodes the IEEE 802.15.4-2006 MAC header (frame control, sequence number, addressing
    /// fields with PAN ID compression, command identifier). Pure functions over bytes; the decoder never throws
    /// on what the air delivers and names the first field that is wrong.
    /// </summary>
    public static class MacFrameCodec
    {
        /// <summary>Writes <paramref name="frame"/> at <paramref name="offset"/>; returns its length (FCS not included).</summary>
        public static int Encode(MacFrame frame, byte[] buffer, int offset)
        {
            string problem = CheckEncodable(frame);
            if (problem != null)
            {
                throw new System.ArgumentException(problem);
            }

            int fc = frame.FrameType
                | (frame.SecurityEnabled ? 0x0008 : 0)
                | (frame.FramePending ? 0x0010 : 0)
                | (frame.AckRequest ? 0x0020 : 0)
                | (frame.PanIdCompression ? 0x0040 : 0)
                | (frame.Destination.Mode << 10)
                | (frame.FrameVersion << 12)
                | (frame.Source.Mode << 14);
            int at = offset;
            LittleEndian.PutU16(buffer, at, (ushort)fc);
            at += 2;
            buffer[at++] = frame.Sequence;
            if (frame.Destination.Mode != MacAddressMode.None)
            {
                LittleEndian.PutU16(buffer, at, frame.DestinationPanId);
                at += 2;
                at = PutAddress(buffer, at, frame.Destination);
            }

            if (frame.Source.Mode != MacAddressMode.None)
            {
                if (!frame.PanIdCompression)
                {
                    LittleEndian.PutU16(buffer, at, frame.SourcePanId);
                    at += 2;
                }

                at = PutAddress(buffer, at, frame.Source);
            }

            if (frame.FrameType == MacFrameType.Command)
            {
                buffer[at++] = frame.CommandId;
            }

            if (frame.PayloadLength > 0)
            {
                System.Array.Copy(frame.Payload, frame.PayloadOffset, buffer, at, frame.PayloadLength);
                at += frame.PayloadLength;
            }

            return at - offset;
        }

        /// <summary>Length <see cref="Encode"/> would produce.</summary>
        public static int EncodedLength(MacFrame frame)
        {
            int length = 3;
            if (frame.Destination.Mode != MacAddressMode.None)
            {
                length += 2 + AddressLength(frame.Destination.Mode);
            }

            if (frame.Source.Mode != MacAddressMode.None)
            {
                length += (frame.PanIdCompression ? 0 : 2) + AddressLength(frame.Source.Mode);
            }

            return length + (frame.FrameType == MacFrameType.Command ? 1 : 0) + frame.PayloadLength;
        }

        /// <summary>
        /// Decodes <paramref name="length"/> bytes (no FCS) into <paramref name="into"/>, whose payload then points
        /// into <paramref name="buffer"/>. Returns null, or what is wrong, naming the field.
        /// </summary>
        public static string Decode(byte[] buffer, int offset, int length, MacFrame into)
        {
            into.Clear();
            if (buffer == null || offset < 0 || length < 0 || offset + length > buffer.Length)
            {
                return "frame: length runs past the received bytes";
            }

            if (length > MacFrame.MaxLength)
            {
                return "frame: " + length + " bytes is longer than the 125 an 802.15.4 PSDU can carry";
            }

            if (length < 3)
            {
                return "frame control/sequence number: frame of " + length + " bytes is shorter than 3";
            }

            int fc = LittleEndian.U16(buffer, offset);
            into.FrameType = fc & 0x07;
            into.SecurityEnabled = (fc & 0x0008) != 0;
            into.FramePending = (fc & 0x0010) != 0;
            into.AckRequest = (fc & 0x0020) != 0;
            into.PanIdCompression = (fc & 0x0040) != 0;
            into.Destination.Mode = (fc >> 10) & 0x03;
            into.FrameVersion = (fc >> 12) & 0x03;
            into.Source.Mode = (fc >> 14) & 0x03;
            into.Sequence = buffer[offset + 2];

            if (into.FrameType > MacFrameType.Command)
            {
                return "frame type: " + into.FrameType + " is reserved";
            }

            if (into.FrameVersion > MacFrame.FrameVersion2006)
            {
                return "frame version: " + into.FrameVersion + " is not 2003 or 2006";
            }

            if (into.Destination.Mode == 1)
            {
                return "destination addressing mode: 1 is reserved";
            }

            if (into.Source.Mode == 1)
            {
                return "source addressing mode: 1 is reserved";
            }

            if (into.SecurityEnabled)
            {
                return "security enabled: Zigbee does not use MAC-layer security";
            }

            if (into.FrameType == MacFrameType.Acknowledgment)
            {
                if (into.Destination.Mode != MacAddressMode.None || into.Source.Mode != MacAddressMode.None)
                {
                    return "addressing modes: an acknowledgment carries no addresses";
                }

                return length == 3 ? null : "acknowledgment: " + length + " bytes, an acknowledgment has 3";
            }

            bool hasDestination = into.Destination.Mode != MacAddressMode.None;
            bool hasSource = into.Source.Mode != MacAddressMode.None;
            if (into.PanIdCompression && !(hasDestination && hasSource))
            {
                return "PAN ID compression: set without both addresses present";
            }

            if (!hasDestination && !hasSource)
            {
                return "addressing modes: a " + MacFrameType.Name(into.FrameType) + " frame needs at least one address";
            }

            if (into.FrameType == MacFrameType.Beacon && !hasSource)
            {
                return "source addressing mode: a beacon must carry its source address";
            }

            int at = offset + 3;
            int end = offset + length;
            if (hasDestination)
            {
                if (end - at < 2)
                {
                    return "destination PAN identifier: truncated";
                }

                into.DestinationPanId = LittleEndian.U16(buffer, at);
                at += 2;
                if (!ReadAddress(buffer, ref at, end, ref into.Destination))
                {
                    return "destination address: truncated";
                }
            }

            if (hasSource)
            {
                if (into.PanIdCompression)
                {
                    into.SourcePanId = into.DestinationPanId;
                }
                else
                {
                    if (end - at < 2)
                    {
                        return "source PAN identifier: truncated";
                    }

                    into.SourcePanId = LittleEndian.U16(buffer, at);
                    at += 2;
                }

                if (!ReadAddress(buffer, ref at, end, ref into.Source))
                {
                    return "source address: truncated";
                }
            }

            if (into.FrameType == MacFrameType.Command)
            {
                if (at >= end)
                {
                    return "command frame identifier: missing";
                }

                into.CommandId = buffer[at++];
            }

            into.Payload = buffer;
            into.PayloadOffset = at;
            into.PayloadLength = end - at;
            return null;
        }

        private static string CheckEncodable(MacFrame frame)
        {
            if (frame.FrameType > MacFrameType.Command)
            {
                return "frame type " + frame.FrameType + " is reserved";
            }

            if (frame.Destination.Mode == 1 || frame.Source.Mode == 1 || frame.Destination.Mode > 3 || frame.Source.Mode > 3)
            {
                return "addressing mode 1 is reserved";
            }

            if (frame.PanIdCompression && (frame.Destination.Mode == MacAddressMode.None || frame.Source.Mode == MacAddressMode.None))
            {
                return "PAN ID compression needs both addresses";
            }

            if (EncodedLength(frame) > MacFrame.MaxLength)
            {
                return "frame of " + EncodedLength(frame) + " bytes exceeds the 125-byte MAC frame";
            }

            return null;
        }

        private static int AddressLength(int mode)
        {
            return mode == MacAddressMode.Short ? 2 : mode == MacAddressMode.Extended ? 8 : 0;
        }

        private static int PutAddress(byte[] buffer, int at, MacAddress address)
        {
            if (address.Mode == MacAddressMode.Short)
            {
                LittleEndian.PutU16(buffer, at, address.Short);
                return at + 2;
            }

            LittleEndian.PutU64(buffer, at, address.Extended);
            return at + 8;
        }

        private static bool ReadAddress(byte[] buffer, ref int at, int end, ref MacAddress address)
        {
            int size = AddressLength(address.Mode);
            if (end - at < size)
            {
                return false;
            }

            if (address.Mode == MacAddressMode.Short)
            {
                address.Short = LittleEndian.U16(buffer, at);
            }
            else
            {
                address.Extended = LittleEndian.U64(buffer, at);
            }

            at += size;
            return true;
        }
    }
}
