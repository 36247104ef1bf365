using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Kernels.Tests;

/// <summary>
/// <see cref="DropoutKernels"/> and <see cref="DropoutRandom"/>: expectation preserved, the dropped
/// fraction, reproducibility from the seed, and the backward reusing the forward's mask.
/// </summary>
/// <remarks>
/// Statistical bounds: over n = 2^20 independent elements of input 1, each output is
/// <c>1 / (1 - rate)</c> with probability <c>1 - rate</c>, else 0, so its variance is
/// <c>rate / (1 - rate)</c> and the mean's standard deviation <c>sqrt(rate / ((1 - rate) n))</c>; the
/// dropped fraction's is <c>sqrt(rate (1 - rate) / n)</c>. Both are checked to 5 standard deviations
/// (a false alarm once in ~3.5 million seeds, and the seeds are fixed), while a mask off by one
/// percentage point, 10 to 20 deviations here, fails.
/// </remarks>
public sealed class DropoutKernelsTests
{
    private const int Elements = 1 << 20;
    private const double Deviations = 5;

    [Theory]
    [InlineData(0.1f, 1UL)]
    [InlineData(0.5f, 2UL)]
    [InlineData(0.8f, 3UL)]
    public void Output_mean_matches_input_and_the_dropped_fraction_matches_the_rate(float rate, ulong seed)
    {
        float[] input = RandomFloats.Filled(Elements, 1f), output = new float[Elements], mask = new float[Elements];
        var random = new DropoutRandom(seed);

        DropoutKernels.Forward(input, output, mask, rate, ref random);

        double mean = output.Average(v => (double)v);
        double dropped = output.Count(v => v == 0f) / (double)Elements;
        Assert.InRange(mean, 1 - Deviations * Math.Sqrt(rate / ((1 - rate) * (double)Elements)), 1 + Deviations * Math.Sqrt(rate / ((1 - rate) * (double)Elements)));
        Assert.InRange(dropped, rate - Deviations * Math.Sqrt(rate * (1 - rate) / Elements), rate + Deviations * Math.Sqrt(rate * (1 - rate) / Elements));
        Assert.All(output, v => Assert.True(v == 0f || v == 1f / (1f - rate)));
    }

    /// <summary>
    /// Neighbouring counters feed the hash, so check they are independent: the fraction of adjacent
    /// pairs both kept must be <c>p²</c>, to 5 deviations of a Bernoulli(p²) mean over n/2 disjoint pairs.
    /// </summary>
    [Fact]
    public void Adjacent_elements_are_kept_independently()
    {
        const float rate = 0.5f;
        float[] input = RandomFloats.Filled(Elements, 1f), output = new float[Elements], mask = new float[Elements];
        var random = new DropoutRandom(7);

        DropoutKernels.Forward(input, output, mask, rate, ref random);

        int pairs = Elements / 2, bothKept = 0;
        for (int i = 0; i < pairs; i++) if (mask[2 * i] != 0f && mask[2 * i + 1] != 0f) bothKept++;
        double p2 = (1 - rate) * (1 - rate);
        Assert.InRange(bothKept / (double)pairs, p2 - Deviations * Math.Sqrt(p2 * (1 - p2) / pairs), p2 + Deviations * Math.Sqrt(p2 * (1 - p2) / pairs));
    }

    [Fact]
    public void The_same_seed_gives_the_same_masks_and_the_stream_moves_on()
    {
        float[] input = RandomFloats.Uniform(new Random(1), 1001);
        var first = new DropoutRandom(42);
        var second = new DropoutRandom(42);
        var other = new DropoutRandom(43);
        float[] a1 = new float[1001], a2 = new float[1001], b1 = new float[1001], b2 = new float[1001], c = new float[1001], output = new float[1001];

        DropoutKernels.Forward(input, output, a1, 0.3f, ref first);
        DropoutKernels.Forward(input, output, a2, 0.3f, ref first);
        DropoutKernels.Forward(input, output, b1, 0.3f, ref second);
        DropoutKernels.Forward(input, output, b2, 0.3f, ref second);
        DropoutKernels.Forward(input, output, c, 0.3f, ref other);

        Assert.Equal(a1, b1);
        Assert.Equal(a2, b2);
        Assert.NotEqual(a1, a2);
        Assert.NotEqual(a1, c);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(37)]
    [InlineData(1001)]
    public void Forward_matches_its_scalar_twin_exactly(int length)
    {
        float[] input = RandomFloats.Uniform(new Random(length), length);
        float[] output = RandomFloats.Filled(length, float.NaN), mask = new float[length], expected = new float[length], expectedMask = new float[length];
        var random = new DropoutRandom(9);
        var twinRandom = new DropoutRandom(9);

        DropoutKernels.Forward(input, output, mask, 0.25f, ref random);
        DropoutKernels.ForwardReference(input, expected, expectedMask, 0.25f, ref twinRandom);

        Assert.Equal(expectedMask, mask);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Rate_zero_is_the_identity()
    {
        float[] input = RandomFloats.Uniform(new Random(3), 257), output = new float[257], mask = new float[257], dInput = new float[257];
        float[] dOutput = RandomFloats.Uniform(new Random(4), 257);
        var random = new DropoutRandom(5);

        DropoutKernels.Forward(input, output, mask, 0f, ref random);
        DropoutKernels.Backward(dOutput, mask, dInput);

        Assert.Equal(input, output);
        Assert.Equal(dOutput, dInput);
    }

    /// <summary>Output is linear in the input with the mask as its diagonal Jacobian, so the gradient is dOutput times the same mask.</summary>
    [Fact]
    public void Backward_passes_gradient_only_where_forward_kept_and_scales_it_alike()
    {
        const float rate = 0.4f;
        float[] input = RandomFloats.UniformAwayFromZero(new Random(6), 4099, -1, 1, 0.01);
        float[] dOutput = RandomFloats.Uniform(new Random(7), input.Length);
        float[] output = new float[input.Length], mask = new float[input.Length], dInput = RandomFloats.Filled(input.Length, float.NaN);
        var random = new DropoutRandom(11);

        DropoutKernels.Forward(input, output, mask, rate, ref random);
        DropoutKernels.Backward(dOutput, mask, dInput);

        for (int i = 0; i < input.Length; i++)
            Assert.Equal(output[i] == 0f ? 0f : dOutput[i] * (1f / (1f - rate)), dInput[i]);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1f)]
    [InlineData(float.NaN)]
    public void A_rate_outside_zero_to_one_is_refused(float rate)
    {
        var random = new DropoutRandom(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => DropoutKernels.Forward(new float[4], new float[4], new float[4], rate, ref random));
    }
}
