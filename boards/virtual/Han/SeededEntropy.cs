using System;
using CommsHub.Platform;

namespace CommsHub.VirtualBoard.Han
{
    /// <summary>
    /// The hub's randomness on the bench (CSMA backoffs, network key, ephemeral keys) drawn from the run's seed, so a
    /// scenario replays frame for frame.
    /// </summary>
    public sealed class SeededEntropy : IEntropySource
    {
        private readonly Random _random;

        public SeededEntropy(int seed) => _random = new Random(seed);

        public void Fill(byte[] buffer) => _random.NextBytes(buffer);
    }
}
