using ModelGen.Runtime.Tests.Numerics;

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

    private static float[] Absolute(float[] values) => Array.ConvertAll(values, Math.Abs);
}
