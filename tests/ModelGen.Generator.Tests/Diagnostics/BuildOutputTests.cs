using System.Diagnostics;
using ModelGen.Generator.Tests.Weights;

namespace ModelGen.Generator.Tests.Diagnostics;

/// <summary>
/// A real <c>dotnet build</c> of a project with a planted mistake prints the analyzer's error with
/// file, line and column, and nothing else: the generator emits nothing for the broken model, so
/// there is no cascade. (docs/diagnostics/README.md shows this output.)
/// </summary>
public sealed class BuildOutputTests
{
    private const string PlantedMistake = """
        using ModelGen;

        [Model(Loss = Loss.SparseCategoricalCrossEntropy)]
        [Input(28, 28, 1)]
        [Dense(128, Activation.ReLU)]
        [Dense(10, Activation.Softmax)]
        public partial class Classifier;

        public static class Program
        {
            public static void Main() { }
        }
        """;

    [Fact]
    public void Dotnet_build_prints_the_diagnostic_with_file_line_and_column()
    {
        string line = Assert.Single(Build(PlantedMistake, weights: null, out string folder));
        Assert.Contains(Path.Combine(folder, "Classifier.cs") + "(5,2): error MG0007: Layer 'dense1' (Dense) needs a rank-1 input of features, " +
                        "but receives (28, 28, 1); add [Flatten] before it to make it (784) (docs/diagnostics/MG0007.md)", line);
    }

    /// <summary>A planted wrong weights file, one per case: listed or not, and which tensors it holds.</summary>
    public static TheoryData<string, string> PlantedWeights => new()
    {
        { "unlisted", "(7,18): error MG0017: Weights file 'tutorial.safetensors' is not among the project's additional files" },
        { "without-dense3", "(7,18): error MG0019: Weights file 'tutorial.safetensors' has no tensor 'dense3.weight'; layer 'dense3' needs it as F32 with shape (1, 32)" },
        { "narrow-dense1", "(7,18): error MG0020: Tensor 'dense1.weight' in weights file 'tutorial.safetensors' is F32 with shape (32, 10), but layer 'dense1' needs F32 with shape (64, 10)" },
    };

    [Theory]
    [MemberData(nameof(PlantedWeights))]
    public void Dotnet_build_checks_an_embedded_weights_file(string plant, string expected)
    {
        IEnumerable<(string Name, int[] Shape)> tensors = plant switch
        {
            "without-dense3" => WeightsFiles.TutorialTensors.Where(t => t.Name != "dense3.weight"),
            "narrow-dense1" => WeightsFiles.TutorialTensors.Select(t => t.Name == "dense1.weight" ? (t.Name, new[] { 32, 10 }) : t),
            _ => WeightsFiles.TutorialTensors,
        };
        string source = WeightsFiles.TutorialWith("tutorial.safetensors") + "\npublic static class Program { public static void Main() { } }\n";

        string[] lines = Build(source, (plant == "unlisted" ? "other.safetensors" : "tutorial.safetensors", tensors), out string folder);

        Assert.Contains(lines, line => line.Contains(Path.Combine(folder, "Classifier.cs") + expected, StringComparison.Ordinal));
        Assert.All(lines, line => Assert.Contains("MG00", line));
    }

    /// <summary>Builds a project of <paramref name="source"/> with the weights file listed as an additional file; returns the error and warning lines.</summary>
    private static string[] Build(string source, (string Name, IEnumerable<(string Name, int[] Shape)> Tensors)? weights, out string folder)
    {
        folder = Directory.CreateTempSubdirectory("modelgen-planted-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "Planted.csproj"), ProjectFile(AppContext.BaseDirectory, weights?.Name));
            File.WriteAllText(Path.Combine(folder, "Classifier.cs"), source);
            if (weights is { } file) WeightsFiles.Write(Path.Combine(folder, file.Name), file.Tensors);

            (int exitCode, string output) = Run("dotnet", $"build \"{folder}\" -nologo -clp:NoSummary -p:UseSharedCompilation=false", folder);

            Assert.NotEqual(0, exitCode);
            return output.Split('\n').Where(l => l.Contains(": error ") || l.Contains(": warning ")).Select(l => l.Trim()).Distinct().ToArray();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // References the assemblies this test was built with, as a package would deliver them.
    private static string ProjectFile(string binaries, string? additionalFile) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <OutputType>Exe</OutputType>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <Reference Include="{Path.Combine(binaries, "ModelGen.Runtime.dll")}" />
            <Analyzer Include="{Path.Combine(binaries, "ModelGen.dll")}" />
            <Analyzer Include="{Path.Combine(binaries, "ModelGen.Analyzers.dll")}" />
            {(additionalFile is null ? "" : $"<AdditionalFiles Include=\"{additionalFile}\" />")}
          </ItemGroup>
        </Project>
        """;

    private static (int ExitCode, string Output) Run(string program, string arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Keep the child build away from the test run's MSBuild node and environment.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
