using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ModelGen.Generator.Tests.Diagnostics;
using ModelGen.Generator.Tests.Generation;
using ModelGen.IO;

namespace ModelGen.Generator.Tests.Weights;

/// <summary>An additional file the compiler would pass on: a path, no text (weights files are binary).</summary>
internal sealed class FileText(string path) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText? GetText(CancellationToken cancellationToken = default) => null;
}

/// <summary>Writes safetensors files for the tests and runs the generator and analyzers with them as additional files.</summary>
internal static class WeightsFiles
{
    /// <summary>The tutorial model (10-64-32-1) with <c>[EmbeddedWeights(path)]</c>.</summary>
    public static string TutorialWith(string path) => $$"""
        using ModelGen;
        [Model(Loss = Loss.BinaryCrossEntropy)]
        [Input(10)]
        [Dense(64, Activation.ReLU)]
        [Dense(32, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        [EmbeddedWeights("{{path}}")]
        public partial class TutorialClassifier;
        """;

    /// <summary>The tutorial model's tensors as PyTorch writes them: name and file shape.</summary>
    public static readonly (string Name, int[] Shape)[] TutorialTensors =
    [
        ("dense1.weight", [64, 10]), ("dense1.bias", [64]),
        ("dense2.weight", [32, 64]), ("dense2.bias", [32]),
        ("dense3.weight", [1, 32]), ("dense3.bias", [1]),
    ];

    /// <summary>A folder under the temp directory, unique to the caller, deleted by nobody (the OS cleans temp).</summary>
    public static string NewFolder(string name)
    {
        string folder = Path.Combine(Path.GetTempPath(), "modelgen-weights-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Writes a safetensors file holding <paramref name="tensors"/> (file shapes) filled with a seeded sequence.</summary>
    public static string Write(string path, IEnumerable<(string Name, int[] Shape)> tensors, int seed = 1)
    {
        var list = new List<ParameterTensor>();
        int offset = 0;
        foreach ((string name, int[] shape) in tensors)
        {
            var tensor = new ParameterTensor(name, offset, shape, FileLayout.Same, 0f, 0f);
            list.Add(tensor);
            offset += tensor.Length;
        }
        var random = new Random(seed);
        float[] values = Enumerable.Range(0, offset).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        SafeTensors.Write(stream, list, values);
        return path;
    }

    /// <summary>Writes bytes that are not a safetensors file.</summary>
    public static string WriteCorrupt(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("this is not a safetensors file at all"));
        return path;
    }

    /// <summary>Runs the generator with <paramref name="files"/> as additional files.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run) Generate(string source, params string[] files) =>
        Generate(GeneratorHarness.Compile(source), files);

    /// <summary>Runs the generator over <paramref name="input"/> with <paramref name="files"/> as additional files.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run) Generate(Compilation input, params string[] files)
    {
        GeneratorDriver driver = GeneratorHarness.Driver().AddAdditionalTexts([.. files.Select(f => (AdditionalText)new FileText(f))]);
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        return (output, driver.GetRunResult());
    }

    /// <summary>Every analyzer's diagnostics on the generated compilation, as a build would see them.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzerDiagnostics(Compilation compilation, params string[] files)
    {
        var options = new AnalyzerOptions([.. files.Select(f => (AdditionalText)new FileText(f))]);
        return await compilation.WithAnalyzers(DocsPagesTests.AllAnalyzers(), options).GetAnalyzerDiagnosticsAsync();
    }
}
