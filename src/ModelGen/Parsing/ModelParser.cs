using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Parsing;

/// <summary>
/// Turns a <c>[Model]</c> class symbol into a <see cref="ModelSpec"/>. Never throws on broken
/// or half-typed code: whatever cannot be read becomes a <see cref="ModelProblem"/>.
/// </summary>
internal static class ModelParser
{
    public const string ModelAttributeName = "ModelGen.ModelAttribute";
    private const string InputAttributeName = "ModelGen.InputAttribute";
    private const string LayerAttributeName = "ModelGen.LayerAttribute";
    private const string EmbeddedWeightsAttributeName = "ModelGen.EmbeddedWeightsAttribute";

    /// <summary>One parser per layer attribute; a new layer kind adds its line here.</summary>
    private static readonly Dictionary<string, (string Prefix, Func<AttributeData, string, int, List<ModelProblem>, LayerSpec> Parse)> LayerParsers = new()
    {
        [DenseParser.AttributeName] = ("dense", DenseParser.Parse),
        [ConvolutionParsers.Conv2DName] = ("conv2d", ConvolutionParsers.ParseConv2D),
        [ConvolutionParsers.MaxPool2DName] = ("max_pooling2d", ConvolutionParsers.ParseMaxPool2D),
        [ConvolutionParsers.AvgPool2DName] = ("average_pooling2d", ConvolutionParsers.ParseAvgPool2D),
        [ConvolutionParsers.GlobalAveragePooling2DName] = ("global_average_pooling2d", ConvolutionParsers.ParseGlobalAveragePooling2D),
        [ShapeAndRegularizationParsers.FlattenName] = ("flatten", ShapeAndRegularizationParsers.ParseFlatten),
        [ShapeAndRegularizationParsers.ReshapeName] = ("reshape", ShapeAndRegularizationParsers.ParseReshape),
        [ShapeAndRegularizationParsers.DropoutName] = ("dropout", ShapeAndRegularizationParsers.ParseDropout),
        [ShapeAndRegularizationParsers.BatchNormalizationName] = ("batch_normalization", ShapeAndRegularizationParsers.ParseBatchNormalization),
    };

    public static ModelSpec Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var problems = new List<ModelProblem>();
        CheckDeclaration(type, problems);

        TensorShape? input = null;
        var loss = LossKind.MeanSquaredError;
        float l1 = 0, l2 = 0;
        int classes = 0;
        bool inputDeclared = false;
        EmbeddedWeightsSpec? embeddedWeights = null;
        var layers = new List<LayerSpec>();
        var countsByKind = new Dictionary<string, int>();
        var attributes = type.GetAttributes();
        for (int index = 0; index < attributes.Length; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AttributeData attribute = attributes[index];
            string? name = attribute.AttributeClass?.ToDisplayString();
            var arguments = new AttributeArguments(attribute);
            if (name == ModelAttributeName)
            {
                (loss, l1, l2, classes) = ParseModelArguments(arguments, index, problems);
            }
            else if (name == InputAttributeName)
            {
                inputDeclared = true;
                input = ShapeArgument.Check(arguments.ConstructorInts(0), "Input shape", index, problems);
            }
            else if (name == EmbeddedWeightsAttributeName)
            {
                embeddedWeights = ParseEmbeddedWeights(arguments, index, problems);
            }
            else if (name is not null && LayerParsers.TryGetValue(name, out var parser))
            {
                countsByKind.TryGetValue(parser.Prefix, out int count);
                countsByKind[parser.Prefix] = ++count;
                string layerName = arguments.Named<string?>("Name", null) ?? parser.Prefix + count;
                CheckLayerName(layerName, layers, index, problems);
                layers.Add(parser.Parse(attribute, layerName, index, problems));
            }
            else if (DerivesFrom(attribute.AttributeClass, LayerAttributeName))
            {
                problems.Add(new(ProblemIds.UnknownLayer, $"'{name}' derives from LayerAttribute but is not a layer ModelGen knows how to compile; use one of ModelGen's layer attributes", index));
            }
        }

        if (!inputDeclared)
            problems.Add(new(ProblemIds.MissingInput, $"Model '{type.Name}' declares no input shape; add [Input(...)] with the shape of one sample", -1));
        if (layers.Count == 0 && !problems.Any(p => p.Id == ProblemIds.UnknownLayer))
            problems.Add(new(ProblemIds.NoLayers, $"Model '{type.Name}' declares no layers; add at least one layer attribute such as [Dense(1)]", -1));

