namespace ModelGen.Losses.Tests;

/// <summary>
/// Each loss written straight from its formula in double, independent of the runtime. Inputs stay
/// inside the clipping range, so no clipping is modelled.
/// </summary>
internal static class LossReference
{
    public static double MeanSquaredError(double[] outputs, double[] targets)
    {
        double sum = 0;
        for (int i = 0; i < outputs.Length; i++) sum += (outputs[i] - targets[i]) * (outputs[i] - targets[i]);
        return sum / outputs.Length;
    }

    /// <summary><c>mean(max(z, 0) - z t + log(1 + exp(-|z|)))</c>, the overflow-free form of <c>-t log σ(z) - (1 - t) log(1 - σ(z))</c>.</summary>
    public static double BinaryCrossEntropyFromLogits(double[] logits, double[] targets)
    {
        double sum = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            double z = logits[i];
            sum += Math.Max(z, 0) - z * targets[i] + Math.Log(1 + Math.Exp(-Math.Abs(z)));
        }
        return sum / logits.Length;
    }

    public static double BinaryCrossEntropyFromProbabilities(double[] probabilities, double[] targets)
    {
        double sum = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = probabilities[i], t = targets[i];
            sum -= t * Math.Log(p) + (1 - t) * Math.Log(1 - p);
        }
        return sum / probabilities.Length;
    }

    /// <summary>Per row <c>-sum_i t_i log softmax(z)_i = sum_i t_i (logsumexp(z) - z_i)</c>, averaged over rows.</summary>
    public static double CategoricalCrossEntropyFromLogits(double[] logits, double[] targets, int classes)
    {
        double sum = 0;
        for (int row = 0; row < logits.Length; row += classes)
        {
            double logSumExp = LogSumExp(logits.AsSpan(row, classes));
            for (int i = row; i < row + classes; i++) sum += targets[i] * (logSumExp - logits[i]);
        }
        return sum / (logits.Length / classes);
    }

    public static double CategoricalCrossEntropyFromProbabilities(double[] probabilities, double[] targets, int classes)
    {
        double sum = 0;
        for (int i = 0; i < probabilities.Length; i++) sum -= targets[i] * Math.Log(probabilities[i]);
        return sum / (probabilities.Length / classes);
    }

    public static double SparseCategoricalCrossEntropyFromLogits(double[] logits, float[] labels, int classes)
    {
        double sum = 0;
        for (int b = 0; b < labels.Length; b++)
            sum += LogSumExp(logits.AsSpan(b * classes, classes)) - logits[b * classes + (int)labels[b]];
        return sum / labels.Length;
    }

    public static double SparseCategoricalCrossEntropyFromProbabilities(double[] probabilities, float[] labels, int classes)
    {
        double sum = 0;
        for (int b = 0; b < labels.Length; b++) sum -= Math.Log(probabilities[b * classes + (int)labels[b]]);
        return sum / labels.Length;
    }

    /// <summary>Shifted by the maximum, so logits of ±80 cannot overflow.</summary>
    private static double LogSumExp(ReadOnlySpan<double> z)
    {
        double max = double.NegativeInfinity;
        foreach (double value in z) max = Math.Max(max, value);
        double sum = 0;
        foreach (double value in z) sum += Math.Exp(value - max);
        return max + Math.Log(sum);
    }
}
