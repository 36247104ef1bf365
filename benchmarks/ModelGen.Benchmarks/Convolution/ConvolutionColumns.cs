using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ModelGen.Benchmarks.Convolution;

/// <summary>
/// Columns that turn <see cref="ConvolutionBenchmarks"/>' time per batch into time per image and
/// GFLOP/s, counting <c>2 * outH * outW * kh * kw * Cin * Cout</c> flops per image (padding taps
/// included, as is customary). The GFLOP/s of the transpose row is left empty: it does no arithmetic.
/// </summary>
internal sealed class ConvolutionColumns : IColumn
{
    public static readonly IColumn NanosecondsPerImage = new ConvolutionColumns("ns/image", perImage: true);
    public static readonly IColumn Gigaflops = new ConvolutionColumns("GFLOP/s", perImage: false);

    private readonly bool _perImage;

    private ConvolutionColumns(string name, bool perImage)
    {
        ColumnName = name;
        _perImage = perImage;
    }

    public string Id => nameof(ConvolutionColumns) + "." + ColumnName;
    public string ColumnName { get; }
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => _perImage ? 0 : 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => _perImage ? "Mean time per image" : "Convolution flops per second, 2 * outH * outW * kh * kw * Cin * Cout per image";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null) return "NA";
        int batch = (int)benchmarkCase.Parameters[nameof(ConvolutionBenchmarks.Batch)]!;
        double nanosecondsPerImage = statistics.Mean / batch;
        if (_perImage) return nanosecondsPerImage.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        if (benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(ConvolutionBenchmarks.TransposeOutputToNchw)) return "-";
        var g = ConvolutionBenchmarks.Geometry((FashionCnnConvolution)benchmarkCase.Parameters[nameof(ConvolutionBenchmarks.Layer)]!);
        double flops = 2.0 * g.OutHeight * g.OutWidth * g.PatchLength * g.Filters;
        return (flops / nanosecondsPerImage).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
