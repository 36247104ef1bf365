namespace ModelGen.Generator.Model;

/// <summary>A <c>[Dropout(rate)]</c> layer.</summary>
internal sealed record DropoutSpec(string Name, int AttributeIndex, float Rate) : LayerSpec(Name, AttributeIndex)
{
    public override string KindName => "Dropout";
}

/// <summary>A <c>[BatchNormalization]</c> layer over the last axis.</summary>
internal sealed record BatchNormalizationSpec(string Name, int AttributeIndex, float Momentum, float Epsilon) : LayerSpec(Name, AttributeIndex)
{
    public override string KindName => "BatchNormalization";
}
