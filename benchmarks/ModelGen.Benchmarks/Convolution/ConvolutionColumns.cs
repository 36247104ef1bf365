using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Running;

namespace ModelGen.Benchmarks.Convolution;

/// <summary>
/// Columns that turn <see cref="ConvolutionBenchmarks"/>' time per batch into time per image and
/// GFLOP/s, counting <c>2 * outH * outW * kh * kw * Cin * Cout</c> flops per image (padding taps
/// included, as is customary). The GFLOP/s of the transpose row is left empty: it does no arithmetic.
/// </summary>
internal sealed class ConvolutionColumns : MeanDerivedColumn
{
    public static readonly IColumn NanosecondsPerImage = new ConvolutionColumns("ns/image", "Mean time per image", perImage: true);
    public static readonly IColumn Gigaflops = new ConvolutionColumns(
        "GFLOP/s", "Convolution flops per second, 2 * outH * outW * kh * kw * Cin * Cout per image", perImage: false);

    private readonly bool _perImage;

    private ConvolutionColumns(string name, string legend, bool perImage)
        : base(name, legend, priority: perImage ? 0 : 1) => _perImage = perImage;

    protected override string Format(BenchmarkCase benchmarkCase, double nanoseconds)
    {
        int batch = (int)benchmarkCase.Parameters[nameof(ConvolutionBenchmarks.Batch)]!;
        double nanosecondsPerImage = nanoseconds / batch;
        if (_perImage) return nanosecondsPerImage.ToString("N0", CultureInfo.InvariantCulture);
        if (benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(ConvolutionBenchmarks.TransposeOutputToNchw)) return "-";
        var g = ConvolutionBenchmarks.Geometry((FashionCnnConvolution)benchmarkCase.Parameters[nameof(ConvolutionBenchmarks.Layer)]!);
        double flops = 2.0 * g.OutHeight * g.OutWidth * g.PatchLength * g.Filters;
        return (flops / nanosecondsPerImage).ToString("F1", CultureInfo.InvariantCulture);
    }
}
