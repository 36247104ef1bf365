using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Losses.Tests;

/// <summary>A loss under test, with its targets or labels already bound.</summary>
internal delegate float LossKernel(ReadOnlySpan<float> values, Span<float> gradient);

/// <summary>The checks every loss variant goes through: value, gradient, and skipping the gradient.</summary>
internal static class LossCheck
{
    /// <summary>
    /// The losses sum in double, so the returned float is off from the reference by float32 rounding
    /// of the result (6e-8 relative) and of the inputs' differences (MSE); 1e-5 relative is loose for that
    /// and tight for a wrong mean or a missing term.
    /// </summary>
    public const double ValueTolerance = 1e-5;

    /// <summary>
    /// Each gradient element is computed in double and rounded once to float (6e-8 relative). The
    /// central difference errs by about h² / (3 p²) relative where log p curves, under 1e-6 for the
    /// smallest probabilities used here (~0.01). A dropped 1/N, factor 2 or sign misses by 50% or more.
    /// </summary>
    public const double GradientAbsoluteTolerance = 1e-7, GradientRelativeTolerance = 1e-5;

    /// <summary>
    /// Checks the returned loss against <paramref name="reference"/>, the gradient against central
    /// differences of it, and that an empty gradient span returns the identical loss.
    /// </summary>
    public static void ValueAndGradient(LossKernel loss, Func<double[], double> reference, float[] values, string what)
    {
        // NaN marks any element the kernel leaves unwritten.
        float[] gradient = RandomFloats.Filled(values.Length, float.NaN);

        float value = loss(values, gradient);

        NumericAssert.RelativelyClose(reference(CentralDifference.Widen(values)), value, ValueTolerance, $"{what} value");
        double[] expected = CentralDifference.Gradient(reference, values);
        NumericAssert.Close(expected, gradient, GradientAbsoluteTolerance, GradientRelativeTolerance, $"{what} gradient");
        Assert.Equal(value, loss(values, Span<float>.Empty));
    }

    /// <summary>Every returned number must be finite: the point of the stable logit forms.</summary>
    public static void AllFinite(LossKernel loss, float[] values, string what)
    {
        float[] gradient = new float[values.Length];
        float value = loss(values, gradient);
        Assert.True(float.IsFinite(value), $"{what}: loss {value}.");
        Assert.All(gradient, element => Assert.True(float.IsFinite(element), $"{what}: gradient element {element}."));
    }
}
