using ModelGen.Training;

namespace ModelGen.Data;

/// <summary>
/// Converts between class labels and one-hot rows (Keras' <c>to_categorical</c> and <c>argmax</c>).
/// </summary>
/// <remarks>
/// <c>Fit</c> and <c>Evaluate</c> take <c>int[]</c> labels directly and one-hot them for categorical
/// cross-entropy, so <see cref="Encode"/> is for code that needs the matrix itself.
/// </remarks>
public static class OneHot
{
    /// <summary>One row per label with 1 in the label's column and 0 elsewhere.</summary>
    /// <param name="labels">Class indices in [0, <paramref name="classCount"/>).</param>
    /// <param name="classCount">Columns of the result.</param>
    /// <returns>A <c>(labels.Length, classCount)</c> matrix.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, classCount), or classCount is not positive.</exception>
    public static float[,] Encode(int[] labels, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        var rows = new float[labels.Length, classCount];
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"Label {labels[i]} of sample {i} is outside [0, {classCount}).");
            rows[i, labels[i]] = 1f;
        }
        return rows;
    }

    /// <summary>
    /// The column of the largest value in each row (the first on ties), so it also turns predicted class
    /// probabilities from <c>Predict</c> into labels.
    /// </summary>
    /// <param name="rows">One-hot rows or per-class scores, one row per sample.</param>
    public static int[] Decode(float[,] rows)
    {
        int columns = rows.GetLength(1);
        ReadOnlySpan<float> values = Features.AsSpan(rows);
        var labels = new int[rows.GetLength(0)];
        for (int i = 0; i < labels.Length; i++) labels[i] = Metrics.ArgMax(values.Slice(i * columns, columns));
        return labels;
    }
}
