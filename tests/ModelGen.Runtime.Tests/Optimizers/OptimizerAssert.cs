namespace ModelGen.Optimizers.Tests;

internal static class OptimizerAssert
{
    /// <summary>
    /// Float32 arithmetic against a double-precision expectation: values near 1 agree to a few
    /// float ulps, so 1e-6 absolute leaves room for rounding but not for a wrong formula.
    /// </summary>
    public const double Float32Tolerance = 1e-6;

    public static void Close(double[] expected, ReadOnlySpan<float> actual, double tolerance = Float32Tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"Element {i}: expected {expected[i]:R}, got {actual[i]:R} (tolerance {tolerance}).");
        }
    }
}
