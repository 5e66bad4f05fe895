#nullable disable
using BenchmarkDotNet.Attributes;
using CommsHub.Security.Ecc;

namespace CommsHub.Benchmarks
{
    /// <summary>
    /// One responder CBKE computation (ECQV reconstruction and ECMQV; with Prepared false also the ephemeral
    /// key pair) on the published example of each suite. Target: 0 bytes allocated; the ESP32 time comes
    /// from the operation and IL counts of "cbke-figures", not from this PC time.
    /// </summary>
    [MemoryDiagnoser]
    public class CbkeResponderBenchmark
    {
        private CbkeInputs _inputs;
        private readonly WorkBudget _budget = new WorkBudget();

        [Params(1, 2)]
        public int Suite { get; set; }

        [Params(true, false)]
        public bool Prepared { get; set; }

        [GlobalSetup]
        public void SetUp()
        {
            _inputs = CbkeInputs.Suite(Suite);
        }

        [Benchmark]
        public bool Responder()
        {
            _inputs.Begin(Prepared);
            _budget.Remaining = int.MaxValue;
            return _inputs.Computation.Step(_budget);
        }
    }
}
