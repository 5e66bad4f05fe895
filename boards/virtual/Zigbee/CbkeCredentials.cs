namespace CommsHub.VirtualBoard.Zigbee
{
    /// <summary>
    /// Key Establishment credentials a device holds for one suite (1: sect163k1, 2: sect283k1): its implicit
    /// certificate, its static private key and its CA's public key (compressed).
    /// </summary>
    public sealed class CbkeCredentials
    {
        public ushort Suite;
        public byte[] Certificate;
        public byte[] PrivateKey;
        public byte[] CaPublicKey;
    }
}
