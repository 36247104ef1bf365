using ModelGen.Kernels;

namespace ModelGen.Losses;

/// <summary>Cross-entropy against integer class labels (stored as floats, one per sample), averaged over samples.</summary>
public static class SparseCategoricalCrossEntropy
{
    /// <summary>Loss of softmax outputs from their logits: <c>logsumexp(z) - z_label</c>; gradient <c>(softmax(z) - onehot) / batch</c>.</summary>
    public static float FromLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> labels, Span<float> dLogits, int classes)
    {
        int batch = CheckShapes(logits, labels.Length, dLogits.Length, classes, nameof(logits));
        double sum = 0;
        float perSample = 1f / batch;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> z = logits.Slice(b * classes, classes);
            int label = LabelAt(labels, b, classes);
            Span<float> dRow = dLogits.IsEmpty ? default : dLogits.Slice(b * classes, classes);
            sum += SoftmaxRow.Apply(z, dRow, perSample).LogSumExp - z[label];
            if (!dRow.IsEmpty) dRow[label] -= perSample;
        }
        return (float)(sum / batch);
    }

    /// <summary>Loss of probabilities: <c>-log p_label</c> with <c>p</c> clipped to <c>[ε, 1 - ε]</c>; gradient <c>-1 / p_label / batch</c> at the label.</summary>
    public static float FromProbabilities(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels, Span<float> dProbabilities, int classes)
    {
        int batch = CheckShapes(probabilities, labels.Length, dProbabilities.Length, classes, nameof(probabilities));
        if (!dProbabilities.IsEmpty) dProbabilities.Clear();
        double sum = 0;
        for (int b = 0; b < batch; b++)
        {
            int label = LabelAt(labels, b, classes);
            double p = Math.Clamp(probabilities[b * classes + label], BinaryCrossEntropy.Epsilon, 1 - BinaryCrossEntropy.Epsilon);
            sum -= Math.Log(p);
            if (!dProbabilities.IsEmpty) dProbabilities[b * classes + label] = (float)(-1 / p / batch);
        }
        return (float)(sum / batch);
    }

    private static int CheckShapes(ReadOnlySpan<float> outputs, int labelLength, int gradientLength, int classes, string outputName)
    {
        // A ragged tail would otherwise be dropped silently by the integer division.
        int batch = Guard.BatchSize(outputs, classes, outputName);
        VectorMath.CheckSameLength(batch, labelLength, "labels");
        if (gradientLength != 0) VectorMath.CheckSameLength(outputs.Length, gradientLength, "gradient");
        return batch;
    }

    private static int LabelAt(ReadOnlySpan<float> labels, int sample, int classes)
    {
        float value = labels[sample];
        int label = (int)value;
        if (label != value || label < 0 || label >= classes)
            throw new ArgumentOutOfRangeException(nameof(labels), value, $"Label of sample {sample} must be a class index in [0, {classes}).");
        return label;
    }
}
