using ModelGen.Kernels;

namespace ModelGen.Losses;

/// <summary>Binary cross-entropy, averaged over every output of every sample.</summary>
public static class BinaryCrossEntropy
{
    /// <summary>Probabilities are clipped to <c>[ε, 1 - ε]</c> before the logarithm, as Keras does.</summary>
    public const float Epsilon = 1e-7f;

    /// <summary>
    /// Loss of sigmoid outputs computed from their logits <c>z</c>:
    /// <c>max(z, 0) - z t + log(1 + exp(-|z|))</c>, which never overflows. The gradient with respect
    /// to <c>z</c> is <c>(sigmoid(z) - t) / N</c>.
    /// </summary>
    public static float FromLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> dLogits)
    {
        VectorMath.CheckSameLength(logits.Length, targets.Length);
        if (!dLogits.IsEmpty) VectorMath.CheckSameLength(logits.Length, dLogits.Length);
        double sum = 0;
        float scale = 1f / logits.Length;
        for (int i = 0; i < logits.Length; i++)
        {
            double z = logits[i], t = targets[i];
            sum += Math.Max(z, 0) - z * t + Math.Log(1 + Math.Exp(-Math.Abs(z)));
            if (!dLogits.IsEmpty) dLogits[i] = (float)((1 / (1 + Math.Exp(-z)) - t) * scale);
        }
        return (float)(sum / logits.Length);
    }

    /// <summary>
    /// Loss of probabilities <c>p</c>: <c>-(t log p + (1 - t) log(1 - p))</c>, with the gradient
    /// <c>(p - t) / (p (1 - p)) / N</c> with respect to <c>p</c>.
    /// </summary>
    public static float FromProbabilities(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> targets, Span<float> dProbabilities)
    {
        VectorMath.CheckSameLength(probabilities.Length, targets.Length);
        if (!dProbabilities.IsEmpty) VectorMath.CheckSameLength(probabilities.Length, dProbabilities.Length);
        double sum = 0;
        double scale = 1.0 / probabilities.Length;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = Math.Clamp(probabilities[i], Epsilon, 1 - Epsilon), t = targets[i];
            sum -= t * Math.Log(p) + (1 - t) * Math.Log(1 - p);
            if (!dProbabilities.IsEmpty) dProbabilities[i] = (float)((p - t) / (p * (1 - p)) * scale);
        }
        return (float)(sum * scale);
    }
}
