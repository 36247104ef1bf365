using BenchmarkDotNet.Attributes;
using ModelGen.Kernels;

namespace ModelGen.Benchmarks.Convolution;

/// <summary>The two convolutions of the Fashion-MNIST sample's CNN, both 3x3 with same padding and stride 1.</summary>
public enum FashionCnnConvolution
{
    /// <summary>28x28x1 -> 28x28x32.</summary>
    Conv1,
    /// <summary>14x14x32 -> 14x14x64, after 2x2 max pooling.</summary>
    Conv2,
}

/// <summary>
/// The forward pass of one Conv2D layer three ways: the runtime's im2col + GEMM over NHWC
/// (<see cref="Conv2DKernels.Forward"/>, the baseline), the direct NHWC candidate and the NCHW
/// im2col + GEMM candidate; and the NHWC-to-NCHW transpose of the layer's output, the price of
/// mixing layouts. Each invocation runs a whole batch; the per-image and GFLOP/s columns
/// (<see cref="ConvolutionColumns"/>) divide by it.
/// </summary>
/// <remarks>
/// Each benchmark has its own setup, which checks that candidate alone against
/// <see cref="Conv2DKernels.ForwardReference"/> on the first images, so that before measurement the
/// JIT's dynamic PGO profiles only the code being measured (each benchmark runs in its own process).
/// </remarks>
[Config(typeof(ConvolutionJobConfig))]
public class ConvolutionBenchmarks
{
    private const int CheckedImages = 2;
    private const float Tolerance = 1e-3f;

    [Params(FashionCnnConvolution.Conv1, FashionCnnConvolution.Conv2)]
    public FashionCnnConvolution Layer { get; set; }

    [Params(32, 128)]
    public int Batch { get; set; }

    private Conv2DGeometry _geometry;
    private float[] _input = []; // (B, H, W, Cin)
    private float[] _kernel = []; // (3, 3, Cin, Cout)
    private float[] _bias = []; // (Cout)
    private float[] _output = []; // (B, H, W, Cout)
    private float[] _patches = []; // (B * H * W, 3 * 3 * Cin)
    private float[] _nchwInput = []; // (B, Cin, H, W)
    private float[] _nchwKernel = []; // (Cout, Cin, 3, 3)
    private float[] _nchwOutput = []; // (B, Cout, H, W)
    private float[] _columns = []; // (Cin * 3 * 3, H * W), one image

    /// <summary>The layer's geometry, as the generator builds it for the sample's model.</summary>
    public static Conv2DGeometry Geometry(FashionCnnConvolution layer) => layer switch
    {
        FashionCnnConvolution.Conv1 => Conv2DGeometry.Create(28, 28, 1, 32, kernelSize: 3, stride: 1, dilation: 1, Padding.Same),
        _ => Conv2DGeometry.Create(14, 14, 32, 64, kernelSize: 3, stride: 1, dilation: 1, Padding.Same),
    };

    [GlobalSetup(Target = nameof(Im2ColGemmNhwc))]
    public void SetupIm2ColGemmNhwc()
    {
        CreateNhwcTensors();
        _patches = new float[_geometry.WorkspaceLength(Batch)];
        Im2ColGemmNhwc();
        Check(nameof(Im2ColGemmNhwc), _output);
    }

    [GlobalSetup(Target = nameof(DirectNhwc))]
    public void SetupDirectNhwc()
    {
        CreateNhwcTensors();
        DirectNhwc();
        Check(nameof(DirectNhwc), _output);
    }

    [GlobalSetup(Target = nameof(Im2ColGemmNchw))]
    public void SetupIm2ColGemmNchw()
    {
        CreateNhwcTensors();
        var g = _geometry;
        _nchwInput = ToNchw(_input, g.Height * g.Width, g.Channels);
        _nchwKernel = KernelToOihw(_kernel, g);
        _nchwOutput = new float[_output.Length];
        _columns = new float[NchwIm2ColConvolution.WorkspaceLength(g)];
        Im2ColGemmNchw();
        Check(nameof(Im2ColGemmNchw), ToNhwc(_nchwOutput, g.OutHeight * g.OutWidth, g.Filters));
    }

