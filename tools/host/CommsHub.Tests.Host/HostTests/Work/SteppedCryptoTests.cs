using System;
using System.Security.Cryptography;
using CommsHub.Crypto;
using CommsHub.Work;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Work
{
    /// <summary>The stepped P-256 gives the same keys and signatures as the one-shot code, and no step is large.</summary>
    [TestClass]
    public class SteppedCryptoTests
    {
        [TestMethod]
        public void SteppedPublicKeysAndSignaturesMatchTheOneShotOnesAndDotNet()
        {
            var random = new Random(7);
            for (int n = 0; n < 4; n++)
            {
                byte[] key = new byte[32];
                random.NextBytes(key);
                key[0] &= 0x7F;
                byte[] message = new byte[141];
                random.NextBytes(message);
                var meter = new WorkMeter();
                var curve = new P256 { Meter = meter };

                var publicJob = new PublicKeyJob(curve, key);
                int largest = Run(publicJob, meter, out _);
                var signing = new EcdsaSigningJob(curve, key, message, 0, message.Length);
                largest = Math.Max(largest, Run(signing, meter, out int multiplications));

                Assert.IsTrue(publicJob.PublicKey.AsSpan().SequenceEqual(new P256().PublicKey(key)));
                Assert.IsTrue(signing.Signature.AsSpan().SequenceEqual(new P256().SignHash(SHA256.HashData(message), key)));
                using var ecdsa = ECDsa.Create(new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = publicJob.PublicKey[..32], Y = publicJob.PublicKey[32..] },
                });
                Assert.IsTrue(ecdsa.VerifyData(message, signing.Signature, HashAlgorithmName.SHA256));
                Assert.IsTrue(largest <= signing.LargestStepUnits, "a step cost " + largest + " units, more than it promised");

                // The field-multiplication cost in WorkBudget is 27 million IL operations (measured per signature) over this count.
                OutputHelper.WriteLine($"signature: {multiplications} field multiplications, largest step {largest} units");
                Assert.IsTrue(multiplications > 4000 && multiplications < 5200, "field multiplications per signature: " + multiplications);
            }
        }

        [TestMethod]
        public void SlicingByFourCrcMatchesTheBitwiseDefinition()
        {
            var random = new Random(3);
            foreach (int length in new[] { 0, 1, 2, 3, 4, 5, 7, 8, 9, 31, 64, 1041 })
            {
                byte[] data = new byte[length + 3];
                random.NextBytes(data);
                Assert.AreEqual(Bitwise(data, 3, length), Crc32.Compute(data, 3, length), "length " + length);
            }

            Assert.AreEqual(0xCBF43926u, Crc32.Compute(System.Text.Encoding.ASCII.GetBytes("123456789"), 0, 9));
        }

        private static int Run(IWorkItem job, WorkMeter meter, out int multiplications)
        {
            int largest = 0;
            multiplications = 0;
            bool done = false;
            while (!done)
            {
                meter.StartTurn();
                done = job.Step();
                largest = Math.Max(largest, meter.Units);
                multiplications += meter.FieldMultiplications;
            }

            return largest;
        }

        private static uint Bitwise(byte[] data, int offset, int count)
        {
            uint crc = 0xFFFFFFFF;
            for (int i = 0; i < count; i++)
            {
                crc ^= data[offset + i];
                for (int k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
                }
            }

            return ~crc;
        }
    }
}
