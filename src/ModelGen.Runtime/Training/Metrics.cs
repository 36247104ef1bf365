namespace ModelGen.Training;

/// <summary>Accuracy as Keras' "accuracy" picks it for each loss.</summary>
public static class Metrics
{
    /// <summary>Whether accuracy means anything for <paramref name="loss"/> (not for regression).</summary>
    public static bool HasAccuracy(Loss loss) => loss != Loss.MeanSquaredError;

    /// <summary>
    /// Counts correct predictions in a batch and returns (correct, total). Binary cross-entropy
    /// compares every output thresholded at 0.5 (binary accuracy); the categorical losses compare the
    /// arg-max class of each sample with its target class.
    /// </summary>
    public static (long Correct, long Total) CountCorrect(Loss loss, ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int outputLength)
    {
        int batch = outputs.Length / outputLength;
        long correct = 0;
        switch (loss)
        {
            case Loss.BinaryCrossEntropy:
                for (int i = 0; i < outputs.Length; i++)
                    if (outputs[i] >= 0.5f == targets[i] >= 0.5f) correct++;
                return (correct, outputs.Length);
            case Loss.CategoricalCrossEntropy:
                for (int b = 0; b < batch; b++)
                    if (ArgMax(outputs.Slice(b * outputLength, outputLength)) == ArgMax(targets.Slice(b * outputLength, outputLength))) correct++;
                return (correct, batch);
            case Loss.SparseCategoricalCrossEntropy:
                for (int b = 0; b < batch; b++)
                    if (ArgMax(outputs.Slice(b * outputLength, outputLength)) == (int)targets[b]) correct++;
                return (correct, batch);
            default:
                return (0, 0);
        }
    }

    /// <summary>Classes a confusion matrix needs for <paramref name="loss"/>: the output width for the categorical losses, 2 for one binary output, else 0 (none).</summary>
    public static int ConfusionClasses(Loss loss, int outputLength) => loss switch
    {
        Loss.CategoricalCrossEntropy or Loss.SparseCategoricalCrossEntropy => outputLength,
        Loss.BinaryCrossEntropy when outputLength == 1 => 2,
        _ => 0,
    };

    /// <summary>Adds each sample of a batch to <paramref name="matrix"/> as (true class, predicted class).</summary>
    public static void AddToConfusion(ConfusionMatrix matrix, Loss loss, ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int outputLength)
    {
        int batch = outputs.Length / outputLength;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> output = outputs.Slice(b * outputLength, outputLength);
            (int actual, int predicted) = loss switch
            {
                Loss.SparseCategoricalCrossEntropy => ((int)targets[b], ArgMax(output)),
                Loss.CategoricalCrossEntropy => (ArgMax(targets.Slice(b * outputLength, outputLength)), ArgMax(output)),
                _ => (targets[b] >= 0.5f ? 1 : 0, output[0] >= 0.5f ? 1 : 0),
            };
            matrix.Add(actual, predicted);
        }
    }

    /// <summary>Index of the largest value (the first on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }
}
