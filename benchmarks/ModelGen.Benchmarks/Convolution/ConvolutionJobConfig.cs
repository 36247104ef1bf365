using BenchmarkDotNet.Configs;

namespace ModelGen.Benchmarks.Convolution;

/// <summary><see cref="ShortJobConfig"/>'s job plus the per-image and GFLOP/s columns.</summary>
public sealed class ConvolutionJobConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public ConvolutionJobConfig()
    {
        Add(new ShortJobConfig());
        AddColumn(ConvolutionColumns.NanosecondsPerImage, ConvolutionColumns.Gigaflops);
    }
}
