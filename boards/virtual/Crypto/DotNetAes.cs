using System;
using System.Security.Cryptography;
using CommsHub.Security;

namespace CommsHub.VirtualBoard.Crypto
{
    /// <summary>
    /// The virtual board's AES block: .NET's AES-128 in ECB through one transform per key, so a frame's work
    /// allocates nothing once the key is set (the one-shot span APIs allocate per call). The transforms of the last
    /// few keys are kept, since the NWK and APS layers share the block and switch keys (network, link) every frame. It stands where the
    /// board has the native AES of nanoFramework; the CBC-MAC chains ECB blocks here, where the board makes one
    /// native CBC call.
    /// </summary>
    public sealed class DotNetAes : IAesBlock, IDisposable
    {
        private const int KeptKeys = 4;

        private readonly Aes _aes = Aes.Create();
        private readonly byte[][] _keys = new byte[KeptKeys][];
        private readonly ICryptoTransform[] _transforms = new ICryptoTransform[KeptKeys];
        private readonly byte[] _chain = new byte[16];
        private ICryptoTransform _ecb;
        private int _nextKept;

        public DotNetAes()
        {
            _aes.Mode = CipherMode.ECB;
            _aes.Padding = PaddingMode.None;
        }

        public void SetKey(byte[] key, int offset)
        {
            for (int i = 0; i < KeptKeys; i++)
            {
                if (_transforms[i] != null && key.AsSpan(offset, 16).SequenceEqual(_keys[i]))
                {
                    _ecb = _transforms[i];
                    return;
                }
            }

            int slot = _nextKept;
            _nextKept = (_nextKept + 1) % KeptKeys;
            _transforms[slot]?.Dispose();
            _keys[slot] = key.AsSpan(offset, 16).ToArray();
            _transforms[slot] = _aes.CreateEncryptor(_keys[slot], null);
            _ecb = _transforms[slot];
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
            foreach (ICryptoTransform t in _transforms)
            {
                t?.Dispose();
            }

            _aes.Dispose();
        }
    }
}
