using CommsHub.Platform;

namespace CommsHub.Security
{
    /// <summary>
    /// The Zigbee auxiliary security header (Zigbee specification 4.5.1), shared by NWK and APS: security control
    /// (level bits 0-2, key identifier bits 3-4, extended nonce bit 5), frame counter, the source EUI-64 when the
    /// extended nonce bit is set, and the key sequence number when the key is a network key. A plain holder and a
    /// pure codec: decoding names the field that is cut short and never throws.
    /// </summary>
    public sealed class AuxiliaryHeader
    {
        public const int KeyIdData = 0;
        public const int KeyIdNetwork = 1;
        public const int KeyIdKeyTransport = 2;
        public const int KeyIdKeyLoad = 3;

        /// <summary>Security level as it appears in the frame: Zigbee sends 0 and both ends use the configured level.</summary>
        public int Level { get; set; }

        public int KeyId { get; set; }

        public bool ExtendedNonce { get; set; }

        public uint FrameCounter { get; set; }

        /// <summary>The source EUI-64 as a number (the frame carries it least significant byte first).</summary>
        public ulong Source { get; set; }

        public byte KeySequence { get; set; }

        /// <summary>The control byte with its level replaced, as the nonce and the authenticated header use it.</summary>
        public byte Control(int level)
        {
            return (byte)((level & 7) | ((KeyId & 3) << 3) | (ExtendedNonce ? 0x20 : 0));
        }

        public int Length
        {
            get { return 5 + (ExtendedNonce ? 8 : 0) + (KeyId == KeyIdNetwork ? 1 : 0); }
        }

        public int Encode(byte[] buffer, int offset)
        {
            int at = offset;
            buffer[at++] = Control(Level);
            LittleEndian.PutU32(buffer, at, FrameCounter);
            at += 4;
            if (ExtendedNonce)
            {
                LittleEndian.PutU64(buffer, at, Source);
                at += 8;
            }

            if (KeyId == KeyIdNetwork)
            {
                buffer[at++] = KeySequence;
            }

            return at - offset;
        }

        /// <summary>Reads the header at <paramref name="offset"/>, no further than <paramref name="end"/>; null or what is wrong.</summary>
        public string Decode(byte[] buffer, int offset, int end)
        {
            if (offset >= end)
            {
                return "auxiliary header: security control missing";
            }

            byte control = buffer[offset];
            Level = control & 7;
            KeyId = (control >> 3) & 3;
            ExtendedNonce = (control & 0x20) != 0;
            if (offset + 5 > end)
            {
                return "auxiliary header: frame counter truncated";
            }

            FrameCounter = LittleEndian.U32(buffer, offset + 1);
            int at = offset + 5;
            if (ExtendedNonce)
            {
                if (at + 8 > end)
                {
                    return "auxiliary header: source address truncated";
                }

                Source = LittleEndian.U64(buffer, at);
                at += 8;
            }

            if (KeyId == KeyIdNetwork)
            {
                if (at >= end)
                {
                    return "auxiliary header: key sequence number missing";
                }

                KeySequence = buffer[at];
            }

            return null;
        }
    }
}
