namespace ModelGen.Losses;

internal static class SoftmaxMath
{
    /// <summary><c>log(sum_i exp(z_i))</c>, shifted by the maximum so it cannot overflow.</summary>
    public static double LogSumExp(ReadOnlySpan<float> z)
    {
        double max = double.NegativeInfinity;
        foreach (float value in z) max = Math.Max(max, value);
        double sum = 0;
        foreach (float value in z) sum += Math.Exp(value - max);
        return max + Math.Log(sum);
    }
}
