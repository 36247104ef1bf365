namespace ModelGen.Generator.Model;

/// <summary>A <c>[Dense]</c> layer.</summary>
internal sealed record DenseSpec(
    string Name, int AttributeIndex, int Units, ActivationKind Activation, bool UseBias,
    InitializerKind KernelInitializer, float L1, float L2, float NegativeSlope)
    : LayerSpec(Name, AttributeIndex)
{
    public override string KindName => "Dense";
}
