#nullable disable
using System;
using System.Diagnostics;
using System.IO;
using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Security.Ecc;

namespace CommsHub.Benchmarks
{
    /// <summary>
    /// Operation counts, interpreted IL instructions, host time and allocation of one responder CBKE
    /// computation per suite, and the ESP32 estimate derived from them (method: README, "CBKE").
    /// </summary>
    public static class CbkeFigures
    {
        public static void Print(TextWriter output)
        {
            output.WriteLine("CBKE responder curve work on the published examples: ECQV reconstruction of the initiator's key and");
            output.WriteLine("ECMQV, with the responder's ephemeral key pair prepared while idle (\"exchange\") and made in the");
            output.WriteLine("exchange (\"with key pair\"). ESP32 time = interpreted IL instructions / interpreter speed.");
            output.WriteLine("Curve slice {0} units (CbkeTimeSlicePolicy: {1} ms of each {2} ms turn at {3:N0} IL/s, InterpreterSpeedPolicy).",
                CbkeTimeSlicePolicy.TurnBudget, CbkeTimeSlicePolicy.SliceMilliseconds, CbkeTimeSlicePolicy.TurnMilliseconds, CbkeTimeSlicePolicy.PlanningIlPerSecond);
            output.WriteLine();
            for (int suite = 1; suite <= 2; suite++)
            {
                CbkeInputs inputs = CbkeInputs.Suite(suite);
                KoblitzCurve curve = inputs.Curve;
                output.WriteLine("suite {0} ({1}, m = {2}, {3} limbs)", suite, suite == 1 ? "sect163k1" : "sect283k1", curve.Field.Degree, curve.Field.Limbs);
                Row(output, "", "exchange", "with key pair");
                EccCounters exchange = Count(inputs, true);
                EccCounters full = Count(inputs, false);
                Row(output, "field multiplications", exchange.FieldMultiplications, full.FieldMultiplications);
                Row(output, "field squarings", exchange.FieldSquarings, full.FieldSquarings);
                Row(output, "field inversions (in the above)", exchange.FieldInversions, full.FieldInversions);
                Row(output, "point additions", exchange.PointAdditions, full.PointAdditions);
                Row(output, "point doublings", exchange.PointDoublings, full.PointDoublings);
                Row(output, "scalar reduction bits", exchange.ScalarReductionBits, full.ScalarReductionBits);
                HostCost(inputs, true, out double msExchange, out long bytesExchange);
                HostCost(inputs, false, out double msFull, out long bytesFull);
                Row(output, "host time, ms", msExchange.ToString("F2"), msFull.ToString("F2"));
                Row(output, "host bytes allocated", bytesExchange, bytesFull);
                IlFigures ilExchange = IlFigures.Measure(inputs, true);
                IlFigures ilFull = IlFigures.Measure(inputs, false);
                Row(output, "IL instructions", ilExchange.Total.ToString("N0"), ilFull.Total.ToString("N0"));
                foreach (int rate in CbkeTimeSlicePolicyFigures.Rates)
                {
                    Row(output, string.Format("ESP32 s at {0:N0} IL/s", rate), ((double)ilExchange.Total / rate).ToString("F1"), ((double)ilFull.Total / rate).ToString("F1"));
                }

                Row(output, "curve slices (main-loop turns)", ilExchange.Steps, ilFull.Steps);
                Row(output, "dearest curve slice, IL", ilExchange.LargestStep.ToString("N0"), ilFull.LargestStep.ToString("N0"));
                Row(output, "dearest curve slice, ms at planning rate",
                    (1000.0 * ilExchange.LargestStep / CbkeTimeSlicePolicy.PlanningIlPerSecond).ToString("F1"),
                    (1000.0 * ilFull.LargestStep / CbkeTimeSlicePolicy.PlanningIlPerSecond).ToString("F1"));
                double rateShared = CbkeTimeSlicePolicy.PlanningIlPerSecond * KeyEstablishmentTimingPolicy.CurveSharePercent / 100.0;
                Row(output, string.Format("ESP32 s, {0}% of {1:N0} IL/s (target 30)", KeyEstablishmentTimingPolicy.CurveSharePercent, CbkeTimeSlicePolicy.PlanningIlPerSecond),
                    (ilExchange.Total / rateShared).ToString("F1"), (ilFull.Total / rateShared).ToString("F1"));

                // The exchange's main-loop turns: its curve slices (interpreted above) and the one derivation step (KDF and
                // both MACs: AES blocks, native on the board, charged WorkBudget.CbkeDerivationUnits).
                long largestExchange = Math.Max(ilExchange.LargestStep, Work.WorkBudget.CbkeDerivationUnits);
                long largestFull = Math.Max(ilFull.LargestStep, Work.WorkBudget.CbkeDerivationUnits);
                Row(output, "largest main-loop turn of it, IL", largestExchange.ToString("N0"), largestFull.ToString("N0"));
                Row(output, "  ESP32 ms at planning rate (of 20)",
                    (1000.0 * largestExchange / CbkeTimeSlicePolicy.PlanningIlPerSecond).ToString("F1"),
                    (1000.0 * largestFull / CbkeTimeSlicePolicy.PlanningIlPerSecond).ToString("F1"));
                Row(output, "  which is", ilExchange.LargestStep >= Work.WorkBudget.CbkeDerivationUnits ? "a curve slice" : "the derivation",
                    ilFull.LargestStep >= Work.WorkBudget.CbkeDerivationUnits ? "a curve slice" : "the derivation");
                output.WriteLine("  IL per field multiplication {0:N0}, per squaring {1:N0}; {2:F0} IL per budget unit over the exchange",
                    ilExchange.PerMultiplication, ilExchange.PerSquaring, (double)ilExchange.Total / EccCost.Of(exchange));
                KeyPairFigures(output, suite, inputs, rateShared);
                output.WriteLine();
            }
        }

