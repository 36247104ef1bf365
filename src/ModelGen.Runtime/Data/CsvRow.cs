namespace ModelGen.Data;

/// <summary>One data line of a CSV file, split into trimmed fields, with its 1-based line number for error messages.</summary>
internal readonly record struct CsvRow(int LineNumber, string[] Fields);
