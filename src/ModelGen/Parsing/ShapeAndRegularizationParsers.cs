using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Parsing;

/// <summary>Reads the parameter-free reshaping layers and the regularization layers.</summary>
internal static class ShapeAndRegularizationParsers
{
    public const string FlattenName = "ModelGen.FlattenAttribute";
    public const string ReshapeName = "ModelGen.ReshapeAttribute";
    public const string DropoutName = "ModelGen.DropoutAttribute";
    public const string BatchNormalizationName = "ModelGen.BatchNormalizationAttribute";

    public static LayerSpec ParseFlatten(AttributeData attribute, string name, int attributeIndex, List<ModelProblem> problems) =>
        new FlattenSpec(name, attributeIndex);

    public static LayerSpec ParseReshape(AttributeData attribute, string name, int attributeIndex, List<ModelProblem> problems)
    {
        int[] dimensions = new AttributeArguments(attribute).ConstructorInts(0);
        TensorShape? shape = ShapeArgument.Check(dimensions, $"Layer '{name}' (Reshape): target shape", attributeIndex, problems);
        return new ReshapeSpec(name, attributeIndex, shape);
    }

    public static LayerSpec ParseDropout(AttributeData attribute, string name, int attributeIndex, List<ModelProblem> problems)
    {
        float rate = new AttributeArguments(attribute).Constructor(0, 0f);
        new ArgumentChecks(name, "Dropout", attributeIndex, problems).Fraction("rate", rate);
        return new DropoutSpec(name, attributeIndex, rate);
    }

    public static LayerSpec ParseBatchNormalization(AttributeData attribute, string name, int attributeIndex, List<ModelProblem> problems)
    {
        var arguments = new AttributeArguments(attribute);
        var check = new ArgumentChecks(name, "BatchNormalization", attributeIndex, problems);
        float momentum = arguments.Named("Momentum", 0.99f), epsilon = arguments.Named("Epsilon", 1e-3f);
        check.Fraction("Momentum", momentum);
        check.Positive("Epsilon", epsilon);
        return new BatchNormalizationSpec(name, attributeIndex, momentum, epsilon);
    }
}

/// <summary>Checks a <c>params int[] shape</c> argument, as <c>[Input]</c> and <c>[Reshape]</c> take.</summary>
internal static class ShapeArgument
{
    /// <summary>The shape, or null after reporting MG0005 on the first bad dimension.</summary>
    public static TensorShape? Check(int[] dimensions, string what, int attributeIndex, List<ModelProblem> problems)
    {
        if (dimensions.Length == 0)
        {
            problems.Add(new(ProblemIds.InvalidInputShape, $"{what} is empty; give at least one dimension", attributeIndex));
            return null;
        }
        int bad = System.Array.FindIndex(dimensions, d => d <= 0);
        if (bad >= 0)
        {
            problems.Add(new(ProblemIds.InvalidInputShape,
                $"{what} ({string.Join(", ", dimensions)}) has dimension {bad} = {dimensions[bad]}; every dimension must be positive", attributeIndex, $"shape[{bad}]"));
            return null;
        }
        if (dimensions.Aggregate(1L, (product, d) => product * d) > int.MaxValue)
        {
            problems.Add(new(ProblemIds.InvalidInputShape, $"{what} ({string.Join(", ", dimensions)}) holds more than {int.MaxValue} values", attributeIndex));
            return null;
        }
        return new TensorShape(dimensions);
    }
}
