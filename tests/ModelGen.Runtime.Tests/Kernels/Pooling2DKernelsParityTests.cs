using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Kernels.Tests;

/// <summary>
/// Pooling kernels against their scalar twins, and max pooling's tie and NaN rules (PyTorch's: the
/// first maximum in row-major window order wins, a NaN wins over numbers) on both the vector path
/// and the scalar channel tail.
/// </summary>
public sealed class Pooling2DKernelsParityTests
{
    /// <summary>As for the dense kernels: 1e-5 relative to the sum of the magnitudes of the terms.</summary>
    private const double RelativeTolerance = 1e-5;

    public static TheoryData<string> Names => Pooling2DCase.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Max_forward_matches_reference_exactly(string name)
    {
        var (pool, g, input) = Sample(name);
        // Rounded to a coarse grid so that windows hold ties.
        for (int i = 0; i < input.Length; i++) input[i] = MathF.Round(input[i] * 2) / 2;
        float[] output = new float[g.OutputLength(pool.Batch)], expected = new float[output.Length];
        int[] argmax = new int[output.Length], expectedArgmax = new int[output.Length];

        Pooling2DKernels.MaxForward(input, output, argmax, pool.Batch, g);

        Pooling2DKernels.MaxForwardReference(input, expected, expectedArgmax, pool.Batch, g);
        Assert.Equal(expected, output);
        Assert.Equal(expectedArgmax, argmax);
    }

