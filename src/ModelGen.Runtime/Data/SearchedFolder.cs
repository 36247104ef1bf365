namespace ModelGen.Data;

/// <summary>A place a data set was looked for, what it is, and why it did not do.</summary>
internal sealed record SearchedFolder(string Path, string Role, string? Problem = null);
