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
        var check = new ArgumentChecks(name, "Dense", attributeIndex, problems);
        int units = arguments.Constructor(0, 0);
        int activation = arguments.Constructor(1, 0);
        int initializer = arguments.Named("KernelInitializer", 0);
        float l1 = arguments.Named("L1", 0f), l2 = arguments.Named("L2", 0f);
        float slope = arguments.Named("NegativeSlope", 0.2f);

        check.Positive("units", units);
        check.Defined<ActivationKind>("activation", activation);
        check.Defined<InitializerKind>("KernelInitializer", initializer);
        check.NonNegative("L1", l1);
        check.NonNegative("L2", l2);
        check.NonNegative("NegativeSlope", slope);

        return new DenseSpec(name, attributeIndex, units, (ActivationKind)activation, arguments.Named("UseBias", true),
            (InitializerKind)initializer, l1, l2, slope);
    }
}
