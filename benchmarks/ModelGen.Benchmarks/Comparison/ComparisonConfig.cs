using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace ModelGen.Benchmarks.Comparison;

/// <summary>
/// <see cref="ShortJobConfig"/>'s job, the Allocated column, rows grouped by measurement with
/// ModelGen as each group's baseline (so Ratio reads "times ModelGen's time"), and the throughput
/// columns.
/// </summary>
public sealed class ComparisonConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public ComparisonConfig()
    {
        Add(new ShortJobConfig());
        AddDiagnoser(MemoryDiagnoser.Default);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        AddColumn(CategoriesColumn.Default, ThroughputColumn.SamplesPerSecond, ThroughputColumn.Gigaflops);
    }
}
