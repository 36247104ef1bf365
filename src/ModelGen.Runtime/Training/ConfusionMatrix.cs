using System.Globalization;
using System.Text;

namespace ModelGen.Training;

/// <summary>
/// Counts of (true class, predicted class) pairs, as scikit-learn's <c>confusion_matrix</c>: row
/// <c>t</c>, column <c>p</c> counts samples of class <c>t</c> predicted as <c>p</c>.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] _counts;

    /// <summary>An all-zero matrix for <paramref name="classes"/> classes.</summary>
    public ConfusionMatrix(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        _counts = new long[classes, classes];
    }

    /// <summary>Number of classes (rows and columns).</summary>
    public int Classes => _counts.GetLength(0);

    /// <summary>Samples of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public long this[int actual, int predicted] => _counts[actual, predicted];

    /// <summary>All samples counted.</summary>
    public long Total { get; private set; }

    /// <summary>Fraction on the diagonal.</summary>
    public double Accuracy
    {
        get
        {
            long correct = 0;
            for (int c = 0; c < Classes; c++) correct += _counts[c, c];
            return Total == 0 ? double.NaN : (double)correct / Total;
        }
    }

    /// <summary>Of the samples of class <paramref name="actual"/>, the fraction predicted right (per-class recall).</summary>
    public double Recall(int actual)
    {
        long row = 0;
        for (int p = 0; p < Classes; p++) row += _counts[actual, p];
        return row == 0 ? double.NaN : (double)_counts[actual, actual] / row;
    }

    /// <summary>Counts one sample.</summary>
    public void Add(int actual, int predicted)
    {
        _counts[actual, predicted]++;
        Total++;
    }

    /// <summary>The matrix as aligned text, rows labelled with <paramref name="names"/> (or indices) and a recall column.</summary>
    public string ToString(IReadOnlyList<string>? names)
    {
        if (names is not null && names.Count != Classes) throw new ArgumentException($"Expected {Classes} class names, got {names.Count}.", nameof(names));
        string Name(int c) => names?[c] ?? c.ToString(CultureInfo.InvariantCulture);
        int labelWidth = Enumerable.Range(0, Classes).Max(c => Name(c).Length);
        int cellWidth = Math.Max(Total.ToString(CultureInfo.InvariantCulture).Length, Classes.ToString(CultureInfo.InvariantCulture).Length) + 1;
        var text = new StringBuilder();
        text.Append("true \\ predicted".PadRight(labelWidth)).Append(' ');
        for (int p = 0; p < Classes; p++) text.Append(p.ToString(CultureInfo.InvariantCulture).PadLeft(cellWidth));
        text.Append("  recall\n");
        for (int t = 0; t < Classes; t++)
        {
            text.Append(Name(t).PadRight(Math.Max(labelWidth, 16))).Append(' ');
            for (int p = 0; p < Classes; p++) text.Append(_counts[t, p].ToString(CultureInfo.InvariantCulture).PadLeft(cellWidth));
            text.Append("  ").Append(Recall(t).ToString("0.000", CultureInfo.InvariantCulture)).Append('\n');
        }
        return text.ToString();
    }

    /// <inheritdoc cref="ToString(IReadOnlyList{string})"/>
    public override string ToString() => ToString(null);
}
