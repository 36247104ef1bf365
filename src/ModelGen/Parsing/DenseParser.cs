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
        check.Positive("units", units);
        KernelArguments kernel = KernelArguments.Read(arguments, check, activationIndex: 1);
        return new DenseSpec(name, attributeIndex, units, kernel.Activation, kernel.UseBias, kernel.Initializer, kernel.L1, kernel.L2, kernel.NegativeSlope);
    }
}
