using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Kernels.Tests;

/// <summary>
/// <see cref="Conv2DKernels"/> (im2col + dense) against <see cref="DirectConvolution"/>, the definition
/// in double: the forward directly, and the backward against central differences of
/// <c>L = sum(output * w)</c> with respect to every input, kernel and bias element.
/// </summary>
/// <remarks>
/// Tolerance: each gradient element is a float sum of at most ~100 products of magnitude at most 1
/// (2 * 7 * 7 output pixels for a kernel or bias element, at most 5 * 5 taps * 5 filters for an
/// input element), so its rounding is bounded by about 100 * 6e-8 * 100 = 6e-4 in the worst order
/// and is ~1e-6 in practice; 1e-4 absolute plus 1e-5 relative leaves a margin of over 50 on every
/// case. The central difference of a function linear in each argument is exact to ~1e-9. A tap at
/// the wrong cell or a dropped border row misses by a whole product, ~0.1 or more.
/// </remarks>
public sealed class Conv2DGradientTests
{
    private const double AbsoluteTolerance = 1e-4, RelativeTolerance = 1e-5;

    public static TheoryData<string> Names => Conv2DCase.AllNames;

    public static TheoryData<string> GradientNames => Conv2DCase.GradientNames;

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_matches_direct_convolution(string name)
    {
        var (conv, g, input, kernel, bias, _) = Sample(name);
        float[] output = RandomFloats.Filled(g.OutputLength(conv.Batch), float.NaN);

        Conv2DKernels.Forward(input, kernel, bias, output, new float[g.WorkspaceLength(conv.Batch)], conv.Batch, g);

        double[] expected = DirectConvolution.Forward(FloatArrays.Widen(input), FloatArrays.Widen(kernel), FloatArrays.Widen(bias), conv.Batch, g);
        NumericAssert.Close(expected, output, AbsoluteTolerance, RelativeTolerance, $"{name} forward");
    }

    [Theory]
    [MemberData(nameof(GradientNames))]
    public void Backward_matches_central_differences(string name)
    {
        var (conv, g, input, kernel, bias, weights) = Sample(name);
        float[] dKernel = new float[kernel.Length], dBias = new float[bias.Length];
        float[] dInput = RandomFloats.Filled(input.Length, float.NaN);

        Conv2DKernels.Backward(input, kernel, weights, dKernel, dBias, dInput,
            new float[g.WorkspaceLength(conv.Batch)], new float[g.WorkspaceLength(conv.Batch)], conv.Batch, g);

        double[] x = FloatArrays.Widen(input), k = FloatArrays.Widen(kernel), b = FloatArrays.Widen(bias);
        double Loss(double[] x, double[] k, double[] b) => FloatArrays.WeightedSum(DirectConvolution.Forward(x, k, b, conv.Batch, g), weights);
        NumericAssert.Close(CentralDifference.Gradient(x => Loss(x, k, b), input), dInput, AbsoluteTolerance, RelativeTolerance, $"{name} dInput");
        NumericAssert.Close(CentralDifference.Gradient(k => Loss(x, k, b), kernel), dKernel, AbsoluteTolerance, RelativeTolerance, $"{name} dKernel");
        NumericAssert.Close(CentralDifference.Gradient(b => Loss(x, k, b), bias), dBias, AbsoluteTolerance, RelativeTolerance, $"{name} dBias");
    }

    private static (Conv2DCase Conv, Conv2DGeometry Geometry, float[] Input, float[] Kernel, float[] Bias, float[] Weights) Sample(string name)
    {
        Conv2DCase conv = Conv2DCase.Named(name);
        Conv2DGeometry g = conv.Geometry;
        var random = new Random(conv.Seed);
        return (conv, g,
            RandomFloats.Uniform(random, g.InputLength(conv.Batch)),
            RandomFloats.Uniform(random, g.KernelLength),
            RandomFloats.Uniform(random, conv.HasBias ? g.Filters : 0),
            RandomFloats.Uniform(random, g.OutputLength(conv.Batch)));
    }
}
