using System.Security.Cryptography;

namespace CommsHub.Security
{
    /// <summary>
    /// The board's AES block: the native AES-128 of nanoFramework.System.Security.Cryptography (ECB and CBC,
    /// data a multiple of 16 bytes, each call allocating its result). A CCM* frame costs two native calls: one
    /// CBC over the whole formatted authentication input, one ECB over all counter blocks. Host builds leave this
    /// file out; the virtual board brings .NET's AES instead.
    /// </summary>
    public sealed class NativeAes : IAesBlock
    {
        // Frames are at most 127 bytes, so a CCM* input is at most 18 blocks; the MMO hash goes one block at a time.
        private const int MaxBlocks = 20;

        private readonly Aes _ecb = new Aes(CipherMode.ECB);
        private readonly Aes _cbc = new Aes(CipherMode.CBC);
        private readonly byte[] _key = new byte[16];

        // One input array per length, made once: the native call takes a whole array.
        private readonly byte[][] _inputs = new byte[MaxBlocks + 1][];

        public void SetKey(byte[] key, int offset)
        {
            System.Array.Copy(key, offset, _key, 0, 16);

            // The IV first, then the key: the zero IV makes CBC a CBC-MAC.
            _cbc.IV = new byte[16];
            _cbc.Key = _key;
            _ecb.Key = _key;
        }

        public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            byte[] data = Input(1);
            System.Array.Copy(input, inputOffset, data, 0, 16);
            byte[] result = _ecb.Encrypt(data);
            System.Array.Copy(result, 0, output, outputOffset, 16);
        }

        public void EncryptBlocks(byte[] buffer, int offset, int blocks)
        {
            byte[] data = Input(blocks);
            System.Array.Copy(buffer, offset, data, 0, blocks * 16);
            byte[] result = _ecb.Encrypt(data);
            System.Array.Copy(result, 0, buffer, offset, blocks * 16);
        }

        public void CbcMac(byte[] buffer, int offset, int blocks, byte[] mac, int macOffset)
        {
            byte[] data = Input(blocks);
            System.Array.Copy(buffer, offset, data, 0, blocks * 16);
            byte[] result = _cbc.Encrypt(data);
            System.Array.Copy(result, (blocks - 1) * 16, mac, macOffset, 16);
        }

        private byte[] Input(int blocks)
        {
            if (blocks > MaxBlocks)
            {
                return new byte[blocks * 16];
            }

            byte[] data = _inputs[blocks];
            if (data == null)
            {
                data = new byte[blocks * 16];
                _inputs[blocks] = data;
            }

            return data;
        }
    }
}
