namespace ModelGen.IO.Tests;

/// <summary>A fresh directory per test, removed afterwards, so tests can count the files they leave.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "modelgen-io-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string[] FileNames() =>
        Directory.GetFileSystemEntries(Path).Select(entry => System.IO.Path.GetFileName(entry)!).Order().ToArray();

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
