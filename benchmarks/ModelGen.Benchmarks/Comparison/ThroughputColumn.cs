using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ModelGen.Benchmarks.Comparison;

/// <summary>
/// Samples per second and GFLOP/s of a comparison row, from its mean time per sample and the
/// model's flops per sample (<see cref="FlopCount"/>).
/// </summary>
internal sealed class ThroughputColumn : IColumn
{
    public static readonly IColumn SamplesPerSecond = new ThroughputColumn("samples/s", gigaflops: false);
    public static readonly IColumn Gigaflops = new ThroughputColumn("GFLOP/s", gigaflops: true);

    private readonly bool _gigaflops;

    private ThroughputColumn(string name, bool gigaflops)
    {
        ColumnName = name;
        _gigaflops = gigaflops;
    }

    public string Id => nameof(ThroughputColumn) + "." + ColumnName;
    public string ColumnName { get; }
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => _gigaflops ? 1 : 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => _gigaflops
        ? "Dense and Conv2D flops per second: 2 per multiply-add forward, three forward passes per training sample"
        : "Samples per second, 1 / (mean time per sample)";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null) return "NA";
        double nanosecondsPerSample = statistics.Mean;
        if (!_gigaflops) return (1e9 / nanosecondsPerSample).ToString("N0", CultureInfo.InvariantCulture);
        return (FlopCount.PerOperation(benchmarkCase) / nanosecondsPerSample).ToString("F2", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