    /// <summary>Transposes what the layer outputs; the values do not change the time, so they stay zero.</summary>
    [GlobalSetup(Target = nameof(TransposeOutputToNchw))]
    public void SetupTransposeOutputToNchw()
    {
        CreateNhwcTensors();
        _nchwOutput = new float[_output.Length];
    }

    [Benchmark(Baseline = true)]
    public void Im2ColGemmNhwc() => Conv2DKernels.Forward(_input, _kernel, _bias, _output, _patches, Batch, _geometry);

    [Benchmark]
    public void DirectNhwc() => DirectNhwcConvolution.Forward(_input, _kernel, _bias, _output, Batch, _geometry);

    [Benchmark]
    public void Im2ColGemmNchw() => NchwIm2ColConvolution.Forward(_nchwInput, _nchwKernel, _bias, _nchwOutput, _columns, Batch, _geometry);

    [Benchmark]
    public void TransposeOutputToNchw() =>
        LayoutTranspose.NhwcToNchw(_output, _nchwOutput, Batch, _geometry.OutHeight * _geometry.OutWidth, _geometry.Filters);

    private void CreateNhwcTensors()
    {
        _geometry = Geometry(Layer);
        var g = _geometry;
        var random = new Random(BenchmarkData.Seed);
        _input = BenchmarkData.Features(random, Batch, g.Height * g.Width * g.Channels);
        _kernel = Centered(BenchmarkData.Features(random, 1, g.KernelLength));
        _bias = Centered(BenchmarkData.Features(random, 1, g.Filters));
        _output = new float[g.OutputLength(Batch)];
    }

    /// <summary>Throws unless the first images of <paramref name="nhwcOutput"/> match the scalar reference.</summary>
    private void Check(string candidate, float[] nhwcOutput)
    {
        var g = _geometry;
        var expected = new float[g.OutputLength(CheckedImages)];
        Conv2DKernels.ForwardReference(_input.AsSpan(0, g.InputLength(CheckedImages)), _kernel, _bias, expected, CheckedImages, g);
        float worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - nhwcOutput[i]));
        if (!(worst <= Tolerance))
            throw new InvalidOperationException($"{candidate} differs from Conv2DKernels.ForwardReference by {worst} (tolerance {Tolerance}).");
    }

    private float[] ToNchw(float[] nhwc, int pixels, int channels)
    {
        var nchw = new float[nhwc.Length];
        LayoutTranspose.NhwcToNchw(nhwc, nchw, Batch, pixels, channels);
        return nchw;
    }

    private float[] ToNhwc(float[] nchw, int pixels, int channels)
    {
        var nhwc = new float[nchw.Length];
        LayoutTranspose.NchwToNhwc(nchw, nhwc, Batch, pixels, channels);
        return nhwc;
    }

    /// <summary>Maps [0, 1) to [-0.5, 0.5), so sums of products cancel as trained weights' do.</summary>
    private static float[] Centered(float[] values)
    {
        for (int i = 0; i < values.Length; i++) values[i] -= 0.5f;
        return values;
    }

    /// <summary>Keras' <c>(kh, kw, Cin, Cout)</c> to PyTorch's <c>(Cout, Cin, kh, kw)</c>.</summary>
    private static float[] KernelToOihw(float[] hwio, in Conv2DGeometry g)
    {
        int size = g.KernelSize, channels = g.Channels, filters = g.Filters;
        var oihw = new float[hwio.Length];
        for (int ky = 0; ky < size; ky++)
            for (int kx = 0; kx < size; kx++)
                for (int c = 0; c < channels; c++)
                    for (int f = 0; f < filters; f++)
                        oihw[((f * channels + c) * size + ky) * size + kx] = hwio[((ky * size + kx) * channels + c) * filters + f];
        return oihw;
    }
}
