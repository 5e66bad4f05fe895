using System;
using System.Security.Cryptography;
using CommsHub.Security;

namespace CommsHub.VirtualBoard.Crypto
{
    /// <summary>
    /// The virtual board's AES block: .NET's AES-128, keyed once per <see cref="SetKey"/>, working on spans so a
    /// call allocates nothing. It stands where the board has the native AES of nanoFramework.
    /// </summary>
    public sealed class DotNetAes : IAesBlock, IDisposable
    {
        private readonly Aes _aes = Aes.Create();
        private readonly byte[] _key = new byte[16];
        private readonly byte[] _zeroIv = new byte[16];
        private readonly byte[] _cbcOut = new byte[16 * 32];
        private bool _keyChanged = true;

        public void SetKey(byte[] key, int offset)
        {
            if (!_keyChanged && key.AsSpan(offset, 16).SequenceEqual(_key))
            {
                return;
            }

            Array.Copy(key, offset, _key, 0, 16);

            // SetKey keeps the caller's span contents without allocating a new key array per call.
            _aes.SetKey(_key);
            _keyChanged = false;
        }

        public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            _aes.EncryptEcb(input.AsSpan(inputOffset, 16), output.AsSpan(outputOffset, 16), PaddingMode.None);
        }

        public void EncryptBlocks(byte[] buffer, int offset, int blocks)
        {
            Span<byte> data = buffer.AsSpan(offset, blocks * 16);
            _aes.EncryptEcb(data, data, PaddingMode.None);
        }

        public void CbcMac(byte[] buffer, int offset, int blocks, byte[] mac, int macOffset)
        {
            Span<byte> output = blocks * 16 <= _cbcOut.Length ? _cbcOut.AsSpan(0, blocks * 16) : new byte[blocks * 16];
            _aes.EncryptCbc(buffer.AsSpan(offset, blocks * 16), _zeroIv, output, PaddingMode.None);
            output.Slice((blocks - 1) * 16, 16).CopyTo(mac.AsSpan(macOffset, 16));
        }

        public void Dispose() => _aes.Dispose();
    }
}
