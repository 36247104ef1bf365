namespace ModelGen.Runtime.Tests.Numerics;

/// <summary>Small array helpers shared by the kernel tests.</summary>
internal static class FloatArrays
{
    public static float[] Absolute(float[] values) => Array.ConvertAll(values, Math.Abs);

    public static float[] Add(float[] x, float[] y) => x.Zip(y, (a, b) => a + b).ToArray();

    /// <summary><c>sum_i values[i] * weights[i]</c>: the scalar loss whose gradient is <paramref name="weights"/>.</summary>
    public static double WeightedSum(double[] values, float[] weights)
    {
        Assert.Equal(values.Length, weights.Length);
        double sum = 0;
        for (int i = 0; i < values.Length; i++) sum += values[i] * weights[i];
        return sum;
    }

    /// <summary>The float values widened, for <see cref="NumericAssert.Close"/>'s double expectations.</summary>
    public static double[] Widen(float[] values) => CentralDifference.Widen(values);
}
