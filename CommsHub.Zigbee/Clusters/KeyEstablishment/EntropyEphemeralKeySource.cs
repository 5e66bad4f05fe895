using CommsHub.Platform;

namespace CommsHub.Clusters.KeyEstablishment
{
    /// <summary>
    /// Ephemeral private keys from the hardware generator, kept below 2^(f-1) (f the bit length of the group
    /// order: 163 or 281), so below n, and never zero.
    /// </summary>
    public sealed class EntropyEphemeralKeySource : IEphemeralKeySource
    {
        private readonly IEntropySource _entropy;
        private readonly byte[] _buffer = new byte[36];

        public EntropyEphemeralKeySource(IEntropySource entropy)
        {
            _entropy = entropy;
        }

        public void NextPrivateKey(ushort suite, byte[] key, int offset, int length)
        {
            int orderBits = suite == KeyEstablishmentSuite.Suite1 ? 163 : 281;
            _entropy.Fill(_buffer);
            int topBits = orderBits - 1 - (8 * (length - 1));
            int mask = topBits <= 0 ? 0 : topBits >= 8 ? 0xFF : (1 << topBits) - 1;
            System.Array.Copy(_buffer, 0, key, offset, length);
            key[offset] = (byte)(key[offset] & mask);
            key[offset + length - 1] |= 1;
            System.Array.Clear(_buffer, 0, _buffer.Length);
        }
    }
}
