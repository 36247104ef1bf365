namespace ModelGen.Publish.Tests;

/// <summary>
/// Publishes samples/NativeLibrary once with NativeAOT (Release, linux-x64) into a temporary folder
/// outside the repository, build outputs included, and compiles the sample's C caller against the
/// published header and library with the machine's gcc, as docs/native-library.md tells a user to.
/// Everything goes when it is disposed.
/// </summary>
public sealed class NativeLibraryFixture : IDisposable
{
    private static readonly TimeSpan s_publishTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_compileTimeout = TimeSpan.FromMinutes(2);

    public NativeLibraryFixture()
    {
        Root = Directory.CreateTempSubdirectory("modelgen-native-").FullName;
        PublishFolder = Path.Combine(Root, "publish");
        SampleFolder = Path.Combine(RepositoryRoot.Path, "samples", "NativeLibrary");

        PublishResult = DotnetCli.Run(RepositoryRoot.Path,
            ["publish", "samples/NativeLibrary/NativeLibrary.csproj", "-c", "Release", "-r", "linux-x64", "-o", PublishFolder,
             "--artifacts-path", Path.Combine(Root, "artifacts")],
            s_publishTimeout).EnsureSuccess();
        LibraryPath = Path.Combine(PublishFolder, "NativeLibrary.so");
        if (!File.Exists(LibraryPath))
            throw new InvalidOperationException($"The publish wrote no {LibraryPath}:{Environment.NewLine}{PublishResult}");

        CallerPath = Path.Combine(PublishFolder, "caller");
        CompileResult = Gcc(Path.Combine(SampleFolder, "c", "caller.c"), CallerPath);
    }

    /// <summary>The temporary folder that holds everything else.</summary>
    public string Root { get; }

    /// <summary>Where `dotnet publish -o` put NativeLibrary.so and include/modelgen.h; the C programs are built here too.</summary>
    public string PublishFolder { get; }

    /// <summary>samples/NativeLibrary in the repository.</summary>
    public string SampleFolder { get; }

    public string LibraryPath { get; }

    /// <summary>c/caller.c, compiled and linked against the published library.</summary>
    public string CallerPath { get; }

    internal ProcessResult PublishResult { get; }

    internal ProcessResult CompileResult { get; }

    /// <summary>
    /// Compiles one C file against the published header and library, with every warning an error.
    /// The program finds the library beside itself ($ORIGIN), as a user's would after copying both.
    /// </summary>
    internal ProcessResult Gcc(string source, string output, params string[] extraArguments)
    {
        string gcc = FindOnPath("gcc")
            ?? throw new InvalidOperationException(
                "gcc is not on PATH; the native library tests compile a C caller with it (Debian: apt-get install gcc).");
        return ProcessRunner.Run(gcc,
            ["-std=c11", "-O2", "-Wall", "-Wextra", "-Werror", "-I", Path.Combine(PublishFolder, "include"), source,
             "-L", PublishFolder, "-l:NativeLibrary.so", "-Wl,-rpath,$ORIGIN", "-o", output, .. extraArguments],
            Root, s_compileTimeout).EnsureSuccess();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A server process of the build may still hold a file; the temporary folder is the
            // system's to clean then.
        }
    }
}
