using CommsHub.Security.Ecc;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Security.Ecc
{
    /// <summary>
    /// The responder's whole CBKE computation run in main-loop turns: no turn spends more than its budget,
    /// and the result is the one-shot result (and the published one).
    /// </summary>
    [TestClass]
    public class SlicingTests
    {
        [TestMethod]
        public void Suite1TurnsStayWithinBudgetAndAgreeWithTheOneShot()
        {
            Check(KoblitzCurve.CreateSect163k1(), EccTestData.Suite1StaticPrivateV, EccTestData.Suite1EphemeralPrivateV,
                EccTestData.Suite1CertU, EccTestData.Suite1ReconstructionOffset, EccTestData.Suite1HashU, EccTestData.Suite1CaPublic,
                EccTestData.Suite1EphemeralPublicU, EccTestData.Suite1EphemeralPublicV, EccTestData.Suite1Z, EccCost.LargestStep);
        }

        [TestMethod]
        public void Suite2TurnsStayWithinBudgetAndAgreeWithTheOneShot()
        {
            Check(KoblitzCurve.CreateSect283k1(), EccTestData.Suite2StaticPrivate1, EccTestData.Suite2EphemeralPrivate1,
                EccTestData.Suite2Cert2, EccTestData.Suite2ReconstructionOffset, EccTestData.Suite2Hash2, EccTestData.Suite2CaPublic,
                EccTestData.Suite2EphemeralPublic2, EccTestData.Suite2EphemeralPublic1, EccTestData.Suite2Z, CbkeTimeSlicePolicy.TurnBudget);
        }

        private static void Check(KoblitzCurve curve, string staticPrivate, string ephemeralPrivate, string peerCertificate, int reconOffset,
            string peerHash, string caPublic, string peerEphemeral, string expectedEphemeral, string expectedZ, int limit)
        {
            uint[] ds = EccTestData.PrivateKey(curve, staticPrivate);
            uint[] de = EccTestData.PrivateKey(curve, ephemeralPrivate);
            byte[] certificate = EccTestData.Bytes(peerCertificate);
            byte[] hash = EccTestData.Bytes(peerHash);
            AffinePoint ca = EccTestData.Decompress(curve, caPublic);
            byte[] peer = EccTestData.Bytes(peerEphemeral);

            CbkeResponderComputation oneShot = new CbkeResponderComputation(curve);
            byte[] ephemeralOnce = new byte[curve.CompressedPointLength];
            byte[] zOnce = new byte[curve.Field.ByteLength];
            oneShot.Begin(ds, de, ephemeralOnce, false, certificate, reconOffset, hash, ca, peer, 0, zOnce);
            EccTestData.Run(oneShot);
            Assert.AreEqual((int)PointStatus.Valid, (int)oneShot.Status);
            Assert.AreEqual(expectedZ, EccTestData.ToHex(zOnce));
            Assert.AreEqual(expectedEphemeral, EccTestData.ToHex(ephemeralOnce));

            EccCounters counters = curve.Counters;
            counters.Reset();
            CbkeResponderComputation sliced = new CbkeResponderComputation(curve);
            byte[] ephemeral = new byte[curve.CompressedPointLength];
            byte[] z = new byte[curve.Field.ByteLength];
            sliced.Begin(ds, de, ephemeral, false, certificate, reconOffset, hash, ca, peer, 0, z);
            WorkBudget budget = new WorkBudget();
            int turns = 0;
            int largest = 0;
            bool done = false;
            while (!done)
            {
                int before = EccCost.Of(counters);
                budget.Remaining = limit;
                done = sliced.Step(budget);
                int spent = EccCost.Of(counters) - before;
                Assert.IsTrue(spent <= limit, "a turn overspent");
                Assert.AreEqual(limit - budget.Remaining, spent, "spending is what the counters show");
                largest = spent > largest ? spent : largest;
                turns++;
                Assert.IsTrue(turns < 100000, "no progress");
            }

            Assert.IsTrue(turns > 100, "the work was really split");
            Assert.IsTrue(largest > limit / 2, "turns are used, not wasted");
            Assert.AreEqual(EccTestData.ToHex(zOnce), EccTestData.ToHex(z));
            Assert.AreEqual(EccTestData.ToHex(ephemeralOnce), EccTestData.ToHex(ephemeral));

            // With the ephemeral key pair prepared while idle, the exchange skips its derivation.
            int fullInversions = counters.FieldInversions;
            int fullMultiplications = counters.FieldMultiplications;
            byte[] zPrepared = new byte[curve.Field.ByteLength];
            counters.Reset();
            sliced.Begin(ds, de, ephemeral, true, certificate, reconOffset, hash, ca, peer, 0, zPrepared);
            EccTestData.Run(sliced);
            Assert.AreEqual(expectedZ, EccTestData.ToHex(zPrepared));
            Assert.AreEqual(fullInversions - 2, counters.FieldInversions, "no y recovery and compression of the own key");
            Assert.IsTrue(counters.FieldMultiplications < fullMultiplications - (4 * curve.Field.Degree), "no ladder for the own key");
        }
    }
}
