using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelGen.Generator.Emit;
using ModelGen.Generator.Emit.Layers;
using ModelGen.Generator.Model;
using ModelGen.Generator.Parsing;
using ModelGen.Generator.Shapes;
using ModelGen.Generator.Weights;

namespace ModelGen.Generator;

/// <summary>
/// Compiles every <c>[Model]</c> class into its forward and backward passes:
/// attributes -> <see cref="ModelSpec"/> -> shape inference -> emitted source.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Only classes carrying [Model] are visited, and the transform reduces each to a value-equatable
        // spec right away, so an edit elsewhere in the compilation compares equal here and stops the
        // pipeline before any emitting happens. A class whose partial declarations carry [Model] twice
        // (CS0579) is visited once per declaration; only the first yields a spec, as a second file with
        // the same hint name would make the generator throw.
        IncrementalValuesProvider<ModelSpec> models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ModelParser.ModelAttributeName,
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: static (syntaxContext, cancellationToken) => IsFirstModelDeclaration(syntaxContext, cancellationToken)
                    ? ModelParser.Parse((INamedTypeSymbol)syntaxContext.TargetSymbol, cancellationToken)
                    : null)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.ModelSpecs);

        // Shape inference is cheap and pure, so it runs at output time from the cached spec. A model
        // with any problem emits nothing: the analyzers report the problem, and the user sees that
        // one error rather than a cascade about members that were never generated.
        context.RegisterSourceOutput(models, static (output, spec) =>
        {
            ModelPlan plan = ShapeInference.Infer(spec);
            if (!plan.IsValid || !plan.Layers.All(l => LayerEmitter.Supports(l.Spec))) return;
            output.AddSource(spec.HintName, ModelEmitter.Emit(plan, output.CancellationToken));
        });

        // Weights files are read once each, when the compiler hands over a new or changed one; each
        // embedding model then keeps only the file its path names, so other files never re-run it.
        IncrementalValueProvider<ImmutableArray<WeightsFile>> weightsFiles = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
            .Select(static (text, cancellationToken) => WeightsFile.Read(text.Path, cancellationToken))
            .WithTrackingName(TrackingNames.WeightsFiles)
            .Collect();
        IncrementalValuesProvider<EmbeddingRequest> embeddings = models
            .Where(static spec => spec.EmbeddedWeights is not null)
            .Combine(weightsFiles)
            .Select(static (pair, _) => EmbeddingRequest.For(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.EmbeddingRequests);
        context.RegisterSourceOutput(embeddings, static (output, request) =>
        {
            if (EmbedWeights(request, output.CancellationToken) is { } source) output.AddSource(request.HintName, source);
        });
    }

    /// <summary>
    /// The weights source, or null when the model or its file has a problem: the analyzers run the
    /// same check and report it, and the model's other members are generated regardless.
    /// </summary>
    private static string? EmbedWeights(EmbeddingRequest request, CancellationToken cancellationToken)
    {
        ModelPlan plan = ShapeInference.Infer(request.Spec);
        if (!plan.IsValid || !plan.Layers.All(l => LayerEmitter.Supports(l.Spec)) || request.File?.Bytes is not { } bytes) return null;
        SafeTensorsLayout? layout = null;
        List<ModelProblem> problems = EmbeddedWeightsCheck.Check(plan, request.Spec.EmbeddedWeights!, [request.File.Path],
            _ => SafeTensorsLayouts.FromBytes(bytes), out _, out layout);
        if (layout is null || problems.Any(p => p.Severity == ProblemSeverity.Error)) return null;
        return EmbeddedWeightsEmitter.Emit(plan, request.Spec.EmbeddedWeights!.Path, bytes, layout, cancellationToken);
    }

    /// <summary>
    /// Whether the class's first [Model] is on this declaration. The context lists the [Model]
    /// attributes of every declaration of the class, in order, whichever declaration it visits.
    /// </summary>
    private static bool IsFirstModelDeclaration(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        context.Attributes[0].ApplicationSyntaxReference is not { } first
        || first.GetSyntax(cancellationToken).FirstAncestorOrSelf<ClassDeclarationSyntax>() == context.TargetNode;
}
