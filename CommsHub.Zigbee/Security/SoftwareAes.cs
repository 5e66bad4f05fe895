namespace CommsHub.Security
{
    /// <summary>
    /// AES-128 encryption (FIPS-197) in managed code: the reference the native and host blocks are checked
    /// against, the block device tests run on, and the fallback for a firmware built without native crypto.
    /// The S-box is computed at first use from the GF(2^8) inverse and the affine map, not typed in.
    /// </summary>
    public sealed class SoftwareAes : IAesBlock
    {
        private static byte[] s_sbox;

        private readonly byte[] _roundKeys = new byte[176];
        private readonly byte[] _state = new byte[16];
        private readonly byte[] _chain = new byte[16];

        public SoftwareAes()
        {
            if (s_sbox == null)
            {
                s_sbox = BuildSbox();
            }
        }

        public void SetKey(byte[] key, int offset)
        {
            byte[] w = _roundKeys;
            System.Array.Copy(key, offset, w, 0, 16);
            byte rcon = 1;
            for (int i = 16; i < 176; i += 4)
            {
                byte t0 = w[i - 4], t1 = w[i - 3], t2 = w[i - 2], t3 = w[i - 1];
                if (i % 16 == 0)
                {
                    byte rotated = t0;
                    t0 = (byte)(s_sbox[t1] ^ rcon);
                    t1 = s_sbox[t2];
                    t2 = s_sbox[t3];
                    t3 = s_sbox[rotated];
                    rcon = XTime(rcon);
                }

                w[i] = (byte)(w[i - 16] ^ t0);
                w[i + 1] = (byte)(w[i - 15] ^ t1);
                w[i + 2] = (byte)(w[i - 14] ^ t2);
                w[i + 3] = (byte)(w[i - 13] ^ t3);
            }
        }

        public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            byte[] s = _state;
            byte[] sbox = s_sbox;
            byte[] w = _roundKeys;
            for (int i = 0; i < 16; i++)
            {
                s[i] = (byte)(input[inputOffset + i] ^ w[i]);
            }

            for (int round = 1; round <= 10; round++)
            {
                // SubBytes and ShiftRows together: row r of the state (bytes r, r+4, r+8, r+12) rotates left by r.
                byte t;
                s[0] = sbox[s[0]]; s[4] = sbox[s[4]]; s[8] = sbox[s[8]]; s[12] = sbox[s[12]];
                t = s[1]; s[1] = sbox[s[5]]; s[5] = sbox[s[9]]; s[9] = sbox[s[13]]; s[13] = sbox[t];
                t = s[2]; s[2] = sbox[s[10]]; s[10] = sbox[t]; t = s[6]; s[6] = sbox[s[14]]; s[14] = sbox[t];
                t = s[15]; s[15] = sbox[s[11]]; s[11] = sbox[s[7]]; s[7] = sbox[s[3]]; s[3] = sbox[t];
                if (round != 10)
                {
                    for (int c = 0; c < 16; c += 4)
                    {
                        byte a0 = s[c], a1 = s[c + 1], a2 = s[c + 2], a3 = s[c + 3];
                        byte all = (byte)(a0 ^ a1 ^ a2 ^ a3);
                        s[c] = (byte)(a0 ^ all ^ XTime((byte)(a0 ^ a1)));
                        s[c + 1] = (byte)(a1 ^ all ^ XTime((byte)(a1 ^ a2)));
                        s[c + 2] = (byte)(a2 ^ all ^ XTime((byte)(a2 ^ a3)));
                        s[c + 3] = (byte)(a3 ^ all ^ XTime((byte)(a3 ^ a0)));
                    }
                }

                int k = round * 16;
                for (int i = 0; i < 16; i++)
                {
                    s[i] ^= w[k + i];
                }
            }

            System.Array.Copy(s, 0, output, outputOffset, 16);
        }

        public void EncryptBlocks(byte[] buffer, int offset, int blocks)
        {
            for (int b = 0; b < blocks; b++)
            {
                EncryptBlock(buffer, offset + 16 * b, buffer, offset + 16 * b);
            }
        }

        public void CbcMac(byte[] buffer, int offset, int blocks, byte[] mac, int macOffset)
        {
            byte[] x = _chain;
            System.Array.Clear(x, 0, 16);
            for (int b = 0; b < blocks; b++)
            {
                for (int i = 0; i < 16; i++)
                {
                    x[i] ^= buffer[offset + 16 * b + i];
                }

                EncryptBlock(x, 0, x, 0);
            }

            System.Array.Copy(x, 0, mac, macOffset, 16);
        }

        private static byte XTime(byte b)
        {
            return (byte)((b << 1) ^ ((b & 0x80) != 0 ? 0x1B : 0));
        }

        private static byte[] BuildSbox()
        {
            // Walk p over the multiplicative group with generator 3 and q over it with 3's inverse (0xF6), so q = 1/p.
            byte[] sbox = new byte[256];
            byte p = 1, q = 1;
            do
            {
                p = (byte)(p ^ XTime(p));
                q ^= (byte)(q << 1);
                q ^= (byte)(q << 2);
                q ^= (byte)(q << 4);
                if ((q & 0x80) != 0)
                {
                    q ^= 0x09;
                }

                int x = q ^ Rotl(q, 1) ^ Rotl(q, 2) ^ Rotl(q, 3) ^ Rotl(q, 4);
                sbox[p] = (byte)(x ^ 0x63);
            }
            while (p != 1);

            sbox[0] = 0x63;
            return sbox;
        }

        private static int Rotl(byte x, int shift)
        {
            return ((x << shift) | (x >> (8 - shift))) & 0xFF;
        }
    }
}
