using CommsHub.Security;

namespace CommsHub.Tests.Security
{
    /// <summary>Counts the calls a primitive makes into the AES block: each is one native call on the board.</summary>
    public sealed class CountingAes : IAesBlock
    {
        private readonly IAesBlock _inner;

        public CountingAes(IAesBlock inner)
        {
            _inner = inner;
        }

        public int Calls { get; set; }

        public int KeySets { get; set; }

        public void SetKey(byte[] key, int offset)
        {
            KeySets++;
            _inner.SetKey(key, offset);
        }

        public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            Calls++;
            _inner.EncryptBlock(input, inputOffset, output, outputOffset);
        }

        public void EncryptBlocks(byte[] buffer, int offset, int blocks)
        {
            Calls++;
            _inner.EncryptBlocks(buffer, offset, blocks);
        }

        public void CbcMac(byte[] buffer, int offset, int blocks, byte[] mac, int macOffset)
        {
            Calls++;
            _inner.CbcMac(buffer, offset, blocks, mac, macOffset);
        }
    }
}
