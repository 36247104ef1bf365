using System.Globalization;

namespace ModelGen.Data;

/// <summary>
/// Loads numeric tables from delimited text files, in the invariant culture (a dot is the decimal separator).
/// Blank lines are skipped and fields are trimmed; quoted fields are not supported.
/// </summary>
/// <remarks>
/// With <c>hasHeader: null</c> the first line is treated as a header when one of its fields is not a number,
/// or when its field count differs from the next line's, as in scikit-learn's bundled data files whose first
/// line is <c>nSamples,nFeatures,className...</c>.
/// </remarks>
public static class CsvLoader
{
    /// <summary>Loads a classification table: numeric features plus one integer class label per row.</summary>
    /// <param name="path">File to read.</param>
    /// <param name="labelColumn">Zero-based index of the label column; negative values count from the end, so -1 is the last.</param>
    /// <param name="hasHeader">Whether the first line is a header; null to detect it.</param>
    /// <param name="separator">Field separator.</param>
    /// <returns>The other columns as features, one row per data line, and the labels.</returns>
    /// <exception cref="FormatException">A field is not a number, a label is not an integer, or a row has the wrong number of fields; the message names the file, line and field.</exception>
    /// <exception cref="ArgumentException"><paramref name="labelColumn"/> is outside the table, or it is the only column.</exception>
    public static (float[,] Features, int[] Labels) Load(string path, int labelColumn = -1, bool? hasHeader = null, char separator = ',')
    {
        List<CsvRow> rows = CsvTable.ReadRows(path, hasHeader, separator);
        int nColumns = rows[0].Fields.Length;
        int label = labelColumn < 0 ? nColumns + labelColumn : labelColumn;
        if (label < 0 || label >= nColumns)
        {
            throw new ArgumentException($"labelColumn {labelColumn} is outside the {nColumns} columns of {path}.", nameof(labelColumn));
        }

        if (nColumns == 1)
        {
            throw new ArgumentException($"{path} has only the label column and no features.", nameof(labelColumn));
        }

        float[,] features = new float[rows.Count, nColumns - 1];
        int[] labels = new int[rows.Count];
        for (int row = 0; row < rows.Count; row++)
        {
            labels[row] = ParseLabel(path, rows[row], label);
            int feature = 0;
            for (int column = 0; column < nColumns; column++)
            {
                if (column != label)
                {
                    features[row, feature++] = ParseNumber(path, rows[row], column);
                }
            }
        }

        return (features, labels);
    }

    /// <summary>Loads an all-numeric table, for example regression data or a time series.</summary>
    /// <param name="path">File to read.</param>
    /// <param name="hasHeader">Whether the first line is a header; null to detect it.</param>
    /// <param name="separator">Field separator.</param>
    /// <returns>One row per data line, one column per field.</returns>
    /// <exception cref="FormatException">A field is not a number or a row has the wrong number of fields; the message names the file, line and field.</exception>
    public static float[,] LoadMatrix(string path, bool? hasHeader = null, char separator = ',')
    {
        List<CsvRow> rows = CsvTable.ReadRows(path, hasHeader, separator);
        int nColumns = rows[0].Fields.Length;
        float[,] matrix = new float[rows.Count, nColumns];
        for (int row = 0; row < rows.Count; row++)
        {
            for (int column = 0; column < nColumns; column++)
            {
                matrix[row, column] = ParseNumber(path, rows[row], column);
            }
        }

        return matrix;
    }

    private static float ParseNumber(string path, CsvRow row, int column)
    {
        string field = row.Fields[column];
        if (!CsvTable.TryParseNumber(field, out float value))
        {
            throw new FormatException($"{path}, line {row.LineNumber}, column {column + 1}: '{field}' is not a number.");
        }

        return value;
    }

    private static int ParseLabel(string path, CsvRow row, int column)
    {
        string field = row.Fields[column];
        if (!int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out int label))
        {
            throw new FormatException($"{path}, line {row.LineNumber}, column {column + 1}: label '{field}' is not an integer.");
        }

        return label;
    }
}
