using BenchmarkDotNet.Running;
using CommsHub.Benchmarks;

if (args.Length > 0 && args[0] == "store-figures")
{
    StoreFigures.Print(Console.Out, args.Length > 1 ? int.Parse(args[1]) : 10);
    return;
}

if (args.Length > 0 && args[0] == "work-figures")
{
    WorkFigures.Print(Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "security-figures")
{
    SecurityFigures.Print(Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "aps-figures")
{
    ApsFigures.Print(Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "cbke-figures")
{
    CbkeFigures.Print(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ImageBlockResponseBenchmark).Assembly).Run(args);
