namespace CommsHub.Security
{
    /// <summary>
    /// The AES-128 seam every Zigbee security primitive stands on. On the board it is the native AES of the
    /// nanoFramework crypto library, where each call crosses into native code and allocates its result, so the
    /// primitives above batch their work: a whole CTR keystream is one <see cref="EncryptBlocks"/> call and a
    /// whole CBC-MAC one <see cref="CbcMac"/> call.
    /// </summary>
    public interface IAesBlock
    {
        /// <summary>Sets the 16-byte key at <paramref name="offset"/>; it stays until the next call.</summary>
        void SetKey(byte[] key, int offset);

        /// <summary>Encrypts one block from <paramref name="input"/> into <paramref name="output"/> (the two may be the same place).</summary>
        void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset);

        /// <summary>ECB: encrypts <paramref name="blocks"/> consecutive 16-byte blocks in place.</summary>
        void EncryptBlocks(byte[] buffer, int offset, int blocks);

        /// <summary>
        /// CBC with a zero IV over <paramref name="blocks"/> blocks, leaving the buffer as it was; writes the last
        /// ciphertext block (the CBC-MAC) to <paramref name="mac"/>.
        /// </summary>
        void CbcMac(byte[] buffer, int offset, int blocks, byte[] mac, int macOffset);
    }
}
