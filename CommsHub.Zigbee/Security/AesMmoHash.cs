namespace CommsHub.Security
{
    /// <summary>
    /// The Zigbee AES-MMO hash (Zigbee specification Annex B.6, Matyas-Meyer-Oseas over AES-128): each 16-byte
    /// block M gives H = E(H, M) xor M, starting from H = 0. Padding is a 1 bit, zeros, then the message length
    /// in bits, 16 bits big-endian for messages under 2^16 bits; from 2^16 bits up, 32 bits big-endian followed
    /// by 16 zero bits. Streaming (<see cref="Reset"/>, <see cref="Update"/>, <see cref="Final"/>) so callers
    /// never concatenate; the hash re-keys the AES block for every message block, one AES call each.
    /// </summary>
    public sealed class AesMmoHash
    {
        public const int Length = 16;

        private const int ShortLimitBytes = 8192;

        private readonly IAesBlock _aes;
        private readonly byte[] _hash = new byte[16];
        private readonly byte[] _block = new byte[16];
        private readonly byte[] _cipher = new byte[16];
        private int _filled;
        private uint _total;

        public AesMmoHash(IAesBlock aes)
        {
            _aes = aes;
            Reset();
        }

        /// <summary>One-shot: the hash of <paramref name="length"/> bytes at <paramref name="offset"/> into <paramref name="digest"/>.</summary>
        public void Compute(byte[] data, int offset, int length, byte[] digest, int digestOffset)
        {
            Reset();
            Update(data, offset, length);
            Final(digest, digestOffset);
        }

        public void Reset()
        {
            System.Array.Clear(_hash, 0, 16);
            _filled = 0;
            _total = 0;
        }

        public void Update(byte[] data, int offset, int length)
        {
            for (int i = 0; i < length; i++)
            {
                _block[_filled++] = data[offset + i];
                if (_filled == 16)
                {
                    Absorb();
                }
            }

            _total += (uint)length;
        }

        public void UpdateByte(byte value)
        {
            _block[_filled++] = value;
            if (_filled == 16)
            {
                Absorb();
            }

            _total++;
        }

        public void Final(byte[] digest, int digestOffset)
        {
            uint bits = _total * 8;
            bool isLong = _total >= ShortLimitBytes;
            int trailer = isLong ? 6 : 2;
            _block[_filled++] = 0x80;
            if (_filled > 16 - trailer)
            {
                while (_filled < 16)
                {
                    _block[_filled++] = 0;
                }

                Absorb();
            }

            while (_filled < 16 - trailer)
            {
                _block[_filled++] = 0;
            }

            if (isLong)
            {
                _block[10] = (byte)(bits >> 24);
                _block[11] = (byte)(bits >> 16);
                _block[12] = (byte)(bits >> 8);
                _block[13] = (byte)bits;
                _block[14] = 0;
                _block[15] = 0;
            }
            else
            {
                _block[14] = (byte)(bits >> 8);
                _block[15] = (byte)bits;
            }

            _filled = 16;
            Absorb();
            System.Array.Copy(_hash, 0, digest, digestOffset, 16);
            Reset();
        }

        private void Absorb()
        {
            _aes.SetKey(_hash, 0);
            _aes.EncryptBlock(_block, 0, _cipher, 0);
            for (int i = 0; i < 16; i++)
            {
                _hash[i] = (byte)(_cipher[i] ^ _block[i]);
            }

            _filled = 0;
        }
    }
}
