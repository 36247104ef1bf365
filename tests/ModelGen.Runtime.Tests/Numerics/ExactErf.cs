namespace ModelGen.Runtime.Tests.Numerics;

/// <summary>
/// The error function in double from its Maclaurin series
/// <c>erf(x) = 2/√π Σ (-1)ⁿ x²ⁿ⁺¹ / (n! (2n+1))</c>, independent of the runtime's approximation.
/// </summary>
/// <remarks>
/// The series converges everywhere, but its terms grow to about 1e5 before they shrink when
/// |x| = 4, so cancellation costs five of double's sixteen digits: accurate to ~1e-10 for
/// |x| ≤ 4. Tests only need |x| ≤ 3/√2.
/// </remarks>
internal static class ExactErf
{
    public const double MaxArgument = 4;

    public static double Erf(double x)
    {
        if (Math.Abs(x) > MaxArgument)
            throw new ArgumentOutOfRangeException(nameof(x), x, $"The series is only accurate for |x| <= {MaxArgument}.");
        double sum = 0;
        double power = x; // x^(2n+1) / n!
        for (int n = 0; ; n++)
        {
            double term = power / (2 * n + 1);
            sum += term;
            if (Math.Abs(term) <= 1e-17 * Math.Abs(sum)) break;
            power *= -x * x / (n + 1);
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    /// <summary>Exact GELU, <c>z Φ(z)</c>.</summary>
    public static double Gelu(double z) => z * 0.5 * (1 + Erf(z / Math.Sqrt(2)));
}
