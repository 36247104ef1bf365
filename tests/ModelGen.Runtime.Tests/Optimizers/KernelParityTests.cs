namespace ModelGen.Optimizers.Tests;

/// <summary>
/// The SIMD kernels against their scalar twins, at lengths that leave every combination of
/// 16-, 8- and 4-wide chunks and a scalar tail.
/// </summary>
/// <remarks>
/// The SIMD path fuses multiply-adds that the twin rounds twice, so the two may differ by a few
/// ulps; 1e-5 relative covers that and nothing a wrong lane or tail could produce.
/// </remarks>
public sealed class KernelParityTests
{
    private const int Steps = 3;
    private const double RelativeTolerance = 1e-5;

    public static TheoryData<int> Lengths => [1, 3, 15, 17, 33, 100, 1001];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sgd_plain_matches_reference(int length) =>
        AssertSgdParity(length, new SgdCoefficients(0.1f, 0f, false), hasVelocity: false);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sgd_momentum_matches_reference(int length) =>
        AssertSgdParity(length, new SgdCoefficients(0.1f, 0.9f, false), hasVelocity: true);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sgd_nesterov_matches_reference(int length) =>
        AssertSgdParity(length, new SgdCoefficients(0.1f, 0.9f, true), hasVelocity: true);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void RmsProp_matches_reference(int length) =>
        AssertRmsPropParity(length, new RmsPropCoefficients(0.01f, 0.9f, 1e-7f, 0f), hasMomentum: false);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void RmsProp_momentum_matches_reference(int length) =>
        AssertRmsPropParity(length, new RmsPropCoefficients(0.01f, 0.9f, 1e-7f, 0.5f), hasMomentum: true);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Adam_matches_reference(int length) => AssertAdamParity(length, weightDecay: 0f);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AdamW_matches_reference(int length) => AssertAdamParity(length, weightDecay: 0.01f);

    /// <summary>
    /// State that decays into float's subnormal range (a weight whose gradient stays zero) is stored as zero, in every
    /// lane width and the scalar tail, since subnormal arithmetic runs at a fraction of the CPU's speed.
    /// </summary>
    [Fact]
    public void Subnormal_state_is_flushed_to_zero_on_every_path()
    {
        const int length = 31; // 16 + 8 + 4 lanes and 3 scalars
        const float subnormal = 1e-40f;
        float[] gradients = new float[length];
        float[] Filled() => Enumerable.Repeat(subnormal, length).ToArray();

        float[] velocity = Filled();
        SgdKernel.Update(new float[length], gradients, velocity, new SgdCoefficients(0.1f, 0.9f, false));
        Assert.All(velocity, value => Assert.Equal(0f, value));

        float[] meanSquare = Filled(), momentum = Filled();
        RmsPropKernel.Update(new float[length], gradients, meanSquare, momentum, new RmsPropCoefficients(0.01f, 0.9f, 1e-7f, 0.5f));
        Assert.All(meanSquare.Concat(momentum), value => Assert.Equal(0f, value));

        float[] first = Filled(), second = Filled(), parameters = Enumerable.Repeat(0.5f, length).ToArray();
        AdamKernel.Update(parameters, gradients, first, second, AdamCoefficients.ForStep(0.001f, 0.9f, 0.999f, 1e-7f, 2, 0f));
        Assert.All(first.Concat(second), value => Assert.Equal(0f, value));
        Assert.All(parameters, value => Assert.Equal(0.5f, value));
    }

    private static void AssertSgdParity(int length, SgdCoefficients coefficients, bool hasVelocity)
    {
        var random = new Random(length);
        float[] simdParameters = RandomValues(random, length);
        float[] referenceParameters = (float[])simdParameters.Clone();
        float[] simdVelocity = new float[hasVelocity ? length : 0];
        float[] referenceVelocity = new float[simdVelocity.Length];
        for (int step = 0; step < Steps; step++)
        {
            float[] gradients = RandomValues(random, length);
            SgdKernel.Update(simdParameters, gradients, simdVelocity, coefficients);
            SgdKernel.UpdateReference(referenceParameters, gradients, referenceVelocity, coefficients);
        }

        AssertRelativelyClose(referenceParameters, simdParameters);
        AssertRelativelyClose(referenceVelocity, simdVelocity);
    }

    private static void AssertRmsPropParity(int length, RmsPropCoefficients coefficients, bool hasMomentum)
    {
        var random = new Random(length);
        float[] simdParameters = RandomValues(random, length);
        float[] referenceParameters = (float[])simdParameters.Clone();
        float[] simdMeanSquare = new float[length];
        float[] referenceMeanSquare = new float[length];
        float[] simdMomentum = new float[hasMomentum ? length : 0];
        float[] referenceMomentum = new float[simdMomentum.Length];
        for (int step = 0; step < Steps; step++)
        {
            float[] gradients = RandomValues(random, length);
            RmsPropKernel.Update(simdParameters, gradients, simdMeanSquare, simdMomentum, coefficients);
            RmsPropKernel.UpdateReference(referenceParameters, gradients, referenceMeanSquare, referenceMomentum, coefficients);
        }

        AssertRelativelyClose(referenceParameters, simdParameters);
        AssertRelativelyClose(referenceMeanSquare, simdMeanSquare);
        AssertRelativelyClose(referenceMomentum, simdMomentum);
    }

    private static void AssertAdamParity(int length, float weightDecay)
    {
        var random = new Random(length);
        float[] simdParameters = RandomValues(random, length);
        float[] referenceParameters = (float[])simdParameters.Clone();
        float[] simdFirst = new float[length], simdSecond = new float[length];
        float[] referenceFirst = new float[length], referenceSecond = new float[length];
        for (int step = 1; step <= Steps; step++)
        {
            float[] gradients = RandomValues(random, length);
            AdamCoefficients coefficients = AdamCoefficients.ForStep(0.01f, 0.9f, 0.999f, 1e-7f, step, weightDecay);
            AdamKernel.Update(simdParameters, gradients, simdFirst, simdSecond, coefficients);
            AdamKernel.UpdateReference(referenceParameters, gradients, referenceFirst, referenceSecond, coefficients);
        }

        AssertRelativelyClose(referenceParameters, simdParameters);
        AssertRelativelyClose(referenceFirst, simdFirst);
        AssertRelativelyClose(referenceSecond, simdSecond);
    }

    private static float[] RandomValues(Random random, int length)
    {
        float[] values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return values;
    }

    private static void AssertRelativelyClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double tolerance = RelativeTolerance * Math.Max(1.0, Math.Abs(expected[i]));
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"Element {i} of {expected.Length}: reference {expected[i]:R}, SIMD {actual[i]:R}.");
        }
    }
}
