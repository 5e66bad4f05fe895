namespace CommsHub.Security
{
    /// <summary>
    /// The Zigbee keyed hash for message authentication (Zigbee specification Annex B.1.4, HMAC over AES-MMO):
    /// MAC = H((K xor opad) || H((K xor ipad) || text)), ipad 0x36, opad 0x5C, K 16 bytes. With one-byte texts it
    /// makes the key-transport key (text 0x00) and key-load key (0x02) from a link key (section 4.5.3).
    /// </summary>
    public sealed class KeyedHash
    {
        public const byte KeyTransportInput = 0x00;
        public const byte KeyLoadInput = 0x02;

        private const byte Ipad = 0x36;
        private const byte Opad = 0x5C;

        private readonly AesMmoHash _mmo;
        private readonly byte[] _inner = new byte[16];
        private readonly byte[] _pad = new byte[16];
        private readonly byte[] _one = new byte[1];

        public KeyedHash(IAesBlock aes)
        {
            _mmo = new AesMmoHash(aes);
        }

        public void Compute(byte[] key, int keyOffset, byte[] text, int textOffset, int textLength, byte[] mac, int macOffset)
        {
            Pad(key, keyOffset, Ipad);
            _mmo.Reset();
            _mmo.Update(_pad, 0, 16);
            _mmo.Update(text, textOffset, textLength);
            _mmo.Final(_inner, 0);
            Pad(key, keyOffset, Opad);
            _mmo.Update(_pad, 0, 16);
            _mmo.Update(_inner, 0, 16);
            _mmo.Final(mac, macOffset);
        }

        public void Compute(byte[] key, int keyOffset, byte text, byte[] mac, int macOffset)
        {
            _one[0] = text;
            Compute(key, keyOffset, _one, 0, 1, mac, macOffset);
        }

        /// <summary>The key that secures an APS Transport-Key carrying a NWK key or TC link key (key id 2).</summary>
        public void KeyTransportKey(byte[] linkKey, int offset, byte[] key, int keyOffset)
        {
            Compute(linkKey, offset, KeyTransportInput, key, keyOffset);
        }

        /// <summary>The key that secures an APS Transport-Key carrying an application link key (key id 3).</summary>
        public void KeyLoadKey(byte[] linkKey, int offset, byte[] key, int keyOffset)
        {
            Compute(linkKey, offset, KeyLoadInput, key, keyOffset);
        }

        private void Pad(byte[] key, int keyOffset, byte pad)
        {
            for (int i = 0; i < 16; i++)
            {
                _pad[i] = (byte)(key[keyOffset + i] ^ pad);
            }
        }
    }
}
