using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Parsing;

/// <summary>Reads <c>[Conv2D]</c>, <c>[MaxPool2D]</c>, <c>[AvgPool2D]</c> and <c>[GlobalAveragePooling2D]</c>.</summary>
internal static class ConvolutionParsers
{
    public const string Conv2DName = "ModelGen.Conv2DAttribute";
    public const string MaxPool2DName = "ModelGen.MaxPool2DAttribute";
    public const string AvgPool2DName = "ModelGen.AvgPool2DAttribute";
    public const string GlobalAveragePooling2DName = "ModelGen.GlobalAveragePooling2DAttribute";

    public static LayerSpec ParseConv2D(AttributeData attribute, string name, int attributeIndex, List<ModelProblem> problems)
    {
        var arguments = new AttributeArguments(attribute);
        var check = new ArgumentChecks(name, "Conv2D", attributeIndex, problems);
        int filters = arguments.Constructor(0, 0), kernelSize = arguments.Constructor(1, 0);
        int stride = arguments.Named("Stride", 1), dilation = arguments.Named("Dilation", 1), padding = arguments.Named("Padding", 0);
        check.Positive("filters", filters);
        check.Positive("kernelSize", kernelSize);
        KernelArguments kernel = KernelArguments.Read(arguments, check, activationIndex: 2);
        check.Positive("Stride", stride);
        check.Positive("Dilation", dilation);
        check.Defined<PaddingKind>("Padding", padding);
        return new Conv2DSpec(name, attributeIndex, filters, kernelSize, stride, (PaddingKind)padding, dilation,
            kernel.Activation, kernel.UseBias, kernel.Initializer, kernel.L1, kernel.L2, kernel.NegativeSlope);
    }

    public static LayerSpec ParseMaxPool2D(AttributeData attribute, string name, int attributeIndex, List<ModelProblem> problems) =>
        ParsePooling(attribute, name, attributeIndex, problems, isMax: true);

    public static LayerSpec ParseAvgPool2D(AttributeData attribute, string name, int attributeIndex, List<ModelProblem> problems) =>
        ParsePooling(attribute, name, attributeIndex, problems, isMax: false);

    public static LayerSpec ParseGlobalAveragePooling2D(AttributeData attribute, string name, int attributeIndex, List<ModelProblem> problems) =>
        new GlobalAveragePooling2DSpec(name, attributeIndex);

    private static LayerSpec ParsePooling(AttributeData attribute, string name, int attributeIndex, List<ModelProblem> problems, bool isMax)
    {
        var arguments = new AttributeArguments(attribute);
        var check = new ArgumentChecks(name, isMax ? "MaxPool2D" : "AvgPool2D", attributeIndex, problems);
        int poolSize = arguments.Constructor(0, 2), padding = arguments.Named("Padding", 0);
        // Stride 0 means "same as the pool size", Keras' default; a negative one is a mistake.
        int stride = arguments.Named("Stride", 0);
        check.Positive("poolSize", poolSize);
        if (stride != 0) check.Positive("Stride", stride);
        check.Defined<PaddingKind>("Padding", padding);
        return new Pooling2DSpec(name, attributeIndex, isMax, poolSize, stride == 0 ? poolSize : stride, (PaddingKind)padding);
    }
}
