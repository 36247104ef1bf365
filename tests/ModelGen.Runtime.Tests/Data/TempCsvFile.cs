namespace ModelGen.Runtime.Tests.Data;

/// <summary>A uniquely named file with the given text, deleted on dispose, so CSV tests need no fixtures on disk.</summary>
internal sealed class TempCsvFile : IDisposable
{
    public TempCsvFile(string text)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"modelgen-{Guid.NewGuid():N}.csv");
        File.WriteAllText(Path, text);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
