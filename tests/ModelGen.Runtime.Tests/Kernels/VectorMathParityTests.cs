using System.Runtime.Intrinsics;
using ModelGen.Runtime.Tests.Numerics;
using static ModelGen.Runtime.Tests.Numerics.FloatArrays;

namespace ModelGen.Kernels.Tests;

/// <summary>
/// <see cref="VectorMath"/>'s SIMD paths against their scalar twins, at lengths that leave every
/// combination of 32-, 16-, 8- and 4-wide chunks and a scalar tail, including none at all.
/// </summary>
/// <remarks>
/// The SIMD paths fuse multiply-adds and sum in a different order than the twins, so results
/// differ by rounding. 1e-5 relative to the sum of the terms' magnitudes covers that (float32
/// rounding over 1001 terms is far smaller), while a dropped, doubled or misplaced element shifts the
/// result by a whole term.
/// The widest path the machine accelerates runs by default; to cover the narrower ones, run the
/// tests again with DOTNET_EnableAVX512F=0, DOTNET_EnableAVX2=0 or DOTNET_EnableHWIntrinsic=0.
/// </remarks>
public sealed class VectorMathParityTests
{
    private const double RelativeTolerance = 1e-5;

    public static TheoryData<int> Lengths => [0, 1, 3, 4, 7, 8, 15, 16, 17, 31, 33, 64, 100, 1001];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Dot_matches_reference(int length)
    {
        var random = new Random(length);
        float[] x = RandomFloats.Uniform(random, length);
        float[] y = RandomFloats.Uniform(random, length);

        float simd = VectorMath.Dot(x, y);

        float reference = VectorMath.DotReference(x, y);
        float magnitude = VectorMath.DotReference(Absolute(x), Absolute(y));
        NumericAssert.CloseToScale([reference], [simd], [magnitude], RelativeTolerance, $"Dot of length {length}");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MultiplyAdd_matches_reference(int length)
    {
        var random = new Random(length);
        float[] x = RandomFloats.Uniform(random, length);
        float[] simd = RandomFloats.Uniform(random, length);
        float[] reference = (float[])simd.Clone();
        float[] magnitude = Absolute(simd);
        const float Alpha = -0.7f;

        VectorMath.MultiplyAdd(x, Alpha, simd);

        VectorMath.MultiplyAddReference(x, Alpha, reference);
        VectorMath.MultiplyAddReference(Absolute(x), Math.Abs(Alpha), magnitude);
        NumericAssert.CloseToScale(reference, simd, magnitude, RelativeTolerance, $"MultiplyAdd of length {length}");
    }

    [Fact]
    public void MultiplyAdd_accumulates_rather_than_overwrites()
    {
        float[] y = [1f, 2f, 3f, 4f, 5f];

        VectorMath.MultiplyAdd([1f, 1f, 1f, 1f, 1f], 2f, y);

        Assert.Equal([3f, 4f, 5f, 6f, 7f], y);
    }

}

/// <summary>
/// <see cref="VectorMath.Exp"/> (the AVX-512 softmax rows' exponential) against <see cref="Math.Exp(double)"/>:
/// within 2 ulp wherever the result is a normal float, exactly 0 and infinity past the ends, NaN kept.
/// </summary>
public sealed class VectorMathExpTests
{
    [Fact]
    public void Exp_is_within_two_ulp_of_the_double_exponential_over_the_whole_range()
    {
        var inputs = new List<float>();
        for (float x = -110f; x <= 95f; x += 0.0037f) inputs.Add(x);
        inputs.AddRange([0f, -0f, 1e-8f, -1e-8f, 88.72f, -87.33f, float.Epsilon, -0.34657359f, 0.34657359f]);
        float worst = 0;
        foreach (float x in inputs)
        {
            float actual = ExpOf(x);
            double expected = Math.Exp(x);
            if (expected < 1.17549435e-38 || expected > float.MaxValue) continue; // denormal or overflowing results
            float ulps = (float)(Math.Abs(actual - expected) / ((double)MathF.BitIncrement((float)expected) - (float)expected));
            worst = Math.Max(worst, ulps);
            Assert.True(ulps <= 2f, $"exp({x}): {actual}, expected {expected} ({ulps} ulp)");
        }
        Assert.True(worst > 0f, "every result exact: the comparison is not running");
    }

    [Theory]
    [InlineData(float.NegativeInfinity, 0f)]
    [InlineData(-104f, 0f)]
    [InlineData(-1000f, 0f)]
    [InlineData(89f, float.PositiveInfinity)]
    [InlineData(float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(0f, 1f)]
    public void Exp_ends(float x, float expected) => Assert.Equal(expected, ExpOf(x));

    [Fact]
    public void Exp_keeps_NaN() => Assert.True(float.IsNaN(ExpOf(float.NaN)));

    // Every lane gets the same input, so a lane-dependent mistake shows in lane 0 or 15 as well.
    private static float ExpOf(float x)
    {
        var lanes = VectorMath.Exp(Vector512.Create(x));
        Assert.Equal(lanes.GetElement(0), lanes.GetElement(15));
        return lanes.GetElement(0);
    }
}
