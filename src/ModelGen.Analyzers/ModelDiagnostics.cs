using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using ModelGen.Generator.Model;

namespace ModelGen.Analyzers;

/// <summary>One descriptor per model-declaration problem id; each links to its docs page.</summary>
internal static class ModelDiagnostics
{
    private const string Category = "ModelGen";
    // Relative to the repository root, where each id gets its docs page.
    private const string HelpRoot = "docs/diagnostics/";

    public static readonly DiagnosticDescriptor NotPartial = new(ProblemIds.NotPartial, "Model class must be partial", "{0}", Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.NotPartial + ".md");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = new(ProblemIds.ContainingTypeNotPartial, "Types containing a model must be partial, non-generic and not file-local", "{0}", Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.ContainingTypeNotPartial + ".md");

    public static readonly DiagnosticDescriptor GenericModel = new(ProblemIds.GenericModel, "Model class cannot be generic", "{0}", Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.GenericModel + ".md");

    public static readonly DiagnosticDescriptor MissingInput = new(ProblemIds.MissingInput, "Model declares no input shape", "{0}", Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.MissingInput + ".md");

    public static readonly DiagnosticDescriptor InvalidInputShape = new(ProblemIds.InvalidInputShape, "Input shape must be positive", "{0}", Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.InvalidInputShape + ".md");

    public static readonly DiagnosticDescriptor ArgumentOutOfRange = new(ProblemIds.ArgumentOutOfRange, "Layer argument out of range", "{0}", Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.ArgumentOutOfRange + ".md");

    public static readonly DiagnosticDescriptor LayerDoesNotFitShape = new(ProblemIds.LayerDoesNotFitShape, "Layer does not fit the incoming shape", "{0}", Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.LayerDoesNotFitShape + ".md");

    public static readonly DiagnosticDescriptor OutputDoesNotMatchLoss = new(ProblemIds.OutputDoesNotMatchLoss, "Output layer does not match the loss", "{0}", Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.OutputDoesNotMatchLoss + ".md");

    public static readonly DiagnosticDescriptor WindowDoesNotTile = new(ProblemIds.WindowDoesNotTile, "Window does not tile the input", "{0}", Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.WindowDoesNotTile + ".md");

    public static readonly DiagnosticDescriptor LargeModel = new(ProblemIds.LargeModel, "Model is large enough to slow the build", "{0}", Category,
        DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.LargeModel + ".md");

    public static readonly DiagnosticDescriptor WrongLengthAtCallSite = new(ProblemIds.WrongLengthAtCallSite, "Buffer has the wrong length for the model", "{0}", Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.WrongLengthAtCallSite + ".md");

    public static readonly DiagnosticDescriptor NoLayers = new(ProblemIds.NoLayers, "Model declares no layers", "{0}", Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.NoLayers + ".md");

    public static readonly DiagnosticDescriptor InvalidLayerName = new(ProblemIds.InvalidLayerName, "Invalid or duplicate layer name", "{0}", Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.InvalidLayerName + ".md");

    public static readonly DiagnosticDescriptor UnknownLayer = new(ProblemIds.UnknownLayer, "Unknown layer attribute", "{0}", Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.UnknownLayer + ".md");

    public static readonly DiagnosticDescriptor OutputMayNotMatchLoss = new(ProblemIds.OutputMayNotMatchLoss, "Output activation does not produce what the loss expects", "{0}", Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.OutputMayNotMatchLoss + ".md");

    public static readonly DiagnosticDescriptor UnsupportedModelKind = new(ProblemIds.UnsupportedModelKind, "Model cannot be a record, a static class or a file-local class", "{0}", Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.UnsupportedModelKind + ".md");

    public static readonly DiagnosticDescriptor WeightsFileNotFound = new(ProblemIds.WeightsFileNotFound, "Embedded weights file is not an additional file", "{0}", Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.WeightsFileNotFound + ".md");

    public static readonly DiagnosticDescriptor WeightsFileUnreadable = new(ProblemIds.WeightsFileUnreadable, "Embedded weights file cannot be read as safetensors", "{0}", Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.WeightsFileUnreadable + ".md");

    public static readonly DiagnosticDescriptor WeightsTensorMissing = new(ProblemIds.WeightsTensorMissing, "Embedded weights file lacks a tensor the model needs", "{0}", Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.WeightsTensorMissing + ".md");

    public static readonly DiagnosticDescriptor WeightsTensorMismatch = new(ProblemIds.WeightsTensorMismatch, "Embedded tensor has the wrong shape or type", "{0}", Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.WeightsTensorMismatch + ".md");

    public static readonly DiagnosticDescriptor WeightsTensorUnused = new(ProblemIds.WeightsTensorUnused, "Embedded weights file holds a tensor no layer has", "{0}", Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpRoot + ProblemIds.WeightsTensorUnused + ".md");

    // Descriptors are spelled out one by one (not built in a helper) so release tracking can see them.
    private static readonly Dictionary<string, DiagnosticDescriptor> ById = new[]
    {
        NotPartial, ContainingTypeNotPartial, GenericModel, MissingInput, InvalidInputShape, ArgumentOutOfRange, LayerDoesNotFitShape,
        WindowDoesNotTile, OutputDoesNotMatchLoss, LargeModel, NoLayers, InvalidLayerName, UnknownLayer, OutputMayNotMatchLoss,
        UnsupportedModelKind, WeightsFileNotFound, WeightsFileUnreadable, WeightsTensorMissing, WeightsTensorMismatch, WeightsTensorUnused,
    }.ToDictionary(d => d.Id);

    /// <summary>What <see cref="ModelDeclarationAnalyzer"/> reports: everything but the call-site check.</summary>
    public static ImmutableArray<DiagnosticDescriptor> Declaration { get; } = ById.Values.ToImmutableArray();

    public static DiagnosticDescriptor For(string id) => ById[id];
}
