using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Tests.Security;

namespace CommsHub.Tests.Clusters.KeyEstablishment
{
    /// <summary>Hands the responder the published examples' ephemeral private keys.</summary>
    public sealed class FixedEphemeralKeys : IEphemeralKeySource
    {
        private readonly byte[] _suite1;
        private readonly byte[] _suite2;

        public FixedEphemeralKeys(string suite1Hex, string suite2Hex)
        {
            _suite1 = TestBytes.Parse(suite1Hex);
            _suite2 = TestBytes.Parse(suite2Hex);
        }

        public int Taken { get; private set; }

        public void NextPrivateKey(ushort suite, byte[] key, int offset, int length)
        {
            byte[] source = suite == KeyEstablishmentSuite.Suite1 ? _suite1 : _suite2;
            System.Array.Copy(source, 0, key, offset, length);
            Taken++;
        }
    }
}
