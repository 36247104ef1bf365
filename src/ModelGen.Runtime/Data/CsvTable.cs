using System.Globalization;

namespace ModelGen.Data;

/// <summary>
/// Reads the data rows of a delimited text file: blank lines are skipped, a header line is dropped,
/// and every row must have as many fields as the first. Fields are not unquoted, since the tables
/// this serves are numeric.
/// </summary>
internal static class CsvTable
{
    public static List<CsvRow> ReadRows(string path, bool? hasHeader, char separator)
    {
        var rows = new List<CsvRow>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                rows.Add(new CsvRow(lineNumber, Array.ConvertAll(line.Split(separator), field => field.Trim())));
            }
        }

        if (rows.Count > 0 && (hasHeader ?? LooksLikeHeader(rows)))
        {
            rows.RemoveAt(0);
        }

        if (rows.Count == 0)
        {
            throw new FormatException($"{path}: no data rows.");
        }

        int fieldCount = rows[0].Fields.Length;
        foreach (CsvRow row in rows)
        {
            if (row.Fields.Length != fieldCount)
            {
                throw new FormatException(
                    $"{path}, line {row.LineNumber}: {row.Fields.Length} fields, but line {rows[0].LineNumber} has {fieldCount}.");
            }
        }

        return rows;
    }

    /// <summary>Parses a field as a number in the invariant culture.</summary>
    public static bool TryParseNumber(string field, out float value) =>
        float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// A first line is a header if any field is not a number, or if it has a different field count
    /// from the next line: scikit-learn's bundled tables start with "nSamples,nFeatures,className...".
    /// </summary>
    private static bool LooksLikeHeader(List<CsvRow> rows)
    {
        string[] first = rows[0].Fields;
        if (!first.All(field => TryParseNumber(field, out _)))
        {
            return true;
        }

        return rows.Count > 1 && rows[1].Fields.Length != first.Length;
    }
}
