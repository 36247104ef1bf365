using ModelGen.Kernels;

namespace ModelGen.Losses;

/// <summary>Cross-entropy against per-class target distributions (one-hot rows), averaged over samples.</summary>
public static class CategoricalCrossEntropy
{
    /// <summary>
    /// Loss of softmax outputs computed from their logits, per row
    /// <c>sum_i t_i (logsumexp(z) - z_i)</c>; gradient <c>(softmax(z) sum(t) - t) / batch</c>.
    /// </summary>
    public static float FromLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> dLogits, int classes)
    {
        VectorMath.CheckSameLength(logits.Length, targets.Length);
        if (!dLogits.IsEmpty) VectorMath.CheckSameLength(logits.Length, dLogits.Length);
        int batch = Guard.BatchSize(logits, classes, nameof(logits));
        double sum = 0;
        for (int row = 0; row < logits.Length; row += classes)
        {
            ReadOnlySpan<float> z = logits.Slice(row, classes), t = targets.Slice(row, classes);
            double targetMass = 0;
            foreach (float target in t) targetMass += target;
            Span<float> dRow = dLogits.IsEmpty ? default : dLogits.Slice(row, classes);
            // dLoss/dz_i = (p_i * sum_j t_j - t_i) / batch: the softmax is written already scaled.
            double logSumExp = SoftmaxRow.Apply(z, dRow, (float)(targetMass / batch)).LogSumExp;
            for (int i = 0; i < classes; i++)
            {
                sum += t[i] * (logSumExp - z[i]);
                if (!dRow.IsEmpty) dRow[i] -= (float)(t[i] / (double)batch);
            }
        }
        return (float)(sum / batch);
    }

    /// <summary>
    /// Loss of probabilities, per row <c>-sum_i t_i log p_i</c> with <c>p</c> clipped to
    /// <c>[ε, 1 - ε]</c>; gradient <c>-t_i / p_i / batch</c>.
    /// </summary>
    public static float FromProbabilities(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> targets, Span<float> dProbabilities, int classes)
    {
        VectorMath.CheckSameLength(probabilities.Length, targets.Length);
        if (!dProbabilities.IsEmpty) VectorMath.CheckSameLength(probabilities.Length, dProbabilities.Length);
        int batch = Guard.BatchSize(probabilities, classes, nameof(probabilities));
        double sum = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = Math.Clamp(probabilities[i], BinaryCrossEntropy.Epsilon, 1 - BinaryCrossEntropy.Epsilon);
            sum -= targets[i] * Math.Log(p);
            if (!dProbabilities.IsEmpty) dProbabilities[i] = (float)(-targets[i] / p / batch);
        }
        return (float)(sum / batch);
    }
}
