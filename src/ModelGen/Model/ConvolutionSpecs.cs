namespace ModelGen.Generator.Model;

/// <summary>A <c>[Conv2D]</c> layer: square kernel, one stride and dilation for both axes.</summary>
internal sealed record Conv2DSpec(
    string Name, int AttributeIndex, int Filters, int KernelSize, int Stride, PaddingKind Padding, int Dilation,
    ActivationKind Activation, bool UseBias, InitializerKind KernelInitializer, float L1, float L2, float NegativeSlope)
    : LayerSpec(Name, AttributeIndex)
{
    public override string KindName => "Conv2D";
}

/// <summary>A <c>[MaxPool2D]</c> or <c>[AvgPool2D]</c> layer.</summary>
internal sealed record Pooling2DSpec(string Name, int AttributeIndex, bool IsMax, int PoolSize, int Stride, PaddingKind Padding)
    : LayerSpec(Name, AttributeIndex)
{
    public override string KindName => IsMax ? "MaxPooling2D" : "AveragePooling2D";
}

/// <summary>A <c>[GlobalAveragePooling2D]</c> layer.</summary>
internal sealed record GlobalAveragePooling2DSpec(string Name, int AttributeIndex) : LayerSpec(Name, AttributeIndex)
{
    public override string KindName => "GlobalAveragePooling2D";
}
