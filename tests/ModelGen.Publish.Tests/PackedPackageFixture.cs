using System.IO.Compression;
using System.Xml.Linq;

namespace ModelGen.Publish.Tests;

/// <summary>
/// Packs ModelGen once, in Release, into a temporary folder outside the repository (build outputs
/// included, so the repository is left as it was), and makes consumer projects there that restore
/// from that folder into a package cache that starts empty. Everything goes when it is disposed.
/// </summary>
public sealed class PackedPackageFixture : IDisposable
{
    private static readonly TimeSpan s_packTimeout = TimeSpan.FromMinutes(5);

    public PackedPackageFixture()
    {
        Root = Directory.CreateTempSubdirectory("modelgen-package-").FullName;
        PackageFolder = Path.Combine(Root, "packages");
        PackageCache = Path.Combine(Root, "package-cache");
        Directory.CreateDirectory(PackageCache);

        PackResult = DotnetCli.Run(RepositoryRoot.Path,
            ["pack", "src/ModelGen.Runtime/ModelGen.Runtime.csproj", "-c", "Release", "-o", PackageFolder,
             "--artifacts-path", Path.Combine(Root, "artifacts")],
            s_packTimeout).EnsureSuccess();
        string[] packages = Directory.GetFiles(PackageFolder, "*.nupkg");
        if (packages.Length != 1)
            throw new InvalidOperationException($"Expected one package in {PackageFolder}, found {packages.Length}:{Environment.NewLine}{PackResult}");
        PackagePath = packages[0];

        using ZipArchive archive = ZipFile.OpenRead(PackagePath);
        Entries = [.. archive.Entries.Select(entry => entry.FullName)];
        ZipArchiveEntry nuspecEntry = archive.GetEntry("ModelGen.nuspec")
            ?? throw new InvalidOperationException($"{PackagePath} has no ModelGen.nuspec.");
        using Stream nuspecStream = nuspecEntry.Open();
        Nuspec = XDocument.Load(nuspecStream);
        Version = NuspecValue("version");
    }

    /// <summary>The temporary folder that holds everything else.</summary>
    public string Root { get; }

    /// <summary>The folder `dotnet pack` wrote to, which consumers use as a package source.</summary>
    public string PackageFolder { get; }

    /// <summary>The package cache (NUGET_PACKAGES) of every consumer, empty before the first restore.</summary>
    public string PackageCache { get; }

    public string PackagePath { get; }

    /// <summary>The package's version, as its nuspec states it.</summary>
    public string Version { get; }

    /// <summary>Paths of the files in the package.</summary>
    public IReadOnlyList<string> Entries { get; }

    public XDocument Nuspec { get; }

    internal ProcessResult PackResult { get; }

    /// <summary>The text of a metadata element of the nuspec, such as <c>id</c> or <c>version</c>.</summary>
    public string NuspecValue(string element) =>
        Nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == element)?.Value
        ?? throw new InvalidOperationException($"The nuspec has no <{element}>.");

    /// <summary>
    /// Makes a project as `dotnet new console` (or `classlib`) would, with a nuget.config whose sources
    /// are the pack folder, for ModelGen, and nuget.org, for everything else, and with
    /// <paramref name="sourceFiles"/> from the Consumer folder next to this assembly. It holds no
    /// package reference yet: tests add the package as a user would.
    /// </summary>
    internal ConsumerProject CreateConsumer(string name, bool executable, params string[] sourceFiles)
    {
        string directory = Path.Combine(Root, "consumers", name);
        Directory.CreateDirectory(directory);
        string outputType = executable ? "\n    <OutputType>Exe</OutputType>" : "";
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>{outputType}
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        // Source mapping sends ModelGen to the pack folder only, so a package of that id on nuget.org
        // can never stand in for the one under test.
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{PackageFolder}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="ModelGen" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        foreach (string file in sourceFiles)
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Consumer", file), Path.Combine(directory, file));
        return new ConsumerProject(directory, PackageCache);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A server process of a build may still hold a file; the temporary folder is the
            // system's to clean then.
        }
    }
}

/// <summary>A consumer project made by <see cref="PackedPackageFixture.CreateConsumer"/>.</summary>
internal sealed class ConsumerProject(string directory, string packageCache)
{
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromMinutes(3);

    public string Directory { get; } = directory;

    /// <summary>Runs a `dotnet` command in the project's folder, restoring into the fixture's package cache.</summary>
    public ProcessResult Dotnet(params string[] arguments) =>
        DotnetCli.Run(Directory, arguments, s_commandTimeout, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = packageCache });
}
