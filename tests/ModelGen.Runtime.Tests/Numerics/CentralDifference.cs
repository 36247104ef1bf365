namespace ModelGen.Runtime.Tests.Numerics;

/// <summary>
/// Gradients of a double-precision scalar function by central differences, the independent
/// reference that every backward pass is checked against.
/// </summary>
/// <remarks>
/// With step h = 1e-5 in double the truncation error is about h² f‴ / 6 ≈ 1e-10 · f‴ and the
/// rounding error about 1e-16 · |f| / h ≈ 1e-11 · |f|, both far below float32 resolution, so any
/// visible disagreement belongs to the kernel under test.
/// </remarks>
internal static class CentralDifference
{
    public const double Step = 1e-5;

    /// <summary>Returns <c>∂f/∂x_j</c> for every j, evaluated at the float values <paramref name="at"/> widened to double.</summary>
    public static double[] Gradient(Func<double[], double> f, ReadOnlySpan<float> at)
    {
        double[] x = new double[at.Length];
        for (int i = 0; i < at.Length; i++) x[i] = at[i];
        double[] gradient = new double[x.Length];
        for (int j = 0; j < x.Length; j++)
        {
            double original = x[j];
            x[j] = original + Step;
            double above = f(x);
            x[j] = original - Step;
            double below = f(x);
            x[j] = original;
            gradient[j] = (above - below) / (2 * Step);
        }
        return gradient;
    }

    public static double[] Widen(ReadOnlySpan<float> values)
    {
        double[] wide = new double[values.Length];
        for (int i = 0; i < values.Length; i++) wide[i] = values[i];
        return wide;
    }
}
