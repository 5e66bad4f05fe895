using System;
using CommsHub.Benchmarks;
using CommsHub.Security.Ecc;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Ecc
{
    /// <summary>
    /// The device-time rules of issue 13, checked on interpreted IL instruction counts (the nanoFramework
    /// interpreter's unit of work) at the policy's planning speed: no curve slice over its share of a turn (10 of
    /// 20 ms), and a suite 2 responder exchange (ephemeral key pair prepared while idle) within 30 s at that share.
    /// </summary>
    [TestClass]
    public class CbkeBudgetTests
    {
        [TestMethod]
        public void Suite2ExchangeFitsItsTurnsAndItsTime()
        {
            KoblitzCurve curve = KoblitzCurve.CreateSect283k1();
            var ds = new uint[curve.Field.Limbs];
            var de = new uint[curve.Field.Limbs];
            var scalars = new ScalarModN(curve);
            Assert.IsTrue(scalars.TryReadPrivateKey(Convert.FromHexString("0151CD0DBCB80474BF7AC9FEEBE39C7A32A63518938FCA9754AAE132BC9C73BE94A7E1BE"), 0, ds));
            Assert.IsTrue(scalars.TryReadPrivateKey(Convert.FromHexString("03D48C7210DDBCC4FB2E5E7A0AA16A0DB89540820B8DC091AB521EA824AFE117CADE995B"), 0, de));
            byte[] ownEphemeral = Convert.FromHexString("03009A5131CF5B92A016378C0F7F284ECD47F94010F875D43BF1E9A65474ADBFC63696A930");
            byte[] certificate = Convert.FromHexString("0084A933B37F018DEC0D081112131415161718005292A38AFFFFFFFF0A0B0C0D0E0F10128803076277E2F7E2252B16A0E92B6E8771BB3F207946CBD4A45D9A9DF6EDAB8C796A48E89DEC");
            byte[] hash = EccCrossCheckTests.AesMmo(certificate);
            byte[] caBytes = Convert.FromHexString("0207A445022D9F39F49BDC38380026A27A9E0A1799313AB28C5C1A1C6B605154DB1DFF6752");
            var ca = new AffinePoint(curve.Field.Limbs);
            var decompressor = new PointDecompressor(curve);
            decompressor.Begin(caBytes, 0, caBytes.Length, ca);
            Assert.IsTrue(decompressor.Step(new WorkBudget { Remaining = int.MaxValue }));
            byte[] peerEphemeral = Convert.FromHexString("0305F3394E15680660EECAA36788D9B6F312B971CE2C9617570BF7DFCD21C972017762C332");
            byte[] z = new byte[curve.Field.ByteLength];

            var computation = new CbkeResponderComputation(curve);
            computation.Begin(ds, de, ownEphemeral, true, certificate, 37, hash, ca, peerEphemeral, 0, z);
            var counter = new IlInstructionCounter(typeof(BinaryField).Namespace);
            var budget = new WorkBudget();
            long dearest = 0;
            bool done = false;
            while (!done)
            {
                budget.Remaining = CbkeTimeSlicePolicy.TurnBudget;
                long before = counter.Executed;
                done = (bool)counter.Invoke(computation, nameof(EccTask.Step), budget);
                dearest = Math.Max(dearest, counter.Executed - before);
            }

            Assert.AreEqual("04F7724A9A77B21D2747CCEF68A457E45246C4BE9F66FD9425227BCB2CC5180EA9CCCB9A", Convert.ToHexString(z));
            double rate = CbkeTimeSlicePolicy.PlanningIlPerSecond;
            double turnMs = 1000.0 * dearest / rate;
            double totalS = counter.Executed / rate;
            Console.WriteLine("suite 2 exchange: {0:N0} IL, {1:F1} s; dearest turn {2:N0} IL, {3:F1} ms (at {4:N0} IL/s)", counter.Executed, totalS, dearest, turnMs, rate);
            Assert.IsTrue(turnMs <= CbkeTimeSlicePolicy.SliceMilliseconds, "dearest slice " + turnMs + " ms");

            // The curve gets its slice's share of each turn, so the exchange's time on the device is its IL over that share.
            double sharedS = totalS * 100 / CommsHub.Clusters.KeyEstablishment.KeyEstablishmentTimingPolicy.CurveSharePercent;
            Assert.IsTrue(sharedS <= 30, "exchange " + sharedS + " s");
        }
    }
}
