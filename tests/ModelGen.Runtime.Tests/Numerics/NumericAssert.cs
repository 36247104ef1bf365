namespace ModelGen.Runtime.Tests.Numerics;

internal static class NumericAssert
{
    /// <summary>Each element within <c>absolute + relative · |expected|</c>.</summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double absolute, double relative, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double tolerance = absolute + relative * Math.Abs(expected[i]);
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"{what}, element {i} of {expected.Length}: expected {expected[i]:R}, got {actual[i]:R} (tolerance {tolerance:R}).");
        }
    }

    /// <summary>
    /// Each element within <c>relative · magnitude[i]</c>, where <paramref name="magnitude"/> is the
    /// sum of the absolute values of the terms that make up the element. Rounding error in a float
    /// sum is bounded in proportion to that sum (Higham, Accuracy and Stability, §3.1), not to
    /// the result, which cancellation can make arbitrarily small.
    /// </summary>
    public static void CloseToScale(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, ReadOnlySpan<float> magnitude, double relative, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected.Length, magnitude.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double tolerance = relative * magnitude[i];
            Assert.True(
                Math.Abs((double)expected[i] - actual[i]) <= tolerance,
                $"{what}, element {i} of {expected.Length}: reference {expected[i]:R}, SIMD {actual[i]:R} (tolerance {tolerance:R}).");
        }
    }

    public static void RelativelyClose(double expected, float actual, double relative, string what) =>
        Assert.True(
            Math.Abs(expected - actual) <= relative * Math.Abs(expected),
            $"{what}: expected {expected:R}, got {actual:R} (relative tolerance {relative}).");

    /// <summary>The message must name both lengths, so a user can tell which buffer was wrong and by how much.</summary>
    public static void ThrowsLengthMismatch(Action action, int expected, int actual)
    {
        var error = Assert.ThrowsAny<ArgumentException>(action);
        Assert.IsNotType<ArgumentOutOfRangeException>(error);
        Assert.Contains(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Contains(actual.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }
}
