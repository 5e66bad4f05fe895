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
            output.WriteLine("CBKE responder computation (ephemeral key pair, ECQV reconstruction, ECMQV), published examples");
            output.WriteLine();
            for (int suite = 1; suite <= 2; suite++)
            {
                PrintSuite(output, suite);
            }
        }

        private static void PrintSuite(TextWriter output, int suite)
        {
            CbkeInputs inputs = CbkeInputs.Suite(suite);
            KoblitzCurve curve = inputs.Curve;
            var unlimited = new WorkBudget();

            // Counts and a check of the result.
            curve.Counters.Reset();
            inputs.Begin();
            unlimited.Remaining = int.MaxValue;
            inputs.Computation.Step(unlimited);
            string z = Convert.ToHexString(inputs.Z);
            if (z != inputs.ExpectedZ)
            {
                throw new InvalidOperationException("wrong Z " + z);
            }

            var counts = new EccCounters();
            curve.Counters.CopyTo(counts);

            // Host time and allocation, warm.
            const int runs = 20;
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < runs; i++)
            {
                inputs.Begin();
                unlimited.Remaining = int.MaxValue;
                inputs.Computation.Step(unlimited);
            }

            watch.Stop();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

            // Interpreted IL instructions: the whole computation, and one field operation of each kind.
            IlFigures il = IlFigures.Measure(inputs);

            output.WriteLine("suite {0} ({1}, m = {2}, {3} limbs)", suite, suite == 1 ? "sect163k1" : "sect283k1", curve.Field.Degree, curve.Field.Limbs);
            output.WriteLine("  field multiplications   {0,8}", counts.FieldMultiplications);
            output.WriteLine("  field squarings         {0,8}", counts.FieldSquarings);
            output.WriteLine("  field inversions        {0,8}   (Itoh-Tsujii, counted in the multiplications and squarings above)", counts.FieldInversions);
            output.WriteLine("  point additions         {0,8}   (ladder x-only additions and affine additions)", counts.PointAdditions);
            output.WriteLine("  point doublings         {0,8}", counts.PointDoublings);
            output.WriteLine("  scalar reduction bits   {0,8}", counts.ScalarReductionBits);
            output.WriteLine("  host time               {0,8:F2} ms per computation (mean of {1})", watch.Elapsed.TotalMilliseconds / runs, runs);
            output.WriteLine("  bytes allocated         {0,8} per computation", allocated / runs);
            output.WriteLine("  IL per multiplication   {0,8}", il.PerMultiplication);
            output.WriteLine("  IL per squaring         {0,8}", il.PerSquaring);
            output.WriteLine("  IL, whole computation   {0,8}  ({1:F1} per multiplication-equivalent of budget)", il.Total, (double)il.Total * EccCost.Multiplication / EccCost.Of(counts));
            foreach (int rate in CbkeTimeSlicePolicyFigures.Rates)
            {
                output.WriteLine("  ESP32 estimate at {0,4} k IL/s  {1,7:F1} s", rate / 1000, (double)il.Total / rate);
            }

            output.WriteLine("  largest budgeted step   {0,8} IL  ({1:F1} ms at the planning rate of {2} k IL/s)",
                il.LargestStep, 1000.0 * il.LargestStep / CbkeTimeSlicePolicyFigures.PlanningRate, CbkeTimeSlicePolicyFigures.PlanningRate / 1000);
            output.WriteLine();
        }
    }
}
