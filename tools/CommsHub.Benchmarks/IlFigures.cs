#nullable disable
using System;
using CommsHub.Security.Ecc;

namespace CommsHub.Benchmarks
{
    /// <summary>Interpreted IL instruction counts of the curve arithmetic (see IlInstructionCounter).</summary>
    public sealed class IlFigures
    {
        public long PerMultiplication;
        public long PerSquaring;
        public long Total;
        public long LargestStep;
        public int Steps;

        public static IlFigures Measure(CbkeInputs inputs, bool prepared)
        {
            var figures = new IlFigures();
            BinaryField field = inputs.Curve.Field;
            var counter = new IlInstructionCounter(typeof(BinaryField).Namespace);
            var random = new Random(7);
            uint[] a = field.NewElement();
            uint[] b = field.NewElement();
            const int samples = 8;
            for (int i = 0; i < samples; i++)
            {
                Fill(field, a, random);
                Fill(field, b, random);
                counter.Invoke(field, nameof(BinaryField.Multiply), a, b, a);
            }

            figures.PerMultiplication = counter.Executed / samples;
            long before = counter.Executed;
            for (int i = 0; i < samples; i++)
            {
                counter.Invoke(field, nameof(BinaryField.Square), a, a);
            }

            figures.PerSquaring = (counter.Executed - before) / samples;

            // The whole computation in one unlimited step.
            var budget = new WorkBudget { Remaining = int.MaxValue };
            inputs.Begin(prepared);
            before = counter.Executed;
            counter.Invoke(inputs.Computation, nameof(EccTask.Step), budget);
            figures.Total = counter.Executed - before;
            Check(inputs);

            // In main-loop turns with the policy's budget: the dearest turn.
            inputs.Begin(prepared);
            bool done = false;
            while (!done)
            {
                budget.Remaining = CbkeTimeSlicePolicy.TurnBudget;
                before = counter.Executed;
                done = (bool)counter.Invoke(inputs.Computation, nameof(EccTask.Step), budget);
                figures.LargestStep = Math.Max(figures.LargestStep, counter.Executed - before);
                figures.Steps++;
            }

            Check(inputs);
            return figures;
        }

        private static void Check(CbkeInputs inputs)
        {
            if (Convert.ToHexString(inputs.Z) != inputs.ExpectedZ)
            {
                throw new InvalidOperationException("the interpreted computation gave another Z");
            }
        }

        private static void Fill(BinaryField field, uint[] element, Random random)
        {
            for (int i = 0; i < element.Length; i++)
            {
                element[i] = (uint)random.NextInt64();
            }

            element[^1] &= (1u << (field.Degree - (32 * (field.Limbs - 1)))) - 1;
        }
    }
}
