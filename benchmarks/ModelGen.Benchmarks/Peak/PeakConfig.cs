using BenchmarkDotNet.Configs;
using ModelGen.Benchmarks.Comparison;

namespace ModelGen.Benchmarks.Peak;

/// <summary><see cref="ShortJobConfig"/>'s job and the GFLOP/s column.</summary>
public sealed class PeakConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public PeakConfig()
    {
        Add(new ShortJobConfig());
        AddColumn(ThroughputColumn.Gigaflops);
    }
}
