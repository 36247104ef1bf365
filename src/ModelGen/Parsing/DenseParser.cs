using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Parsing;

/// <summary>Reads <c>[Dense(units, activation, ...)]</c>.</summary>
internal static class DenseParser
{
    public const string AttributeName = "ModelGen.DenseAttribute";

    public static LayerSpec Parse(AttributeData attribute, string name, int attributeIndex, List<ModelProblem> problems)
    {
        var arguments = new AttributeArguments(attribute);
        int units = arguments.Constructor(0, 0);
        int activation = arguments.Constructor(1, 0);
        float l1 = arguments.Named("L1", 0f), l2 = arguments.Named("L2", 0f);
        float slope = arguments.Named("NegativeSlope", 0.2f);
        int initializer = arguments.Named("KernelInitializer", 0);

        if (units <= 0)
            problems.Add(new(ProblemIds.ArgumentOutOfRange, $"Layer '{name}': units must be positive, got {units}", attributeIndex));
        if (!Enum.IsDefined(typeof(ActivationKind), activation))
            problems.Add(new(ProblemIds.ArgumentOutOfRange, $"Layer '{name}': unknown activation value {activation}", attributeIndex));
        if (!Enum.IsDefined(typeof(InitializerKind), initializer))
            problems.Add(new(ProblemIds.ArgumentOutOfRange, $"Layer '{name}': unknown kernel initializer value {initializer}", attributeIndex));
        if (!(l1 >= 0) || !(l2 >= 0))
            problems.Add(new(ProblemIds.ArgumentOutOfRange, $"Layer '{name}': L1 and L2 must be non-negative, got L1 = {l1}, L2 = {l2}", attributeIndex));
        if (!(slope >= 0) || float.IsInfinity(slope))
            problems.Add(new(ProblemIds.ArgumentOutOfRange, $"Layer '{name}': NegativeSlope must be a non-negative number, got {slope}", attributeIndex));

        return new DenseSpec(name, attributeIndex, units, (ActivationKind)activation, arguments.Named("UseBias", true),
            (InitializerKind)initializer, l1, l2, slope);
    }
}
