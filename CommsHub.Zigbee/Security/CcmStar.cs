namespace CommsHub.Security
{
    /// <summary>
    /// AES-CCM* as Zigbee uses it (Zigbee specification Annex A; IEEE 802.15.4 CCM*): a 13-byte nonce, a 2-byte
    /// length field, any of the eight security levels. Works in place on a frame laid out as header, payload,
    /// then MIC, with no allocation: the authentication input is formatted into one scratch buffer and MACed by
    /// one CBC call, and every counter block goes through one ECB call, so a frame costs two AES calls whatever
    /// its length (<see cref="AesCallsPerFrame"/>).
    /// </summary>
    public sealed class CcmStar
    {
        public const int NonceLength = 13;

        /// <summary>The most header plus payload one call secures: a whole 802.15.4 PHY packet.</summary>
        public const int MaxInput = 127;

        /// <summary>AES calls per frame at any level with a MIC (one with encryption only).</summary>
        public const int AesCallsPerFrame = 2;

        public const int Ok = 0;
        public const int MicMismatch = 1;
        public const int TooLong = 2;
        public const int BadLevel = 3;

        private readonly IAesBlock _aes;

        // B0, the 2-byte length of a, a and m each padded to a block: at most 16 + 144 + 128 bytes.
        private readonly byte[] _auth = new byte[304];

        // A0 .. An: one block for the MIC and one per 16 bytes of payload.
        private readonly byte[] _stream = new byte[16 * 9];
        private readonly byte[] _tag = new byte[16];

        public CcmStar(IAesBlock aes)
        {
            _aes = aes;
        }

        public void SetKey(byte[] key, int offset)
        {
            _aes.SetKey(key, offset);
        }

        /// <summary>Writes a Zigbee nonce: source EUI-64 and frame counter little-endian, then the security control byte.</summary>
        public static void WriteNonce(byte[] nonce, int offset, ulong source, uint frameCounter, byte securityControl)
        {
            for (int i = 0; i < 8; i++)
            {
                nonce[offset + i] = (byte)(source >> (8 * i));
            }

            nonce[offset + 8] = (byte)frameCounter;
            nonce[offset + 9] = (byte)(frameCounter >> 8);
            nonce[offset + 10] = (byte)(frameCounter >> 16);
            nonce[offset + 11] = (byte)(frameCounter >> 24);
            nonce[offset + 12] = securityControl;
        }

        /// <summary>
        /// Secures in place: <paramref name="headerLength"/> bytes of header at <paramref name="offset"/> are
        /// authenticated, the <paramref name="payloadLength"/> bytes after them are encrypted (levels 4-7) or only
        /// authenticated (1-3), and the MIC is written right after the payload. Returns the MIC length, or a
        /// negative status when the level or length is out of range.
        /// </summary>
        public int Secure(int level, byte[] nonce, int nonceOffset, byte[] frame, int offset, int headerLength, int payloadLength)
        {
            if (level < 1 || level > 7)
            {
                return -BadLevel;
            }

            if (headerLength < 0 || payloadLength < 0 || headerLength + payloadLength > MaxInput)
            {
                return -TooLong;
            }

            bool encrypts = SecurityLevel.Encrypts(level);
            int micLength = SecurityLevel.MicLength(level);
            int aLength = encrypts ? headerLength : headerLength + payloadLength;
            int mLength = encrypts ? payloadLength : 0;
            int m = offset + aLength;
            if (micLength > 0)
            {
                Authenticate(micLength, nonce, nonceOffset, frame, offset, aLength, m, mLength);
            }

            Keystream(nonce, nonceOffset, mLength);
            Xor(frame, m, _stream, 16, mLength);
            for (int i = 0; i < micLength; i++)
            {
                frame[m + mLength + i] = (byte)(_tag[i] ^ _stream[i]);
            }

            return micLength;
        }

        /// <summary>
        /// Checks and decrypts in place a frame <see cref="Secure"/> made: <paramref name="payloadLength"/> excludes
        /// the MIC that follows it. Returns <see cref="Ok"/>, or <see cref="MicMismatch"/> with the frame's bytes
        /// left as they arrived.
        /// </summary>
        public int Unsecure(int level, byte[] nonce, int nonceOffset, byte[] frame, int offset, int headerLength, int payloadLength)
        {
            if (level < 1 || level > 7)
            {
                return BadLevel;
            }

            if (headerLength < 0 || payloadLength < 0 || headerLength + payloadLength > MaxInput)
            {
                return TooLong;
            }

            bool encrypts = SecurityLevel.Encrypts(level);
            int micLength = SecurityLevel.MicLength(level);
            int aLength = encrypts ? headerLength : headerLength + payloadLength;
            int mLength = encrypts ? payloadLength : 0;
            int m = offset + aLength;
            Keystream(nonce, nonceOffset, mLength);
            Xor(frame, m, _stream, 16, mLength);
            if (micLength == 0)
            {
                return Ok;
            }

            Authenticate(micLength, nonce, nonceOffset, frame, offset, aLength, m, mLength);
            int difference = 0;
            for (int i = 0; i < micLength; i++)
            {
                difference |= frame[m + mLength + i] ^ _tag[i] ^ _stream[i];
            }

            if (difference != 0)
            {
                Xor(frame, m, _stream, 16, mLength);
                return MicMismatch;
            }

            return Ok;
        }

        private void Authenticate(int micLength, byte[] nonce, int nonceOffset, byte[] frame, int a, int aLength, int m, int mLength)
        {
            byte[] x = _auth;
            x[0] = (byte)((aLength > 0 ? 0x40 : 0) | (((micLength - 2) / 2) << 3) | 1);
            System.Array.Copy(nonce, nonceOffset, x, 1, NonceLength);
            x[14] = (byte)(mLength >> 8);
            x[15] = (byte)mLength;
            int at = 16;
            if (aLength > 0)
            {
                x[16] = (byte)(aLength >> 8);
                x[17] = (byte)aLength;
                System.Array.Copy(frame, a, x, 18, aLength);
                at = Pad(x, 18 + aLength);
            }

            if (mLength > 0)
            {
                System.Array.Copy(frame, m, x, at, mLength);
                at = Pad(x, at + mLength);
            }

            _aes.CbcMac(x, 0, at / 16, _tag, 0);
        }

        /// <summary>Fills A0 .. An for <paramref name="mLength"/> payload bytes and encrypts them in one call.</summary>
        private void Keystream(byte[] nonce, int nonceOffset, int mLength)
        {
            int blocks = 1 + (mLength + 15) / 16;
            byte[] s = _stream;
            for (int b = 0; b < blocks; b++)
            {
                int at = 16 * b;
                s[at] = 1;
                System.Array.Copy(nonce, nonceOffset, s, at + 1, NonceLength);
                s[at + 14] = 0;
                s[at + 15] = (byte)b;
            }

            _aes.EncryptBlocks(s, 0, blocks);
        }

        private static int Pad(byte[] x, int end)
        {
            int padded = (end + 15) & ~15;
            for (int i = end; i < padded; i++)
            {
                x[i] = 0;
            }

            return padded;
        }

        private static void Xor(byte[] data, int offset, byte[] stream, int streamOffset, int length)
        {
            for (int i = 0; i < length; i++)
            {
                data[offset + i] ^= stream[streamOffset + i];
            }
        }
    }
}
