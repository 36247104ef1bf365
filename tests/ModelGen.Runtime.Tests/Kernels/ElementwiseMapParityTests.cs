using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Kernels.Tests;

/// <summary>
/// <see cref="ElementwiseMap.Run"/> against <see cref="ElementwiseMap.RunScalar"/> for every map.
/// </summary>
/// <remarks>
/// Each lane performs the same IEEE operations in the same order as the scalar form, and the JIT
/// does not contract a multiply and an add into an FMA, so the two must agree to the bit.
/// Inputs include +0 and -0, where the comparisons in the ReLU maps decide.
/// </remarks>
public sealed class ElementwiseMapParityTests
{
    public static TheoryData<string, int> MapsAndLengths
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (string map in new[] { "LeakyRelu 0.2", "LeakyRelu 0", "LeakyReluGradient 0.01", "LeakyReluGradient 0", "SigmoidGradient", "TanhGradient" })
                foreach (int length in new[] { 0, 1, 3, 4, 7, 8, 15, 16, 17, 31, 33, 64, 100, 1001 })
                    data.Add(map, length);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(MapsAndLengths))]
    public void Run_matches_scalar(string map, int length)
    {
        switch (map)
        {
            case "LeakyRelu 0.2": AssertParity(new LeakyReluMap(0.2f), length); break;
            case "LeakyRelu 0": AssertParity(new LeakyReluMap(0f), length); break;
            case "LeakyReluGradient 0.01": AssertParity(new LeakyReluGradientMap(0.01f), length); break;
            case "LeakyReluGradient 0": AssertParity(new LeakyReluGradientMap(0f), length); break;
            case "SigmoidGradient": AssertParity(new SigmoidGradientMap(), length); break;
            case "TanhGradient": AssertParity(new TanhGradientMap(), length); break;
            default: throw new ArgumentOutOfRangeException(nameof(map), map, "Unknown map.");
        }
    }

    /// <summary>A span long enough to be split over two threads, the split falling inside a 16-float block's reach.</summary>
    [Fact]
    public void Run_over_two_threads_matches_scalar()
    {
        using (new ComputeThreadsScope(2)) AssertParity(new LeakyReluGradientMap(0f), (1 << 18) + 37);
    }

    private static void AssertParity<TMap>(TMap map, int length)
        where TMap : unmanaged, IBinaryMap
    {
        var random = new Random(length);
        float[] x = RandomFloats.Uniform(random, length, -3, 3);
        float[] y = RandomFloats.Uniform(random, length, -3, 3);
        if (length > 1) (x[0], x[1]) = (0f, -0f);
        float[] simd = RandomFloats.Filled(length, float.NaN);
        float[] scalar = new float[length];

        ElementwiseMap.Run(map, x, y, simd);
        ElementwiseMap.RunScalar(map, x, y, scalar);

        Assert.Equal(Array.ConvertAll(scalar, BitConverter.SingleToInt32Bits), Array.ConvertAll(simd, BitConverter.SingleToInt32Bits));
    }
}