        /// <summary>The provisioning check (ECQV of the initiator's published certificate and d·G with its published key).</summary>
        private static void KeyPairFigures(TextWriter output, int suite, CbkeInputs inputs, double rateShared)
        {
            KoblitzCurve curve = inputs.Curve;
            var d = new uint[curve.Field.Limbs];
            new ScalarModN(curve).TryReadPrivateKey(Convert.FromHexString(suite == 1
                ? "01E9DDB5580CF72ECE7F215F0AE594E48DF3E7FEE8"
                : "00F2561ADB39EF49C1D62EF5186C6E0C158A5A45BFCE38660931ACC3694592D5ACDE9006"), 0, d);
            var check = new KeyPairCheck(curve);
            check.Begin(inputs.PeerCertificate, inputs.ReconstructionOffset, inputs.PeerHash, inputs.CaPublic, d);
            var counter = new IlInstructionCounter(typeof(BinaryField).Namespace);
            var budget = new WorkBudget();
            long largest = 0;
            int slices = 0;
            bool done = false;
            while (!done)
            {
                budget.Remaining = CbkeTimeSlicePolicy.TurnBudget;
                long before = counter.Executed;
                done = (bool)counter.Invoke(check, nameof(EccTask.Step), budget);
                largest = Math.Max(largest, counter.Executed - before);
                slices++;
            }

            if (!check.Matches)
            {
                throw new InvalidOperationException("the published key does not match its certificate");
            }

            output.WriteLine("  provisioning key-pair check: {0:N0} IL in {1:N0} slices, dearest {2:N0} IL ({3:F1} ms); ESP32 {4:F1} s at the curve's share",
                counter.Executed, slices, largest, 1000.0 * largest / CbkeTimeSlicePolicy.PlanningIlPerSecond, counter.Executed / rateShared);
        }

        private static EccCounters Count(CbkeInputs inputs, bool prepared)
        {
            inputs.Curve.Counters.Reset();
            Run(inputs, prepared);
            var counts = new EccCounters();
            inputs.Curve.Counters.CopyTo(counts);
            return counts;
        }

        private static void HostCost(CbkeInputs inputs, bool prepared, out double milliseconds, out long bytes)
        {
            const int runs = 20;
            Run(inputs, prepared);
            var budget = new WorkBudget();
            var watch = new Stopwatch();
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            watch.Start();
            for (int i = 0; i < runs; i++)
            {
                inputs.Begin(prepared);
                budget.Remaining = int.MaxValue;
                inputs.Computation.Step(budget);
            }

            watch.Stop();
            bytes = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / runs;
            milliseconds = watch.Elapsed.TotalMilliseconds / runs;
            Run(inputs, prepared);
        }

        private static void Run(CbkeInputs inputs, bool prepared)
        {
            var unlimited = new WorkBudget { Remaining = int.MaxValue };
            inputs.Begin(prepared);
            inputs.Computation.Step(unlimited);
            if (Convert.ToHexString(inputs.Z) != inputs.ExpectedZ)
            {
                throw new InvalidOperationException("wrong Z");
            }
        }

        private static void Row(TextWriter output, string name, object exchange, object full)
        {
            output.WriteLine("  {0,-44}{1,16}{2,16}", name, exchange, full);
        }
    }
}
