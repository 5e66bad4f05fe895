using CommsHub.Platform;

namespace CommsHub.Nwk
{
    /// <summary>
    /// What defines the hub's network: extended PAN id (GBCS: the hub's HAN EUI-64), PAN id, channel, the active
    /// network key and its sequence number. Kept in flash so a reboot resumes the same network without rejoins.
    /// </summary>
    public sealed class NetworkParameters
    {
        public const int KeyLength = 16;

        /// <summary>Bytes of <see cref="Encode"/>: extended PAN id 8, PAN id 2, channel 1, key sequence 1, key 16.</summary>
        public const int EncodedLength = 28;

        public NetworkParameters()
        {
            NetworkKey = new byte[KeyLength];
        }

        public ulong ExtendedPanId { get; set; }

        public ushort PanId { get; set; }

        public int Channel { get; set; }

        public byte[] NetworkKey { get; private set; }

        public byte KeySequence { get; set; }

        /// <summary>
        /// A new network: extended PAN id = the hub's EUI-64, a random network key and key sequence number 0.
        /// </summary>
        public static NetworkParameters Form(ulong hubEui64, ushort panId, int channel, IEntropySource entropy)
        {
            NetworkParameters p = new NetworkParameters();
            p.ExtendedPanId = hubEui64;
            p.PanId = panId;
            p.Channel = channel;
            p.KeySequence = 0;
            entropy.Fill(p.NetworkKey);
            return p;
        }

        public void Encode(byte[] buffer, int offset)
        {
            LittleEndian.PutU64(buffer, offset, ExtendedPanId);
            LittleEndian.PutU16(buffer, offset + 8, PanId);
            buffer[offset + 10] = (byte)Channel;
            buffer[offset + 11] = KeySequence;
            System.Array.Copy(NetworkKey, 0, buffer, offset + 12, KeyLength);
        }

        /// <summary>Reads a record written by <see cref="Encode"/>; null, or what is wrong with it.</summary>
        public string Decode(byte[] buffer, int offset)
        {
            int channel = buffer[offset + 10];
            if (channel < 11 || channel > 26)
            {
                return "network parameters: channel outside 11-26";
            }

            ushort pan = LittleEndian.U16(buffer, offset + 8);
            if (pan == 0xFFFF)
            {
                return "network parameters: PAN id is the broadcast PAN";
            }

            ExtendedPanId = LittleEndian.U64(buffer, offset);
            PanId = pan;
            Channel = channel;
            KeySequence = buffer[offset + 11];
            System.Array.Copy(buffer, offset + 12, NetworkKey, 0, KeyLength);
            return null;
        }
    }
}
