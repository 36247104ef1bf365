using System.Globalization;

namespace ModelGen.Benchmarks.Comparison;

/// <summary>
/// The guard that every framework in the comparison computes the same thing: the same numbers out,
/// within a stated tolerance, before anything is timed.
/// </summary>
internal static class Agreement
{
    /// <summary>Throws unless every element of <paramref name="actual"/> is within <paramref name="tolerance"/> of <paramref name="expected"/>.</summary>
    public static void Require(string what, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance)
    {
        if (expected.Length != actual.Length)
        {
            throw new InvalidOperationException($"{what}: {actual.Length} values, expected {expected.Length}.");
        }
        int worst = 0;
        float largest = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            float difference = MathF.Abs(expected[i] - actual[i]);
            if (float.IsNaN(difference))
            {
                throw new InvalidOperationException($"{what}: index {i} is NaN ({expected[i]} against {actual[i]}).");
            }
            if (difference > largest) (worst, largest) = (i, difference);
        }
        if (largest > tolerance)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{what}: max abs difference {largest:G3} at index {worst} ({expected[worst]:R} against {actual[worst]:R}) exceeds {tolerance:G3}; the frameworks do not compute the same thing."));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {what}: max abs difference {largest:G3} (tolerance {tolerance:G3})"));
    }
}
