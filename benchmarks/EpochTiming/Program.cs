// Times one training epoch of three Fashion-MNIST models with TorchSharp (libtorch, CPU) and with
// ModelGen, in one process on one machine, and prints the results as a markdown table
// (docs/benchmarks.md, "Training time per epoch"). Run with --help for the arguments.
using ModelGen.Benchmarks.EpochTiming;

if (!TimingOptions.TryParse(args, out TimingOptions? options, out string? error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(TimingOptions.Usage);
    return 2;
}
if (options.ShowHelp)
{
    Console.WriteLine(TimingOptions.Usage);
    return 0;
}

Console.WriteLine(MachineReport.Describe());
Console.WriteLine($"load average at start: {MachineReport.LoadAverage()}");
FashionData data = FashionData.Load();
Console.WriteLine($"Fashion-MNIST from {data.Folder}: {data.TrainCount:N0} training and {data.TestCount:N0} test images");

var measurements = new List<EpochMeasurement>();
using (var torchData = options.Frameworks.Contains(Framework.TorchSharp) ? TorchData.From(data) : null)
{
    if (torchData is not null) Console.WriteLine($"libtorch: {TorchSharp.torch.__version__}");
    foreach (BenchmarkModel model in options.Models)
    {
        if (torchData is not null)
            foreach (int threads in options.Threads)
                measurements.Add(TorchTrainer.Measure(model, torchData, threads, options));
        if (options.Frameworks.Contains(Framework.ModelGen))
            measurements.Add(ModelGenTrainer.Measure(model, data, options));
    }
}

Console.WriteLine($"load average at end: {MachineReport.LoadAverage()}");
Console.WriteLine();
Console.WriteLine(ResultTable.ToMarkdown(measurements, options));
return 0;
