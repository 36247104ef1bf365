using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using ModelGen.Analyzers;
using ModelGen.Generator.Emit.Layers;

namespace ModelGen.Generator.Tests.Generation;

/// <summary>
/// The generator and the analyzers never throw into the compiler, whatever the attributes say, and
/// they agree: a model the analyzers accept is emitted (once its layer kinds have emitters), a model
/// they reject is not, and emitted code compiles. Each batch packs <see cref="ModelsPerBatch"/>
/// declarations from <see cref="RandomModelSource"/> into one compilation, one file each; a failure
/// names the seed of each offending declaration and prints its source.
/// </summary>
public sealed class FuzzTests
{
    private const int Batches = 25;
    // 25 batches of 48: 1,200 declarations in every test run.
    private const int ModelsPerBatch = 48;

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(ModelDeclarationAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static TheoryData<int> BatchNumbers => new(Enumerable.Range(0, Batches));

    [Theory]
    [MemberData(nameof(BatchNumbers))]
    public async Task Random_declarations_never_throw_and_emit_exactly_the_models_the_analyzers_accept(int batch)
    {
        int[] seeds = Enumerable.Range(batch * 1000, ModelsPerBatch).ToArray();
        string[] sources = seeds.Select(RandomModelSource.Declaration).ToArray();

        Outcome outcome = await Examine(sources);
        List<Finding> findings = outcome.Findings;
        if (findings.Any(f => f.Declaration < 0))
        {
            // An exception names no declaration, and a generator that throws emits nothing for any
            // model in the batch: examine each declaration alone to find the ones at fault.
            findings = [];
            for (int i = 0; i < sources.Length; i++)
                findings.AddRange((await Examine([sources[i]])).Findings.Select(f => f with { Declaration = i }));
            if (findings.Count == 0) Assert.Fail($"Batch {batch} fails only as a whole:\n{string.Join("\n", outcome.Findings.Select(f => f.Problem))}");
        }

        Assert.True(findings.Count == 0, string.Join("\n\n", findings.Select(f =>
            $"Seed {seeds[f.Declaration]} (RandomModelSource.Declaration({seeds[f.Declaration]})): {f.Problem}\n{sources[f.Declaration]}")));
        // Neither side of the agreement may be vacuous: each batch must hold models of both kinds.
        Assert.True(outcome.Emitted > 0, $"Batch {batch} emitted no model");
        Assert.True(outcome.Rejected > 0, $"Batch {batch} has no model the analyzers reject");
    }

    /// <summary>Declarations on which the fuzzer found a promise broken, kept so each fix stays tested whatever the random draw.</summary>
    [Theory]
    [InlineData("[Model] [Input(2, 2, 5)] [MaxPool2D(0)] public partial class M;")] // DivideByZeroException
    [InlineData("[Model] [Input(int.MaxValue)] [Flatten] [Flatten] [Flatten] public partial class M;")] // OverflowException sizing Predict's scratch
    [InlineData("[Model] [Input(3)] [Dense(4, Name = \"input\")] [Dense(2, Name = \"class\")] [Dense(1)] public partial class M;")] // names clashed with generated code
    [InlineData("public partial interface I { [Model] [Input(3)] [Dense(1)] public partial class M; }")] // interface re-declared as a class
    [InlineData("[Model] [Input(3)] [Dense(1)] public partial record M;")] // accepted, never generated
    [InlineData("[Model] [Input(3)] [Dense(1)] public static partial class M;")] // accepted, generated code does not compile
    [InlineData("[Model] [Input(3)] [Dense(1)] file partial class M;")] // accepted, generated into another type
    [InlineData("[Model(L1 = float.MaxValue)] [Input(3)] [Dense(1, L1 = float.MaxValue)] public partial class M;")] // emitted 'Infinityf'
    [InlineData("[Model] [Input(3)] [Dense(1)] public partial class M; [Model] public partial class M;")] // two files with one hint name
    public async Task Declarations_the_fuzzer_once_broke(string declaration)
    {
        Outcome outcome = await Examine(["using ModelGen;\n" + declaration]);
        Assert.True(outcome.Findings.Count == 0, string.Join("\n", outcome.Findings.Select(f => f.Problem)));
    }

    /// <summary>A broken promise; <see cref="Declaration"/> indexes the sources, or is -1 when the failure names none.</summary>
    private sealed record Finding(int Declaration, string Problem);

    private sealed record Outcome(List<Finding> Findings, int Emitted, int Rejected);

    private static async Task<Outcome> Examine(string[] sources)
    {
        var (output, run) = GeneratorHarness.Generate(sources);
        GeneratorRunResult result = run.Results.Single();
        var findings = new List<Finding>();
        if (result.Exception is not null) findings.Add(new(-1, $"The generator threw {result.Exception}"));
        findings.AddRange(run.Diagnostics.Select(d => new Finding(-1, $"The generator reported {d}")));

        var analyzerExceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) => { lock (analyzerExceptions) analyzerExceptions.Add($"{analyzer.GetType().Name} threw {exception}"); },
            concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        ImmutableArray<Diagnostic> diagnostics = await output.WithAnalyzers(Analyzers, options).GetAllDiagnosticsAsync();
        findings.AddRange(analyzerExceptions.Select(e => new Finding(-1, e)));
        findings.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => new Finding(-1, $"An analyzer failed: {d}")));

        // A generator that threw emitted nothing, and an analyzer that threw reported nothing, so
        // whether they agree is moot.
        return findings.Count > 0 ? new(findings, 0, 0) : Agreement(sources.Length, output, result, diagnostics);
    }

    /// <summary>Checks, model by model, that the generator emitted exactly what the analyzers accept, and that it compiles.</summary>
    private static Outcome Agreement(int declarations, Compilation output, GeneratorRunResult result, ImmutableArray<Diagnostic> diagnostics)
    {
        var findings = new List<Finding>();
        Dictionary<string, object> specs = result.TrackedSteps.GetValueOrDefault(TrackingNames.ModelSpecs, [])
            .SelectMany(step => step.Outputs).Select(o => o.Value).GroupBy(HintName).ToDictionary(g => g.Key, g => g.First());
        Dictionary<string, SyntaxTree> emittedTrees = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SyntaxTree);
        var declarationOfHint = new Dictionary<string, int>();
        int emitted = 0, rejected = 0;
        for (int declaration = 0; declaration < declarations; declaration++)
        {
            SyntaxTree tree = output.SyntaxTrees.ElementAt(declaration);
            foreach (INamedTypeSymbol model in Models(output, tree))
            {
                string hint = HintName(model);
                declarationOfHint[hint] = declaration;
                bool isEmitted = emittedTrees.TryGetValue(hint, out SyntaxTree? emittedTree);
                // One model per file, so the MG errors in a file are its model's.
                var errors = diagnostics.Where(d => d.Id.StartsWith("MG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree == tree).ToList();
                // [Model] on a struct or interface is the compiler's error (CS0592), and the generator rightly skips it.
                bool rejectedByCompiler = diagnostics.Any(d => d.Id == "CS0592" && d.Location.SourceTree == tree);
                if (isEmitted) emitted++;
                if (errors.Count > 0) rejected++;

                if (errors.Count > 0 && isEmitted)
                    findings.Add(new(declaration, $"The analyzers reject {model.Name} but the generator emitted it: {string.Join("; ", errors)}"));
                else if (errors.Count == 0 && !rejectedByCompiler && !specs.ContainsKey(hint))
                    findings.Add(new(declaration, $"The analyzers accept {model.Name} but the generator never read it"));
                else if (errors.Count == 0 && !rejectedByCompiler && !isEmitted && EveryLayerHasAnEmitter(specs[hint]))
                    findings.Add(new(declaration, $"The analyzers accept {model.Name}, every layer has an emitter, but the generator emitted nothing"));
                // The emitted members must join the model itself, not a type of the same name beside it.
                if (isEmitted && !model.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == emittedTree))
                    findings.Add(new(declaration, $"The generated {hint} declares a type other than {model.ToDisplayString()}"));
            }
        }

        Dictionary<SyntaxTree, string> hintOfTree = emittedTrees.ToDictionary(pair => pair.Value, pair => pair.Key);
        foreach (var errors in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && hintOfTree.ContainsKey(tree))
            .GroupBy(d => hintOfTree[d.Location.SourceTree!]))
            findings.Add(new(declarationOfHint.GetValueOrDefault(errors.Key, -1), $"The generated {errors.Key} does not compile: {string.Join("; ", errors.Take(5))}"));
        return new(findings, emitted, rejected);
    }

    /// <summary>Types in <paramref name="tree"/> carrying <c>[Model]</c>, found as the analyzers find them.</summary>
    private static IEnumerable<INamedTypeSymbol> Models(Compilation compilation, SyntaxTree tree)
    {
        SemanticModel semantics = compilation.GetSemanticModel(tree);
        return tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>()
            .Select(declaration => semantics.GetDeclaredSymbol(declaration))
            .OfType<INamedTypeSymbol>()
            .Where(type => type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "ModelGen.ModelAttribute"))
            .Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default);
    }

    /// <summary>The hint name the generator gives a model's file: namespace, enclosing types and name, dotted.</summary>
    private static string HintName(INamedTypeSymbol model)
    {
        var parts = new List<string> { model.Name };
        for (INamedTypeSymbol? outer = model.ContainingType; outer is not null; outer = outer.ContainingType) parts.Insert(0, outer.Name);
        if (!model.ContainingNamespace.IsGlobalNamespace) parts.Insert(0, model.ContainingNamespace.ToDisplayString());
        return string.Join(".", parts) + ".g.cs";
    }

    // The analyzers compile the generator's parsing and model types in too, so the test cannot name
    // them (CS0433): it reads the generator's own specs through reflection.
    private static string HintName(object spec) => (string)spec.GetType().GetProperty("HintName")!.GetValue(spec)!;

    private static bool EveryLayerHasAnEmitter(object spec)
    {
        MethodInfo supports = typeof(LayerEmitter).GetMethod(nameof(LayerEmitter.Supports))!;
        var layers = (IEnumerable<object>)spec.GetType().GetProperty("Layers")!.GetValue(spec)!;
        return layers.All(layer => (bool)supports.Invoke(null, [layer])!);
    }
}
