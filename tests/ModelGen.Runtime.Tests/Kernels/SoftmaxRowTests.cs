using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Kernels.Tests;

/// <summary>
/// <see cref="SoftmaxRow"/>'s AVX-512 path (the default here) and its portable twin against a double
/// reference, at widths that leave no tail, only a tail, and whole vectors plus a tail, and past the
/// portable path's 256-float chunk.
/// </summary>
/// <remarks>
/// Float exponentials and sums are good to a few units in the last place: 1e-6 relative to each
/// probability and 1e-6 absolute on the log-sum-exp (about 3) cover that, while a lane that is
/// dropped, read twice or left unscaled moves a probability by a whole term.
/// </remarks>
public sealed class SoftmaxRowTests
{
    private const double Tolerance = 1e-6;

    public static TheoryData<int, bool> Widths
    {
        get
        {
            var data = new TheoryData<int, bool>();
            foreach (int width in new[] { 1, 3, 10, 16, 17, 40, 300 })
            {
                data.Add(width, true);
                data.Add(width, false);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Probabilities_and_log_sum_exp_match_double_reference(int width, bool portable)
    {
        float[] z = RandomFloats.Uniform(new Random(width), width, -6, 6);
        float[] probabilities = RandomFloats.Filled(width, float.NaN);
        const float Scale = 0.25f;

        double logSumExp = Apply(z, probabilities, Scale, portable);

        double max = z.Max();
        double sum = z.Sum(value => Math.Exp(value - max));
        Assert.InRange(logSumExp - (max + Math.Log(sum)), -Tolerance, Tolerance);
        double[] expected = Array.ConvertAll(z, value => Scale * Math.Exp(value - max) / sum);
        NumericAssert.Close(expected, probabilities, 0, Tolerance, $"softmax of width {width}");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Runs_in_place_and_returns_the_same_log_sum_exp_without_probabilities(int width, bool portable)
    {
        float[] z = RandomFloats.Uniform(new Random(width + 1), width, -6, 6);
        float[] separate = new float[width];
        float[] inPlace = (float[])z.Clone();

        double written = Apply(z, separate, 1f, portable);
        double alone = Apply(z, Span<float>.Empty, 1f, portable);
        double overwritten = Apply(inPlace, inPlace, 1f, portable);

        Assert.Equal(written, alone);
        Assert.Equal(written, overwritten);
        Assert.Equal(separate, inPlace);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Stays_finite_at_extreme_logits(bool portable)
    {
        float[] z = [88f, -88f, 0f, 87f, -1e30f, 1e30f, 3f, 4f, 5f, 6f];
        float[] probabilities = new float[z.Length];

        double logSumExp = Apply(z, probabilities, 1f, portable);

        Assert.Equal(1e30, logSumExp, 1e24);
        Assert.Equal(1f, probabilities[5]);
        Assert.All(probabilities, p => Assert.True(p is >= 0f and <= 1f, $"probability {p}"));
    }

    private static double Apply(float[] z, Span<float> probabilities, float scale, bool portable) => (portable
        ? SoftmaxRow.ApplyPortable(z, probabilities, scale)
        : SoftmaxRow.Apply(z, probabilities, scale)).LogSumExp;
}
