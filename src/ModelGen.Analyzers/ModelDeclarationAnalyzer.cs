using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ModelGen.Generator.Model;
using ModelGen.Generator.Parsing;
using ModelGen.Generator.Shapes;
using ModelGen.Generator.Weights;

namespace ModelGen.Analyzers;

/// <summary>
/// Runs the generator's parser and shape inference on every <c>[Model]</c> class and reports each
/// problem on the argument or attribute that causes it (on the class name for class-level problems),
/// and checks an <c>[EmbeddedWeights]</c> file's header against the model's tensors.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModelDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property naming the repair a code fix can make (a <c>ProblemFix</c> name).</summary>
    public const string FixProperty = "ModelGen.Fix";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ModelDiagnostics.Declaration;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        ImmutableArray<AttributeData> attributes = type.GetAttributes();
        if (!attributes.Any(a => a.AttributeClass?.ToDisplayString() == ModelParser.ModelAttributeName)) return;

        ModelSpec spec = ModelParser.Parse(type, context.CancellationToken);
        ModelPlan plan = ShapeInference.Infer(spec);
        IEnumerable<ModelProblem> problems = plan.Problems;
        // The weights file is checked against a valid plan only: without one there are no tensors to compare.
        if (spec.EmbeddedWeights is { } weights && plan.IsValid)
            problems = problems.Concat(EmbeddedWeightsCheck.Check(plan, weights, context.Options.AdditionalFiles.Select(f => f.Path),
                SafeTensorsLayouts.FromFile, out _, out _));
        foreach (ModelProblem problem in problems)
        {
            Location location = problem.AttributeIndex >= 0 && problem.AttributeIndex < attributes.Length
                ? ArgumentLocator.Find(attributes[problem.AttributeIndex], problem.Argument, context.CancellationToken)
                : type.Locations.FirstOrDefault() ?? Location.None;
            ImmutableDictionary<string, string?> properties = problem.Fix == ProblemFix.None
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(FixProperty, problem.Fix.ToString());
            context.ReportDiagnostic(Diagnostic.Create(ModelDiagnostics.For(problem.Id), location, properties, problem.Message));
        }
    }
}
