using Microsoft.CodeAnalysis;

namespace ModelGen.Generator.Tests.Weights;

/// <summary>
/// A wrong weights file is a build error on the <c>[EmbeddedWeights]</c> argument, naming the tensor and
/// both shapes; the model's own members are still generated and its weights source is not.
/// </summary>
public sealed class EmbeddedWeightsDiagnosticTests
{
    private const string WeightsHint = "TutorialClassifier.Weights.g.cs";

    [Fact]
    public async Task A_file_the_project_does_not_list_is_MG0017()
    {
        string folder = WeightsFiles.NewFolder("unlisted");
        string other = WeightsFiles.Write(Path.Combine(folder, "other.safetensors"), WeightsFiles.TutorialTensors);

        Diagnostic diagnostic = await Single("tutorial.safetensors", "MG0017", other);

        Assert.Equal("Weights file 'tutorial.safetensors' is not among the project's additional files; add <AdditionalFiles Include=\"tutorial.safetensors\" /> to the project", diagnostic.GetMessage());
    }

    [Fact]
    public async Task A_listed_file_missing_from_disk_is_MG0018()
    {
        string path = Path.Combine(WeightsFiles.NewFolder("gone"), "tutorial.safetensors");

        Diagnostic diagnostic = await Single("tutorial.safetensors", "MG0018", path);

        Assert.StartsWith("Weights file 'tutorial.safetensors' cannot be embedded: ", diagnostic.GetMessage());
    }

    [Fact]
    public async Task A_file_that_is_not_safetensors_is_MG0018()
    {
        string path = WeightsFiles.WriteCorrupt(Path.Combine(WeightsFiles.NewFolder("corrupt"), "tutorial.safetensors"));

        Diagnostic diagnostic = await Single("tutorial.safetensors", "MG0018", path);

        Assert.Contains("header length prefix says", diagnostic.GetMessage());
    }

    [Fact]
    public async Task A_missing_tensor_is_MG0019_naming_it_and_its_shape()
    {
        string path = WeightsFiles.Write(Path.Combine(WeightsFiles.NewFolder("missing"), "tutorial.safetensors"),
            WeightsFiles.TutorialTensors.Where(t => t.Name != "dense3.weight"));

        Diagnostic diagnostic = await Single("tutorial.safetensors", "MG0019", path);

        Assert.Equal("Weights file 'tutorial.safetensors' has no tensor 'dense3.weight'; layer 'dense3' needs it as F32 with shape (1, 32)", diagnostic.GetMessage());
    }

    [Fact]
    public async Task A_wrong_shape_is_MG0020_naming_the_tensor_and_both_shapes()
    {
        string path = WeightsFiles.Write(Path.Combine(WeightsFiles.NewFolder("shape"), "tutorial.safetensors"),
            WeightsFiles.TutorialTensors.Select(t => t.Name == "dense1.weight" ? (t.Name, new[] { 32, 10 }) : t));

        Diagnostic diagnostic = await Single("tutorial.safetensors", "MG0020", path);

        Assert.Equal("Tensor 'dense1.weight' in weights file 'tutorial.safetensors' is F32 with shape (32, 10), but layer 'dense1' needs F32 with shape (64, 10)", diagnostic.GetMessage());
    }

    [Fact]
    public async Task An_extra_tensor_is_a_MG0021_warning_and_the_rest_is_embedded()
    {
        string path = WeightsFiles.Write(Path.Combine(WeightsFiles.NewFolder("extra"), "tutorial.safetensors"),
            WeightsFiles.TutorialTensors.Append(("dense1.num_batches_tracked", [1])));
        var (output, run) = WeightsFiles.Generate(WeightsFiles.TutorialWith("tutorial.safetensors"), path);

        Diagnostic diagnostic = Assert.Single(await WeightsFiles.AnalyzerDiagnostics(output, path));

        Assert.Equal(("MG0021", DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
        Assert.Contains("holds tensor 'dense1.num_batches_tracked' (1), which no layer of 'TutorialClassifier' has", diagnostic.GetMessage());
        Assert.Contains(run.Results.Single().GeneratedSources, s => s.HintName == WeightsHint);
    }

    [Fact]
    public async Task A_path_is_matched_by_its_end_and_a_correct_file_raises_nothing()
    {
        string path = WeightsFiles.Write(Path.Combine(WeightsFiles.NewFolder("match"), "models", "tutorial.safetensors"), WeightsFiles.TutorialTensors);
        var (output, run) = WeightsFiles.Generate(WeightsFiles.TutorialWith("models/tutorial.safetensors"), path);

        Assert.Empty(await WeightsFiles.AnalyzerDiagnostics(output, path));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(run.Results.Single().GeneratedSources, s => s.HintName == WeightsHint);
    }

    [Fact]
    public async Task Two_matching_files_are_MG0017()
    {
        string folder = WeightsFiles.NewFolder("ambiguous");
        string first = WeightsFiles.Write(Path.Combine(folder, "a", "tutorial.safetensors"), WeightsFiles.TutorialTensors);
        string second = WeightsFiles.Write(Path.Combine(folder, "b", "tutorial.safetensors"), WeightsFiles.TutorialTensors);

        Diagnostic diagnostic = await Single("tutorial.safetensors", "MG0017", first, second);

        Assert.Contains("matches 2 additional files", diagnostic.GetMessage());
    }

    [Fact]
    public async Task A_path_that_is_not_safetensors_is_MG0006()
    {
        Diagnostic diagnostic = await Single("tutorial.onnx", "MG0006");

        Assert.Equal("EmbeddedWeights: the path must name a .safetensors file, got 'tutorial.onnx'", diagnostic.GetMessage());
    }

    /// <summary>
    /// Builds the tutorial model naming <paramref name="declared"/> with <paramref name="files"/> listed, and returns
    /// its one diagnostic after checking the id, that it sits on the attribute's argument, and that no weights were embedded.
    /// </summary>
    private static async Task<Diagnostic> Single(string declared, string id, params string[] files)
    {
        string source = WeightsFiles.TutorialWith(declared);
        var (output, run) = WeightsFiles.Generate(source, files);

        Diagnostic diagnostic = Assert.Single(await WeightsFiles.AnalyzerDiagnostics(output, files));

        Assert.Equal((id, DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal($"\"{declared}\"", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.DoesNotContain(run.Results.Single().GeneratedSources, s => s.HintName == WeightsHint);
        Assert.Null(run.Results.Single().Exception);
        return diagnostic;
    }
}
