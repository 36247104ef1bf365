using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Kernels.Tests;

internal delegate void ForwardKernel(ReadOnlySpan<float> z, Span<float> a);

/// <summary>A backward kernel fed either the forward's outputs or its pre-activations, as <see cref="ActivationCase.BackwardTakesPreActivation"/> says.</summary>
internal delegate void BackwardKernel(ReadOnlySpan<float> saved, ReadOnlySpan<float> dA, Span<float> dZ);

/// <summary>
/// One activation as the tests see it: the float kernels under test, and a double-precision
/// reference forward written independently of them.
/// </summary>
/// <param name="Width">Features per row; 1 for element-wise activations.</param>
/// <param name="KinkGap">How far test inputs stay from a non-differentiable point at zero.</param>
internal sealed record ActivationCase(
    string Name,
    int Width,
    Func<double[], double[]> Reference,
    ForwardKernel Forward,
    BackwardKernel Backward,
    bool BackwardTakesPreActivation,
    double KinkGap = 0)
{
    /// <summary>Element-wise activations get 37 values (two Vector512s, a Vector128 and a scalar tail); softmax gets 3 rows.</summary>
    public int Length => Width == 1 ? 37 : 3 * Width;

    /// <summary>Pre-activations in [-3, 3]: wide enough to reach the saturating ends of sigmoid and tanh.</summary>
    public float[] SampleInputs(Random random) => RandomFloats.UniformAwayFromZero(random, Length, -3, 3, KinkGap);

    public static IReadOnlyDictionary<string, ActivationCase> All { get; } = new ActivationCase[]
    {
        Elementwise("ReLU", z => Math.Max(z, 0), ActivationKernels.Relu, ActivationKernels.ReluBackward, kinkGap: 1e-3),
        LeakyRelu(0.2f),
        LeakyRelu(0.01f),
        Elementwise("Sigmoid", z => 1 / (1 + Math.Exp(-z)), ActivationKernels.Sigmoid, ActivationKernels.SigmoidBackward),
        Elementwise("Tanh", Math.Tanh, ActivationKernels.Tanh, ActivationKernels.TanhBackward),
        Softmax(5),
        Softmax(10), // a classifier's width: one masked vector per row on AVX-512
        Softmax(13),
        Softmax(16), // every row a full vector
        new("GELU", 1, z => Array.ConvertAll(z, ExactErf.Gelu), ActivationKernels.Gelu, ActivationKernels.GeluBackward, BackwardTakesPreActivation: true),
    }.ToDictionary(activation => activation.Name);

    public static TheoryData<string> Names => new(All.Keys);

    private static ActivationCase Elementwise(string name, Func<double, double> f, ForwardKernel forward, BackwardKernel backward, double kinkGap = 0) =>
        new(name, 1, z => Array.ConvertAll(z, x => f(x)), forward, backward, BackwardTakesPreActivation: false, kinkGap);

    private static ActivationCase LeakyRelu(float slope) => Elementwise(
        $"LeakyReLU {slope}",
        z => z > 0 ? z : slope * (double)z,
        (z, a) => ActivationKernels.LeakyRelu(z, a, slope),
        (a, dA, dZ) => ActivationKernels.LeakyReluBackward(a, dA, dZ, slope),
        kinkGap: 1e-3);

    private static ActivationCase Softmax(int width) => new(
        $"Softmax {width}",
        width,
        z => SoftmaxRows(z, width),
        (z, a) => ActivationKernels.Softmax(z, a, width),
        (a, dA, dZ) => ActivationKernels.SoftmaxBackward(a, dA, dZ, width),
        BackwardTakesPreActivation: false);

    /// <summary>The textbook formula, <c>exp(z_i) / sum_j exp(z_j)</c>; no shift is needed in double for |z| ≤ 3.</summary>
    private static double[] SoftmaxRows(double[] z, int width)
    {
        double[] a = new double[z.Length];
        for (int start = 0; start < z.Length; start += width)
        {
            double sum = 0;
            for (int i = start; i < start + width; i++) sum += Math.Exp(z[i]);
            for (int i = start; i < start + width; i++) a[i] = Math.Exp(z[i]) / sum;
        }
        return a;
    }
}
