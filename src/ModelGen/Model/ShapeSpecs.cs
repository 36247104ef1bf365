namespace ModelGen.Generator.Model;

/// <summary>A <c>[Flatten]</c> layer.</summary>
internal sealed record FlattenSpec(string Name, int AttributeIndex) : LayerSpec(Name, AttributeIndex)
{
    public override string KindName => "Flatten";
}

/// <summary>A <c>[Reshape(...)]</c> layer; <see cref="Shape"/> is null when the declared shape was unusable.</summary>
internal sealed record ReshapeSpec(string Name, int AttributeIndex, TensorShape? Shape) : LayerSpec(Name, AttributeIndex)
{
    public override string KindName => "Reshape";
}
