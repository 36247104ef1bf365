using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Running;

namespace ModelGen.Benchmarks.Comparison;

/// <summary>
/// Samples per second and GFLOP/s of a row whose mean is per sample (or per invocation, for the FMA
/// peak), with the flops from <see cref="FlopCount"/>.
/// </summary>
internal sealed class ThroughputColumn : MeanDerivedColumn
{
    public static readonly IColumn SamplesPerSecond = new ThroughputColumn("samples/s", "Samples per second, 1 / (mean time per sample)", gigaflops: false);
    public static readonly IColumn Gigaflops = new ThroughputColumn(
        "GFLOP/s", "Dense and Conv2D flops per second: 2 per multiply-add; a training sample is three forward passes less the first layer", gigaflops: true);

    private readonly bool _gigaflops;

    private ThroughputColumn(string name, string legend, bool gigaflops)
        : base(name, legend, priority: gigaflops ? 1 : 0) => _gigaflops = gigaflops;

    protected override string Format(BenchmarkCase benchmarkCase, double nanoseconds) => _gigaflops
        ? (FlopCount.PerOperation(benchmarkCase) / nanoseconds).ToString("F2", CultureInfo.InvariantCulture)
        : (1e9 / nanoseconds).ToString("N0", CultureInfo.InvariantCulture);
}
