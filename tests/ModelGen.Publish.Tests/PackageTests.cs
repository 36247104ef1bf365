using System.Globalization;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace ModelGen.Publish.Tests;

/// <summary>
/// The ModelGen package as a user gets it: its layout, and a fresh project outside the repository
/// that adds it from a folder source with `dotnet add package`, restores into an empty package
/// cache, trains and runs a model, and has a shape mistake reported by the package's analyzers.
/// </summary>
[Collection(DotnetProcessCollection.Name)]
public sealed class PackageTests(PackedPackageFixture package, ITestOutputHelper log) : IClassFixture<PackedPackageFixture>
{
    [Fact]
    public void Package_HoldsTheRuntimeUnderLibAndTheCompilerComponentsUnderAnalyzers()
    {
        log.WriteLine($"Packed {Path.GetFileName(package.PackagePath)} in {package.PackResult.Elapsed.TotalSeconds:F1} s.");
        string[] expected =
        [
            "ModelGen.nuspec",
            "README.md",
            "lib/net10.0/ModelGen.Runtime.dll",
            "lib/net10.0/ModelGen.Runtime.xml",
            "analyzers/dotnet/cs/ModelGen.dll",
            "analyzers/dotnet/cs/ModelGen.Analyzers.dll",
            "analyzers/dotnet/cs/ModelGen.Analyzers.CodeFixes.dll",
        ];
        // What remains is the packaging format's own bookkeeping.
        string[] content = [.. package.Entries.Where(path =>
            !path.StartsWith("_rels/", StringComparison.Ordinal)
            && !path.StartsWith("package/", StringComparison.Ordinal)
            && path != "[Content_Types].xml")];

        Assert.Equal(expected.Order(StringComparer.Ordinal), content.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Package_IsModelGenAndDependsOnSystemNumericsTensorsOnly()
    {
        Assert.Equal("ModelGen", package.NuspecValue("id"));
        Assert.Equal("README.md", package.NuspecValue("readme"));
        Assert.False(string.IsNullOrWhiteSpace(package.NuspecValue("description")));

        XElement[] dependencies = [.. package.Nuspec.Descendants().Where(e => e.Name.LocalName == "dependency")];
        XElement dependency = Assert.Single(dependencies);
        Assert.Equal("System.Numerics.Tensors", dependency.Attribute("id")?.Value);
        Assert.Equal("net10.0", dependency.Parent?.Attribute("targetFramework")?.Value);
    }

    [Fact]
    public void FreshConsumer_TrainsAndPredictsWithAModelDeclaredAgainstThePackage()
    {
        ConsumerProject consumer = package.CreateConsumer("Probe", executable: true, "Program.cs");

        Step(consumer.Dotnet("add", "package", "ModelGen", "--version", package.Version));
        ProcessResult run = Step(consumer.Dotnet("run"));
        log.WriteLine(run.Output);

        Assert.True(Directory.Exists(Path.Combine(package.PackageCache, "modelgen", package.Version)),
            $"The restore did not put ModelGen {package.Version} in the empty package cache {package.PackageCache}.");
        Dictionary<string, double> printed = run.Output
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], CultureInfo.InvariantCulture));
        string message = run.ToString();
        Assert.True(printed.ContainsKey("Prediction"), message);
        // 4 -> 8 -> 1 Dense: (4 * 8 + 8) + (8 * 1 + 1).
        Assert.Equal(49, printed["ParameterCount"]);
        Assert.True(printed["Prediction"] is > 0 and < 1, message);
        Assert.True(printed["LossAfter"] < printed["LossBefore"], message);
        Assert.True(double.IsFinite(printed["LossAfter"]), message);
    }

    [Fact]
    public void FreshConsumer_ShapeMistakeStopsTheBuildWithMG0007()
    {
        ConsumerProject consumer = package.CreateConsumer("Mistake", executable: false, "ShapeMistake.cs");

        Step(consumer.Dotnet("add", "package", "ModelGen", "--version", package.Version));
        ProcessResult build = consumer.Dotnet("build");
        log.WriteLine($"{build.CommandLine}: {build.Elapsed.TotalSeconds:F1} s, exit code {build.ExitCode}");
        log.WriteLine(build.Output);

        string message = build.ToString();
        Assert.True(build.ExitCode is not null and not 0, message);
        Assert.Contains("error MG0007", build.Output);
        // Every assembly under analyzers/dotnet/cs loads in the command-line compiler, the code fixes
        // included (a CS8032 warning would say one could not).
        Assert.DoesNotContain(": warning ", build.Output);
        // The generator emits nothing for an invalid model, so the analyzer's error is the only one.
        Assert.DoesNotContain("error CS", build.Output);
    }

    private ProcessResult Step(ProcessResult result)
    {
        log.WriteLine($"{result.CommandLine}: {result.Elapsed.TotalSeconds:F1} s");
        return result.EnsureSuccess();
    }
}
