using System.Globalization;
using System.Reflection;
using System.Text;
using BenchmarkDotNet.Reports;
using ModelGen.Benchmarks.Peak;

namespace ModelGen.Benchmarks.Comparison;

/// <summary>
/// The table docs/benchmarks.md shows, built from one run's summaries: per model, per measurement
/// and thread count, each framework's time per sample, samples per second and share of the
/// machine's arithmetic limit (the measured Vector512 FMA peak of one core times the threads).
/// </summary>
internal static class ComparisonReport
{
    private static readonly Framework[] Frameworks = [Framework.ModelGen, Framework.OnnxRuntime, Framework.LibTorch];

    /// <summary>The markdown report, or null when the run had no comparison benchmark.</summary>
    public static string? Build(IEnumerable<Summary> summaries)
    {
        var reports = summaries.SelectMany(summary => summary.Reports).Where(r => r.ResultStatistics is not null).ToList();
        var rows = reports
            .Where(r => r.BenchmarkCase.Descriptor.Type.IsGenericType
                && r.BenchmarkCase.Descriptor.Type.GetGenericTypeDefinition() == typeof(FrameworkComparison<>))
            .Select(r => new Row(
                Model: r.BenchmarkCase.Descriptor.Type.GetGenericArguments()[0],
                Measurement: r.BenchmarkCase.Descriptor.Categories.Single(),
                Threads: (int)r.BenchmarkCase.Parameters[nameof(FrameworkComparison<TutorialClassifier>.Threads)]!,
                Framework: r.BenchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<FrameworkAttribute>()!.Framework,
                NanosecondsPerSample: r.ResultStatistics!.Mean))
            .ToList();
        if (rows.Count == 0) return null;

        BenchmarkReport? peak = reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Type == typeof(FmaPeakBenchmarks)
            && r.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(FmaPeakBenchmarks.Vector512FusedMultiplyAdd));
        double? peakGigaflops = peak is null ? null : FlopCount.PerOperation(peak.BenchmarkCase) / peak.ResultStatistics!.Mean;

        var text = new StringBuilder();
        text.AppendLine(peakGigaflops is { } measured
            ? Invariant($"One-core limit: {measured:F1} GFLOP/s (Vector512 FMA peak, measured in this run); the limit of a row is that times its threads.")
            : "One-core limit: not measured in this run (include *FmaPeakBenchmarks* in the filter for the percentages).");
        text.AppendLine();
        text.AppendLine("Each cell: time per sample · samples per second · share of the limit.");
        foreach (var model in rows.GroupBy(r => r.Model).OrderBy(g => ModelOrder(g.Key)))
        {
            ComparedModelSpec spec = FlopCount.SpecOf(model.Key);
            text.AppendLine();
            text.AppendLine(Invariant($"#### {model.Key.Name}: {Flops(spec.ForwardFlops)} forward, {Flops(spec.TrainFlops)} per training sample"));
            text.AppendLine();
            text.AppendLine("| measurement | threads | ModelGen | ONNX Runtime | libtorch |");
            text.AppendLine("|---|---:|---:|---:|---:|");
            foreach (string measurement in Measurement.All)
            {
                foreach (int threads in model.Where(r => r.Measurement == measurement).Select(r => r.Threads).Distinct().Order())
                {
                    double flops = Measurement.IsTraining(measurement) ? spec.TrainFlops : spec.ForwardFlops;
                    var cells = Frameworks.Select(framework =>
                        model.FirstOrDefault(r => r.Measurement == measurement && r.Threads == threads && r.Framework == framework) is { } row
                            ? Cell(row.NanosecondsPerSample, flops, peakGigaflops * threads)
                            : "-");
                    text.AppendLine(Invariant($"| {measurement} | {threads} | {string.Join(" | ", cells)} |"));
                }
            }
        }
        return text.ToString();
    }

    private static int ModelOrder(Type model) =>
        Array.IndexOf(typeof(FrameworkComparison<>).GetCustomAttributes<BenchmarkDotNet.Attributes.GenericTypeArgumentsAttribute>()
            .Select(a => a.GenericTypeArguments[0]).ToArray(), model);

    private static string Cell(double nanosecondsPerSample, double flops, double? limitGigaflops)
    {
        string cell = Invariant($"{Time(nanosecondsPerSample)} · {Rate(1e9 / nanosecondsPerSample)} · ");
        return limitGigaflops is { } limit ? cell + Invariant($"{100 * flops / nanosecondsPerSample / limit:F1} %") : cell + "?";
    }

    private static string Time(double nanoseconds) => nanoseconds switch
    {
        < 1e3 => Invariant($"{nanoseconds:F0} ns"),
        < 1e6 => Invariant($"{nanoseconds / 1e3:G3} µs"),
        _ => Invariant($"{nanoseconds / 1e6:G3} ms"),
    };

    private static string Rate(double perSecond) => perSecond switch
    {
        >= 1e6 => Invariant($"{perSecond / 1e6:G3} M/s"),
        >= 1e3 => Invariant($"{perSecond / 1e3:G3} k/s"),
        _ => Invariant($"{perSecond:F0}/s"),
    };

    private static string Flops(double flops) => flops switch
    {
        >= 1e6 => Invariant($"{flops / 1e6:G3} MFLOP"),
        >= 1e3 => Invariant($"{flops / 1e3:G3} kFLOP"),
        _ => Invariant($"{flops:F0} FLOP"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Row(Type Model, string Measurement, int Threads, Framework Framework, double NanosecondsPerSample);
}