    /// <summary>
    /// The fused backward of a (leaky) ReLU and max pooling computes what the two passes compute, on every
    /// geometry (the 2x2 vector path and the scatter): inputs are activations, so ReLU's have exact zeros.
    /// Bit for bit, except where overlapping windows share a cell under a leaky slope: the fused pass scales
    /// each window's gradient before adding them, the two passes their sum.
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Max_backward_through_relu_equals_max_backward_then_relu_backward(string name)
    {
        foreach (float slope in new[] { 0f, 0.2f })
        {
            var (pool, g, input) = Sample(name);
            for (int i = 0; i < input.Length; i++) input[i] = input[i] > 0 ? input[i] : input[i] * slope;
            float[] pooled = new float[g.OutputLength(pool.Batch)];
            int[] argmax = new int[pooled.Length];
            Pooling2DKernels.MaxForward(input, pooled, argmax, pool.Batch, g);
            float[] dOutput = RandomFloats.Uniform(new Random(-pool.Seed), pooled.Length, -1, 1);

            float[] expected = RandomFloats.Filled(input.Length, float.NaN);
            Pooling2DKernels.MaxBackward(dOutput, argmax, expected, pool.Batch, g);
            ActivationKernels.LeakyReluBackward(input, expected, expected, slope);
            float[] fused = RandomFloats.Filled(input.Length, float.NaN);
            Pooling2DKernels.MaxBackwardThroughRelu(dOutput, argmax, pooled, slope, fused, pool.Batch, g);

            Assert.Contains(input, value => value == 0 || value < 0);
            Assert.Contains(fused, value => value != 0);
            if (slope == 0 || pool.Stride >= pool.PoolSize) Assert.Equal(expected, fused);
            else NumericAssert.CloseToScale(expected, fused, FloatArrays.Absolute(expected), RelativeTolerance, $"{name}, slope {slope}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Average_matches_reference(string name)
    {
        var (pool, g, input) = Sample(name);
        float[] dOutput = RandomFloats.Uniform(new Random(-pool.Seed), g.OutputLength(pool.Batch));
        float[] output = new float[dOutput.Length], dInput = RandomFloats.Filled(input.Length, float.NaN);

        Pooling2DKernels.AvgForward(input, output, pool.Batch, g);
        Pooling2DKernels.AvgBackward(dOutput, dInput, pool.Batch, g);

        float[] expected = new float[output.Length], magnitude = new float[output.Length];
        Pooling2DKernels.AvgForwardReference(input, expected, pool.Batch, g);
        Pooling2DKernels.AvgForwardReference(FloatArrays.Absolute(input), magnitude, pool.Batch, g);
        NumericAssert.CloseToScale(expected, output, magnitude, RelativeTolerance, $"{name} average forward");
        float[] expectedInput = new float[input.Length], inputMagnitude = new float[input.Length];
        Pooling2DKernels.AvgBackwardReference(dOutput, expectedInput, pool.Batch, g);
        Pooling2DKernels.AvgBackwardReference(FloatArrays.Absolute(dOutput), inputMagnitude, pool.Batch, g);
        NumericAssert.CloseToScale(expectedInput, dInput, inputMagnitude, RelativeTolerance, $"{name} average backward");
    }

    [Theory]
    [InlineData(2, 5, 7, 3)]
    [InlineData(3, 4, 4, 19)]
    public void Global_average_matches_reference(int batch, int height, int width, int channels)
    {
        var random = new Random(channels);
        float[] input = RandomFloats.Uniform(random, batch * height * width * channels);
        float[] dOutput = RandomFloats.Uniform(random, batch * channels);
        float[] output = new float[batch * channels], dInput = new float[input.Length];

        Pooling2DKernels.GlobalAverageForward(input, output, batch, height, width, channels);
        Pooling2DKernels.GlobalAverageBackward(dOutput, dInput, batch, height, width, channels);

        float[] expected = new float[output.Length], magnitude = new float[output.Length], expectedInput = new float[input.Length];
        Pooling2DKernels.GlobalAverageForwardReference(input, expected, batch, height, width, channels);
        Pooling2DKernels.GlobalAverageForwardReference(FloatArrays.Absolute(input), magnitude, batch, height, width, channels);
        Pooling2DKernels.GlobalAverageBackwardReference(dOutput, expectedInput, batch, height, width, channels);
        NumericAssert.CloseToScale(expected, output, magnitude, RelativeTolerance, "global average forward");
        NumericAssert.CloseToScale(expectedInput, dInput, FloatArrays.Absolute(expectedInput), RelativeTolerance, "global average backward");
    }

    /// <summary>
    /// One 2x2 window over 11 channels (a vector of 4 or 8 plus a scalar tail): every channel holds
    /// its maximum in the top-right and bottom-left cells, so the top-right one (index 1 · 11 + c) must win.
    /// </summary>
    [Theory]
    [InlineData(11)]
    [InlineData(32)] // channels in sixteens take the AVX-512 path
    public void On_a_tie_the_first_cell_in_row_major_order_wins_and_takes_the_gradient(int channels)
    {
        var g = Pooling2DGeometry.Create(2, 2, channels, 2, 2, Padding.Valid);
        float[] input = new float[4 * channels];
        for (int c = 0; c < channels; c++)
        {
            input[0 * channels + c] = -1f;
            input[1 * channels + c] = 5f + c;
            input[2 * channels + c] = 5f + c;
            input[3 * channels + c] = 2f;
        }
        float[] output = new float[channels], dInput = new float[input.Length];
        int[] argmax = new int[channels];

        Pooling2DKernels.MaxForward(input, output, argmax, 1, g);
        Pooling2DKernels.MaxBackward(Enumerable.Repeat(1f, channels).ToArray(), argmax, dInput, 1, g);

        Assert.Equal(Enumerable.Range(0, channels).Select(c => 5f + c), output);
        Assert.Equal(Enumerable.Range(0, channels).Select(c => channels + c), argmax);
        Assert.Equal(Enumerable.Range(0, 4 * channels).Select(i => i / channels == 1 ? 1f : 0f), dInput);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(16)] // channels in sixteens take the AVX-512 path
    public void A_window_of_equal_values_and_a_NaN_follow_PyTorch(int channels)
    {
        var g = Pooling2DGeometry.Create(2, 2, channels, 2, 2, Padding.Valid);
        float[] input = RandomFloats.Filled(4 * channels, float.NegativeInfinity);
        input[3 * channels + 0] = float.NaN;
        input[2 * channels + channels - 1] = float.NaN;
        float[] output = new float[channels];
        int[] argmax = new int[channels];

        Pooling2DKernels.MaxForward(input, output, argmax, 1, g);

        Assert.True(float.IsNaN(output[0]) && argmax[0] == 3 * channels);
        Assert.True(float.IsNaN(output[channels - 1]) && argmax[channels - 1] == 2 * channels + channels - 1);
        for (int c = 1; c < channels - 1; c++) Assert.Equal((float.NegativeInfinity, c), (output[c], argmax[c]));
    }

    private static (Pooling2DCase Pool, Pooling2DGeometry Geometry, float[] Input) Sample(string name)
    {
        Pooling2DCase pool = Pooling2DCase.Named(name);
        Pooling2DGeometry g = pool.Geometry;
        return (pool, g, RandomFloats.Uniform(new Random(pool.Seed), g.InputLength(pool.Batch), -3, 3));
    }
}
