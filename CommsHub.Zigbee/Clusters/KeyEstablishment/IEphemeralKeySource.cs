namespace CommsHub.Clusters.KeyEstablishment
{
    /// <summary>Where the responder's ephemeral private keys come from: the entropy source on the hub, fixed keys in tests.</summary>
    public interface IEphemeralKeySource
    {
        /// <summary>Writes a fresh private key of <paramref name="length"/> bytes (big-endian) for <paramref name="suite"/>.</summary>
        void NextPrivateKey(ushort suite, byte[] key, int offset, int length);
    }
}
