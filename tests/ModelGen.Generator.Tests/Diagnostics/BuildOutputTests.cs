using System.Diagnostics;

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
        string folder = Directory.CreateTempSubdirectory("modelgen-planted-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "Planted.csproj"), ProjectFile(AppContext.BaseDirectory));
            File.WriteAllText(Path.Combine(folder, "Classifier.cs"), PlantedMistake);

            (int exitCode, string output) = Run("dotnet", $"build \"{folder}\" -nologo -clp:NoSummary -p:UseSharedCompilation=false", folder);

            Assert.NotEqual(0, exitCode);
            string[] diagnostics = output.Split('\n').Where(l => l.Contains(": error ") || l.Contains(": warning ")).Distinct().ToArray();
            string line = Assert.Single(diagnostics);
            Assert.Contains(Path.Combine(folder, "Classifier.cs") + "(5,2): error MG0007: Layer 'dense1' (Dense) needs a rank-1 input of features, " +
                            "but receives (28, 28, 1); add [Flatten] before it to make it (784) (docs/diagnostics/MG0007.md)", line);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // References the assemblies this test was built with, as a package would deliver them.
    private static string ProjectFile(string binaries) => $"""
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
