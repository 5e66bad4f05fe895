using System;
using System.Security.Cryptography;
using CommsHub.Crypto;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests
{
    /// <summary>The device's managed SHA-256 and CRC-32 against .NET's own, over every awkward length.</summary>
    [TestClass]
    public class CryptoCrossCheckTests
    {
        [TestMethod]
        public void Sha256MatchesDotNetForEveryLengthAcrossTwoBlocksAndInAnyChunking()
        {
            var random = new Random(3);
            var ours = new Sha256();
            for (int length = 0; length <= 300; length++)
            {
                byte[] data = new byte[length];
                random.NextBytes(data);
                byte[] expected = SHA256.HashData(data);

                Assert.IsTrue(expected.AsSpan().SequenceEqual(Sha256.Hash(data, 0, length)), "one shot, length " + length);

                int at = 0;
                while (at < length)
                {
                    int chunk = Math.Min(random.Next(1, 70), length - at);
                    ours.Update(data, at, chunk);
                    at += chunk;
                }

                byte[] hash = new byte[32];
                ours.Finish(hash, 0);
                Assert.IsTrue(expected.AsSpan().SequenceEqual(hash), "chunked, length " + length);
            }
        }

        [TestMethod]
        public void Sha256OfA768000ByteImageMatches()
        {
            byte[] image = new byte[768000];
            new Random(768).NextBytes(image);

            Assert.IsTrue(SHA256.HashData(image).AsSpan().SequenceEqual(Sha256.Hash(image, 0, image.Length)));
        }

        [TestMethod]
        public void Crc32MatchesTheStandardCheckValueAndZlib()
        {
            byte[] check = System.Text.Encoding.ASCII.GetBytes("123456789");

            Assert.AreEqual(0xCBF43926u, Crc32.Compute(check, 0, check.Length));
            byte[] data = new byte[1000];
            new Random(5).NextBytes(data);
            Assert.AreEqual(GzipCrc(data), Crc32.Compute(data, 0, data.Length));
        }

        /// <summary>A gzip stream ends with the CRC-32 of its content: an implementation we did not write.</summary>
        private static uint GzipCrc(byte[] data)
        {
            var packed = new System.IO.MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(data, 0, data.Length);
            }

            byte[] bytes = packed.ToArray();
            return BitConverter.ToUInt32(bytes, bytes.Length - 8);
        }
    }
}
