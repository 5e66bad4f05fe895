using System;
using System.Security.Cryptography;
using CommsHub.Security;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Security
{
    /// <summary>
    /// The AES-MMO padding around the 2^16-bit boundary, against the rule as the Zigbee specification (B.6) words
    /// it, applied here by hand to blocks hashed with .NET's AES: short messages end 0x80, zeros, 16-bit length;
    /// from 2^16 bits, 0x80, zeros, 32-bit length, 16 zero bits. zigbee-on-host knows only the short form.
    /// </summary>
    [TestClass]
    public class MmoLongMessageTests
    {
        [TestMethod]
        [DataRow(8191)]
        [DataRow(8192)]
        [DataRow(8200)]
        [DataRow(9000)]
        public void PaddingFollowsTheRuleOnBothSidesOfTwoToTheSixteenBits(int length)
        {
            byte[] message = new byte[length];
            new Random(length).NextBytes(message);
            byte[] ours = new byte[16];
            new AesMmoHash(new SoftwareAes()).Compute(message, 0, length, ours, 0);
            Assert.AreEqual(Convert.ToHexString(ByTheRule(message)), Convert.ToHexString(ours), "length " + length);
        }

        private static byte[] ByTheRule(byte[] m)
        {
            long bits = (long)m.Length * 8;
            bool isLong = bits >= 1 << 16;
            int trailer = isLong ? 6 : 2;
            int padded = m.Length + 1 + trailer;
            padded = (padded + 15) / 16 * 16;
            byte[] x = new byte[padded];
            m.CopyTo(x, 0);
            x[m.Length] = 0x80;
            if (isLong)
            {
                x[padded - 6] = (byte)(bits >> 24);
                x[padded - 5] = (byte)(bits >> 16);
                x[padded - 4] = (byte)(bits >> 8);
                x[padded - 3] = (byte)bits;
            }
            else
            {
                x[padded - 2] = (byte)(bits >> 8);
                x[padded - 1] = (byte)bits;
            }

            byte[] h = new byte[16];
            using var aes = Aes.Create();
            for (int at = 0; at < padded; at += 16)
            {
                aes.Key = h;
                byte[] e = aes.EncryptEcb(x.AsSpan(at, 16), PaddingMode.None);
                for (int i = 0; i < 16; i++)
                {
                    h[i] = (byte)(e[i] ^ x[at + i]);
                }
            }

            return h;
        }
    }
}
