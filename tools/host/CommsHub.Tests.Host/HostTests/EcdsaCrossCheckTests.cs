using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommsHub.Crypto;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests
{
    /// <summary>The device's managed ECDSA P-256 against .NET's, the RTDS alert vector and RFC 6979.</summary>
    [TestClass]
    public class EcdsaCrossCheckTests
    {
        [TestMethod]
        public void SignedHereVerifiesInDotNetAndTheKeysAgree()
        {
            var p256 = new P256();
            for (int i = 0; i < 5; i++)
            {
                using var dotnet = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                var parameters = dotnet.ExportParameters(includePrivateParameters: true);
                byte[] hash = SHA256.HashData(BitConverter.GetBytes(i));

                byte[] publicKey = p256.PublicKey(parameters.D);
                byte[] signature = p256.SignHash(hash, parameters.D);

                Assert.IsTrue(publicKey.AsSpan(0, 32).SequenceEqual(parameters.Q.X) && publicKey.AsSpan(32).SequenceEqual(parameters.Q.Y), "public key");
                Assert.IsTrue(dotnet.VerifyHash(hash, signature), ".NET rejects our signature " + i);
                hash[0] ^= 1;
                Assert.IsFalse(dotnet.VerifyHash(hash, signature));
            }
        }

        [TestMethod]
        public void SignedInDotNetVerifiesHere()
        {
            var p256 = new P256();
            using var dotnet = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var q = dotnet.ExportParameters(false).Q;
            byte[] publicKey = new byte[64];
            q.X.CopyTo(publicKey, 0);
            q.Y.CopyTo(publicKey, 32);
            for (int i = 0; i < 5; i++)
            {
                byte[] hash = SHA256.HashData(new byte[] { (byte)i, 7 });
                byte[] signature = dotnet.SignHash(hash);

                Assert.IsTrue(p256.VerifyHash(hash, signature, publicKey), "ours rejects .NET's signature " + i);
                signature[40] ^= 0x10;
                Assert.IsFalse(p256.VerifyHash(hash, signature, publicKey));
            }
        }

        [TestMethod]
        public void TheRtdsCcs08VectorVerifiesWithItsCertificate()
        {
            byte[] alert = Convert.FromHexString(File.ReadAllText(Vector("CCS08_NA_NA_ALERT_GBCS.HEX")).Trim());
            using var cert = X509Certificate2.CreateFromPem(File.ReadAllText(Vector("00db1234567890a2-ds.pem")));
            var q = cert.GetECDsaPublicKey().ExportParameters(false).Q;
            byte[] publicKey = new byte[64];
            q.X.CopyTo(publicKey, 0);
            q.Y.CopyTo(publicKey, 32);
            int end = 34 + alert[33];
            byte[] hash = Sha256.Hash(alert, 1, end - 1);
            byte[] signature = alert.AsSpan(end + 1, 64).ToArray();

            Assert.IsTrue(new P256().VerifyHash(hash, signature, publicKey));
        }

        [TestMethod]
        public void Rfc6979SampleVectorForP256AndSha256()
        {
            // RFC 6979 appendix A.2.5, message "sample".
            byte[] key = Convert.FromHexString("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");
            byte[] hash = SHA256.HashData(System.Text.Encoding.ASCII.GetBytes("sample"));

            byte[] signature = new P256().SignHash(hash, key);

            Assert.AreEqual("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8", Convert.ToHexString(signature));
        }

        [TestMethod]
        public void HmacSha256MatchesDotNet()
        {
            byte[] key = new byte[100];
            new Random(1).NextBytes(key);
            foreach (int keyLength in new[] { 0, 20, 64, 100 })
            {
                byte[] k = key.AsSpan(0, keyLength).ToArray();
                byte[] data = key.AsSpan(0, 77).ToArray();
                Assert.IsTrue(HMACSHA256.HashData(k, data).AsSpan().SequenceEqual(HmacSha256.Compute(k, data)), "key length " + keyLength);
            }
        }

        [TestMethod]
        public void AKeyOutsideTheGroupOrderIsRefused()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => new P256().PublicKey(new byte[32]));
            Assert.ThrowsException(typeof(ArgumentException), () => new P256().PublicKey(Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551")));
        }

        public static string Vector(string name) => RepoPaths.Of("tools/host/CommsHub.Tests.Host/Vectors/gbcs/" + name);
    }
}
