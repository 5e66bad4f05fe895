#nullable disable
using System;
using System.Diagnostics;
using System.IO;
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
            output.WriteLine("Turn budget {0} units (CbkeTimeSlicePolicy: {1} ms at {2:N0} IL/s).",
                CbkeTimeSlicePolicy.TurnBudget, CbkeTimeSlicePolicy.TurnMilliseconds, CbkeTimeSlicePolicy.PlanningIlPerSecond);
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

                Row(output, "main-loop turns", ilExchange.Steps, ilFull.Steps);
                Row(output, "dearest turn, IL", ilExchange.LargestStep.ToString("N0"), ilFull.LargestStep.ToString("N0"));
                Row(output, "dearest turn, ms at planning rate",
                    (1000.0 * ilExchange.LargestStep / CbkeTimeSlicePolicy.PlanningIlPerSecond).ToString("F1"),
                    (1000.0 * ilFull.LargestStep / CbkeTimeSlicePolicy.PlanningIlPerSecond).ToString("F1"));
                output.WriteLine("  IL per field multiplication {0:N0}, per squaring {1:N0}; {2:F0} IL per budget unit over the exchange",
                    ilExchange.PerMultiplication, ilExchange.PerSquaring, (double)ilExchange.Total / EccCost.Of(exchange));
                output.WriteLine();
            }
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
            output.WriteLine("  {0,-36}{1,14}{2,16}", name, exchange, full);
        }
    }
}
