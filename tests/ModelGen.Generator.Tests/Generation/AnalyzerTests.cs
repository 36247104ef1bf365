using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ModelGen.Analyzers;

namespace ModelGen.Generator.Tests.Generation;

/// <summary>
/// The analyzer reports what stops the generator, on the offending attribute, and a broken model
/// yields exactly that error: no cascade about members that were never generated.
/// </summary>
public sealed class AnalyzerTests
{
    [Fact]
    public async Task A_broken_model_gives_exactly_the_analyzers_error_on_its_attribute()
    {
        const string source = """
            using ModelGen;
            [Model]
            [Input(4)]
            [Dense(0)]
            public partial class Broken;
            """;
        ImmutableArray<Diagnostic> diagnostics = await AllDiagnostics(source);

        Diagnostic error = Assert.Single(diagnostics);
        Assert.Equal("MG0006", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("0", error.Location.SourceTree!.ToString()[error.Location.SourceSpan.Start..error.Location.SourceSpan.End]);
        Assert.Contains("units must be positive, got 0", error.GetMessage());
    }

    [Fact]
    public async Task A_model_with_several_mistakes_lists_each_once_and_nothing_else()
    {
        const string source = """
            using ModelGen;
            [Model(Loss = Loss.BinaryCrossEntropy, L1 = -0.5f)]
            [Input(32, 32, 3)]
            [Conv2D(16, 3, Activation.ReLU, Stride = 0)]
            [MaxPool2D(2)]
            [Dense(10, Activation.Softmax, Name = "out put")]
            public partial class ManyMistakes;
            """;
        string[] diagnostics = (await AllDiagnostics(source))
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => $"{d.Id} {d.GetMessage()}")
            .ToArray();

        // The stride error stops shape inference at the convolution, so nothing is said about the
        // layers after it (their shapes would only be guesses); the name error is independent of shapes.
        Assert.Equal(
        [
            "MG0006 Model: L1 must be a non-negative number, got -0.5",
            "MG0006 Layer 'conv2d1' (Conv2D): Stride must be positive, got 0",
            "MG0013 Layer name 'out put' must be letters, digits and underscores, starting with a letter",
        ], diagnostics);
    }

    [Theory]
    [InlineData("public partial record Model;")]
    [InlineData("public static partial class Model;")]
    [InlineData("file partial class Model;")]
    public async Task MG0016_a_record_static_or_file_local_model(string declaration)
    {
        string source = $"""
            using ModelGen;
            [Model]
            [Input(4)]
            [Dense(1)]
            {declaration}
            """;
        Diagnostic error = Assert.Single(await AllDiagnostics(source));
        Assert.Equal("MG0016", error.Id);
        Assert.Equal("Model", error.Location.SourceTree!.ToString()[error.Location.SourceSpan.Start..error.Location.SourceSpan.End]);
    }

    [Fact]
    public async Task A_valid_model_has_no_diagnostics() =>
        Assert.Empty(await AllDiagnostics(SnapshotTests.TutorialSource));

    private static async Task<ImmutableArray<Diagnostic>> AllDiagnostics(string source)
    {
        var (output, _) = GeneratorHarness.Generate(source);
        ImmutableArray<Diagnostic> analyzer = await output.WithAnalyzers([new ModelDeclarationAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        return output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Concat(analyzer).ToImmutableArray();
    }
}
