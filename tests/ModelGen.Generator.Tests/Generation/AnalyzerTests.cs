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
    public async Task A_dense_layer_on_an_image_names_the_shape_and_the_fix()
    {
        const string source = """
            using ModelGen;
            [Model]
            [Input(28, 28, 1)]
            [Dense(10)]
            public partial class NeedsFlatten;
            """;
        Diagnostic error = Assert.Single(await AllDiagnostics(source));
        Assert.Equal("MG0007", error.Id);
        Assert.Contains("(28, 28, 1)", error.GetMessage());
        Assert.Contains("[Flatten]", error.GetMessage());
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
