using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ModelGen.Generator.Model;
using ModelGen.Generator.Parsing;
using ModelGen.Generator.Shapes;

namespace ModelGen.Analyzers;

/// <summary>
/// Runs the generator's parser and shape inference on every <c>[Model]</c> class and reports each
/// problem on the attribute that causes it (or on the class name for class-level problems).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModelDeclarationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ModelDiagnostics.All;

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
        foreach (ModelProblem problem in plan.Problems)
        {
            Location location = problem.AttributeIndex >= 0 && problem.AttributeIndex < attributes.Length
                && attributes[problem.AttributeIndex].ApplicationSyntaxReference is { } reference
                ? Location.Create(reference.SyntaxTree, reference.Span)
                : type.Locations.FirstOrDefault() ?? Location.None;
            context.ReportDiagnostic(Diagnostic.Create(ModelDiagnostics.For(problem.Id), location, problem.Message));
        }
    }
}
