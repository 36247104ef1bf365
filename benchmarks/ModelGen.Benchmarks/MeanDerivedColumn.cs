using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ModelGen.Benchmarks;

/// <summary>
/// A custom summary column computed from a benchmark's mean time per operation (time per image,
/// samples per second, GFLOP/s): the <see cref="IColumn"/> plumbing, once.
/// </summary>
internal abstract class MeanDerivedColumn(string name, string legend, int priority) : IColumn
{
    public string Id => GetType().Name + "." + ColumnName;
    public string ColumnName { get; } = name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory { get; } = priority;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend { get; } = legend;

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { } statistics ? Format(benchmarkCase, statistics.Mean) : "NA";

    public override string ToString() => ColumnName;

    /// <summary>The cell of <paramref name="benchmarkCase"/>, whose mean time per operation is <paramref name="nanoseconds"/>.</summary>
    protected abstract string Format(BenchmarkCase benchmarkCase, double nanoseconds);
}
