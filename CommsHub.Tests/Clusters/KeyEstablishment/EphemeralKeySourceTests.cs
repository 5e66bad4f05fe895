using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Platform;
using CommsHub.Tests.Security;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Clusters.KeyEstablishment
{
    /// <summary>Ephemeral keys from entropy stay below 2^(f-1), so below n, and are never zero.</summary>
    [TestClass]
    public class EphemeralKeySourceTests
    {
        [TestMethod]
        public void KeysFromAllOnesStayBelowTheOrder()
        {
            EntropyEphemeralKeySource source = new EntropyEphemeralKeySource(new Constant(0xFF));
            byte[] key1 = new byte[21];
            source.NextPrivateKey(KeyEstablishmentSuite.Suite1, key1, 0, 21);
            Assert.AreEqual("03FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", TestBytes.ToHex(key1, 0, 21));
            byte[] key2 = new byte[36];
            source.NextPrivateKey(KeyEstablishmentSuite.Suite2, key2, 0, 36);
            Assert.AreEqual((byte)0x00, key2[0]);
            Assert.AreEqual((byte)0xFF, key2[1]);
        }

        [TestMethod]
        public void KeysFromZeroEntropyAreNotZero()
        {
            EntropyEphemeralKeySource source = new EntropyEphemeralKeySource(new Constant(0x00));
            byte[] key = new byte[21];
            source.NextPrivateKey(KeyEstablishmentSuite.Suite1, key, 0, 21);
            Assert.AreEqual((byte)0x01, key[20]);
        }

        private sealed class Constant : IEntropySource
        {
            private readonly byte _value;

            public Constant(byte value)
            {
                _value = value;
            }

            public void Fill(byte[] buffer)
            {
                for (int i = 0; i < buffer.Length; i++)
                {
                    buffer[i] = _value;
                }
            }
        }
    }
}
