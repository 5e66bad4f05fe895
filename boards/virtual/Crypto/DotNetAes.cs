using System;
using System.Security.Cryptography;
using CommsHub.Security;

namespace CommsHub.VirtualBoard.Crypto
{
    /// <summary>
    /// The virtual board's AES block: .NET's AES-128 in ECB through one transform per key, so a frame's work
    /// allocates nothing once the key is set (the one-shot span APIs allocate per call). It stands where the
    /// board has the native AES of nanoFramework; the CBC-MAC chains ECB blocks here, where the board makes one
    /// native CBC call.
    /// </summary>
    public sealed class DotNetAes : IAesBlock, IDisposable
    {
        private readonly Aes _aes = Aes.Create();
        private readonly byte[] _key = new byte[16];
        private readonly byte[] _chain = new byte[16];
        private ICryptoTransform _ecb;

        public DotNetAes()
        {
            _aes.Mode = CipherMode.ECB;
            _aes.Padding = PaddingMode.None;
        }

        public void SetKey(byte[] key, int offset)
        {
            if (_ecb != null && key.AsSpan(offset, 16).SequenceEqual(_key))
            {
                return;
            }

            Array.Copy(key, offset, _key, 0, 16);
            _ecb?.Dispose();
            _ecb = _aes.CreateEncryptor(_key, null);
        }

        public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            _ecb.TransformBlock(input, inputOffset, 16, output, outputOffset);
        }

        public void EncryptBlocks(byte[] buffer, int offset, int blocks)
        {
            _ecb.TransformBlock(buffer, offset, blocks * 16, buffer, offset);
        }

        public void CbcMac(byte[] buffer, int offset, int blocks, byte[] mac, int macOffset)
        {
            Array.Clear(_chain);
            for (int b = 0; b < blocks; b++)
            {
                for (int i = 0; i < 16; i++)
                {
                    _chain[i] ^= buffer[offset + 16 * b + i];
                }

                _ecb.TransformBlock(_chain, 0, 16, _chain, 0);
            }

            Array.Copy(_chain, 0, mac, macOffset, 16);
        }

        public void Dispose()
        {
            _ecb?.Dispose();
            _aes.Dispose();
        }
    }
}