        return new ModelSpec(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "",
            type.Name, ContainingTypeDeclarations(type).ToEquatableArray(), input, loss, l1, l2, classes,
            layers.ToEquatableArray(), problems.ToEquatableArray(), embeddedWeights);
    }

    private static EmbeddedWeightsSpec? ParseEmbeddedWeights(AttributeArguments arguments, int index, List<ModelProblem> problems)
    {
        string path = arguments.Constructor<string?>(0, null)?.Trim() ?? "";
        if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase)) return new EmbeddedWeightsSpec(path, index);
        problems.Add(new(ProblemIds.ArgumentOutOfRange, $"EmbeddedWeights: the path must name a .safetensors file, got '{path}'", index, "path"));
        return null;
    }

    private static (LossKind Loss, float L1, float L2, int Classes) ParseModelArguments(AttributeArguments arguments, int index, List<ModelProblem> problems)
    {
        int loss = arguments.Named("Loss", 0), classes = arguments.Named("Classes", 0);
        float l1 = arguments.Named("L1", 0f), l2 = arguments.Named("L2", 0f);
        if (!Enum.IsDefined(typeof(LossKind), loss))
            problems.Add(new(ProblemIds.ArgumentOutOfRange, $"Model: unknown Loss value {loss}", index, "Loss"));
        foreach ((string argument, float value) in new[] { ("L1", l1), ("L2", l2) })
            if (!(value >= 0) || float.IsInfinity(value))
                problems.Add(new(ProblemIds.ArgumentOutOfRange, $"Model: {argument} must be a non-negative number, got {value}", index, argument));
        if (classes < 0 || classes == 1)
            problems.Add(new(ProblemIds.ArgumentOutOfRange, $"Model: Classes must be at least 2 when declared (0 leaves it undeclared), got {classes}", index, "Classes"));
        return ((LossKind)loss, l1, l2, classes);
    }

    private static void CheckDeclaration(INamedTypeSymbol type, List<ModelProblem> problems)
    {
        if (!IsPartial(type))
            problems.Add(new(ProblemIds.NotPartial, $"Model class '{type.Name}' must be declared partial so the generator can add its members", -1));
        if (type.IsGenericType)
            problems.Add(new(ProblemIds.GenericModel, $"Model class '{type.Name}' cannot be generic: its shapes are fixed at compile time", -1));
        // The generator emits a partial class, which would not join any of these declarations.
        if (type.IsRecord)
            problems.Add(new(ProblemIds.UnsupportedModelKind, $"Model '{type.Name}' cannot be a record: a record's generated copy and equality would share and compare the parameter buffers; declare it as a partial class", -1));
        if (type.IsStatic)
            problems.Add(new(ProblemIds.UnsupportedModelKind, $"Model class '{type.Name}' cannot be static: a model is an instance that holds its parameters", -1));
        if (type.IsFileLocal)
            problems.Add(new(ProblemIds.UnsupportedModelKind, $"Model class '{type.Name}' cannot be file-local: the generated members live in another file", -1));
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            if (!IsPartial(outer) || outer.IsGenericType || outer.IsFileLocal)
                problems.Add(new(ProblemIds.ContainingTypeNotPartial, $"Type '{outer.Name}', which contains model '{type.Name}', must be a non-generic, non-file-local partial type", -1));
    }

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0 &&
        type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is TypeDeclarationSyntax declaration &&
            declaration.Modifiers.Any(m => m.IsKind(SyntaxKind.PartialKeyword)));

    private static IEnumerable<string> ContainingTypeDeclarations(INamedTypeSymbol type)
    {
        var declarations = new List<string>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            string keyword = outer.IsRecord ? (outer.IsValueType ? "record struct" : "record") : outer.TypeKind switch
            {
                TypeKind.Struct => "struct",
                TypeKind.Interface => "interface",
                _ => "class",
            };
            declarations.Insert(0, $"partial {keyword} {outer.Name}");
        }
        return declarations;
    }

    // Generated members drop underscores (batch_normalization1 -> BatchNormalization1), so a_b and aB would collide.
    private static string MemberKey(string name) => name.Replace("_", "");

    private static void CheckLayerName(string name, List<LayerSpec> earlier, int index, List<ModelProblem> problems)
    {
        bool identifier = name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
        if (!identifier)
            problems.Add(new(ProblemIds.InvalidLayerName, $"Layer name '{name}' must be letters, digits and underscores, starting with a letter", index, "Name"));
        else if (earlier.Any(l => string.Equals(MemberKey(l.Name), MemberKey(name), StringComparison.OrdinalIgnoreCase)))
            problems.Add(new(ProblemIds.InvalidLayerName, $"Layer name '{name}' is already used by an earlier layer (names are compared without case or underscores); give this layer another Name", index, "Name"));
    }

    private static bool DerivesFrom(INamedTypeSymbol? type, string baseName)
    {
        for (INamedTypeSymbol? current = type?.BaseType; current is not null; current = current.BaseType)
            if (current.ToDisplayString() == baseName) return true;
        return false;
    }
}
