using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Kernels.Tests;

/// <summary>
/// Pooling kernels against <see cref="DirectPooling"/> in double: forwards directly, backwards
/// against central differences of <c>L = sum(output * w)</c>.
/// </summary>
/// <remarks>
/// Max pooling is checked on distinct inputs at least 0.01 apart, so no window's maximum changes
/// within the difference step of 1e-5. A max gradient is a sum of at most four weights, an average
/// one of at most nine weights over 1..9 cells, both of magnitude ≤ 1: float rounding stays near
/// 1e-6, so 1e-5 absolute is tight enough that a gradient routed to the wrong cell or divided by the
/// wrong count (at least 1/9 · 1/8 off) cannot pass.
/// </remarks>
public sealed class Pooling2DGradientTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Names => Pooling2DCase.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Max_forward_and_backward_match_the_definition(string name)
    {
        var (pool, g, weights) = Sample(name);
        float[] input = DistinctValues(new Random(pool.Seed), g.InputLength(pool.Batch));
        float[] output = new float[g.OutputLength(pool.Batch)];
        int[] argmax = new int[output.Length];
        float[] dInput = RandomFloats.Filled(input.Length, float.NaN);

        Pooling2DKernels.MaxForward(input, output, argmax, pool.Batch, g);
        Pooling2DKernels.MaxBackward(weights, argmax, dInput, pool.Batch, g);

        NumericAssert.Close(DirectPooling.Max(FloatArrays.Widen(input), pool.Batch, g), output, 0, 0, $"{name} max forward");
        double[] expected = CentralDifference.Gradient(x => FloatArrays.WeightedSum(DirectPooling.Max(x, pool.Batch, g), weights), input);
        NumericAssert.Close(expected, dInput, Tolerance, 0, $"{name} max backward");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Average_forward_and_backward_match_the_definition(string name)
    {
        var (pool, g, weights) = Sample(name);
        float[] input = RandomFloats.Uniform(new Random(pool.Seed), g.InputLength(pool.Batch));
        float[] output = RandomFloats.Filled(g.OutputLength(pool.Batch), float.NaN);
        float[] dInput = RandomFloats.Filled(input.Length, float.NaN);

        Pooling2DKernels.AvgForward(input, output, pool.Batch, g);
        Pooling2DKernels.AvgBackward(weights, dInput, pool.Batch, g);

        NumericAssert.Close(DirectPooling.Average(FloatArrays.Widen(input), pool.Batch, g), output, Tolerance, 0, $"{name} average forward");
        double[] expected = CentralDifference.Gradient(x => FloatArrays.WeightedSum(DirectPooling.Average(x, pool.Batch, g), weights), input);
        NumericAssert.Close(expected, dInput, Tolerance, 0, $"{name} average backward");
    }

    [Theory]
    [InlineData(2, 5, 7, 3)]
    [InlineData(3, 4, 4, 19)]
    [InlineData(1, 1, 1, 5)]
    public void Global_average_forward_and_backward_match_the_definition(int batch, int height, int width, int channels)
    {
        var random = new Random(batch * 1000 + height * 100 + width * 10 + channels);
        float[] input = RandomFloats.Uniform(random, batch * height * width * channels);
        float[] weights = RandomFloats.Uniform(random, batch * channels);
        float[] output = RandomFloats.Filled(batch * channels, float.NaN);
        float[] dInput = RandomFloats.Filled(input.Length, float.NaN);

        Pooling2DKernels.GlobalAverageForward(input, output, batch, height, width, channels);
        Pooling2DKernels.GlobalAverageBackward(weights, dInput, batch, height, width, channels);

        NumericAssert.Close(DirectPooling.GlobalAverage(FloatArrays.Widen(input), batch, height, width, channels), output, Tolerance, 0, "global average forward");
        double[] expected = CentralDifference.Gradient(
            x => FloatArrays.WeightedSum(DirectPooling.GlobalAverage(x, batch, height, width, channels), weights), input);
        NumericAssert.Close(expected, dInput, Tolerance, 0, "global average backward");
    }

    private static (Pooling2DCase Pool, Pooling2DGeometry Geometry, float[] Weights) Sample(string name)
    {
        Pooling2DCase pool = Pooling2DCase.Named(name);
        Pooling2DGeometry g = pool.Geometry;
        return (pool, g, RandomFloats.Uniform(new Random(-pool.Seed), g.OutputLength(pool.Batch)));
    }

    /// <summary>A shuffle of <c>0.01 * (i - length / 2)</c>: every value distinct, neighbours in value 0.01 apart.</summary>
    private static float[] DistinctValues(Random random, int length)
    {
        float[] values = Enumerable.Range(0, length).Select(i => 0.01f * (i - length / 2)).ToArray();
        random.Shuffle(values);
        return values;
    }
}
