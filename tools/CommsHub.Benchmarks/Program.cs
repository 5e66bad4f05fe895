using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(CommsHub.Benchmarks.ImageBlockResponseBenchmark).Assembly).Run(args);
