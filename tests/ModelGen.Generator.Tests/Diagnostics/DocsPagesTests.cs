using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ModelGen.Analyzers;
using ModelGen.Generator.Tests.Generation;
using ModelGen.Generator.Tests.Weights;

namespace ModelGen.Generator.Tests.Diagnostics;

/// <summary>
/// Keeps docs/diagnostics true: every id has a page and a row in the table, and each page's example,
/// compiled with the generator and every analyzer, reports exactly the build line the page shows.
/// Run with MODELGEN_UPDATE_SNAPSHOTS=1 to rewrite the shown lines after an intended change.
/// </summary>
public sealed partial class DocsPagesTests
{
    public static TheoryData<string> Ids => new(AllAnalyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().Order());

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task The_page_example_reports_the_line_the_page_shows(string id)
    {
        string path = PagePath(id);
        Assert.True(File.Exists(path), $"No docs page for {id} at {path}");
        string page = File.ReadAllText(path);
        string example = CodeBlock().Match(page).Groups["code"].Value;
        Match shown = OutputBlock().Match(page);
        Assert.True(example.Length > 0 && shown.Success, $"{path} needs a csharp example block and an output block");

        string actual = string.Join("\n", (await Diagnostics(example)).Where(d => d.Id == id).Select(BuildLine));
        if (Environment.GetEnvironmentVariable("MODELGEN_UPDATE_SNAPSHOTS") == "1" && actual.Length > 0)
            File.WriteAllText(path, page.Replace(shown.Groups["lines"].Value, actual + "\n"));
        Assert.Equal(actual, shown.Groups["lines"].Value.TrimEnd('\n'));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_table_lists_the_id_with_its_severity(string id)
    {
        DiagnosticDescriptor descriptor = AllAnalyzers().SelectMany(a => a.SupportedDiagnostics).First(d => d.Id == id);
        string table = File.ReadAllText(Path.Combine(DocsFolder(), "README.md"));
        Assert.Matches($@"\| \[{id}\]\({id}\.md\) \| {descriptor.DefaultSeverity.ToString().ToLowerInvariant()} \|", table);
        Assert.Equal($"docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
    }

    /// <summary>The error list of the example: analyzers and compiler, as <c>dotnet build</c> would see them.</summary>
    private static async Task<ImmutableArray<Diagnostic>> Diagnostics(string example)
    {
        Compilation input = GeneratorHarness.Compile().AddSyntaxTrees(
            CSharpSyntaxTree.ParseText(example, new CSharpParseOptions(LanguageVersion.Preview), path: "Model.cs"));
        var (output, _) = WeightsFiles.Generate(input, ExampleWeightsFiles.Value);
        ImmutableArray<Diagnostic> analyzers = await WeightsFiles.AnalyzerDiagnostics(output, ExampleWeightsFiles.Value);
        return output.GetDiagnostics().Concat(analyzers).ToImmutableArray();
    }

    /// <summary>The weights files the MG0018-MG0021 pages name, listed as the example project's additional files.</summary>
    private static readonly Lazy<string[]> ExampleWeightsFiles = new(() =>
    {
        string folder = WeightsFiles.NewFolder("docs");
        return
        [
            WeightsFiles.WriteCorrupt(Path.Combine(folder, "corrupt.safetensors")),
            WeightsFiles.Write(Path.Combine(folder, "without-dense3.safetensors"), WeightsFiles.TutorialTensors.Where(t => !t.Name.StartsWith("dense3."))),
            WeightsFiles.Write(Path.Combine(folder, "narrow-dense1.safetensors"),
                WeightsFiles.TutorialTensors.Select(t => t.Name == "dense1.weight" ? (t.Name, new[] { 32, 10 }) : t)),
            WeightsFiles.Write(Path.Combine(folder, "with-step-counter.safetensors"), WeightsFiles.TutorialTensors.Append(("step", [1]))),
        ];
    });

    internal static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers() =>
        typeof(ModelDeclarationAnalyzer).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(DiagnosticAnalyzer)) && !t.IsAbstract)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    // The format of MSBuild's console logger: file(line,column): severity id: message (help link).
    private static string BuildLine(Diagnostic diagnostic)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        string severity = diagnostic.Severity == DiagnosticSeverity.Info ? "info" : diagnostic.Severity.ToString().ToLowerInvariant();
        return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {severity} {diagnostic.Id}: " +
               $"{diagnostic.GetMessage()} ({diagnostic.Descriptor.HelpLinkUri})";
    }

    private static string PagePath(string id) => Path.Combine(DocsFolder(), id + ".md");

    private static string DocsFolder([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "docs", "diagnostics"));

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"(?:prints|shows)[^\n]*\n\n```\n(?<lines>.*?)```", RegexOptions.Singleline)]
    private static partial Regex OutputBlock();
}
