using ModelGen.Generator.Shapes;

namespace ModelGen.Generator.Emit;

/// <summary>The generated member names of one layer, derived from its name (<c>dense1</c>).</summary>
internal readonly struct LayerNames(LayerPlan layer)
{
    private readonly string _name = layer.Spec.Name;

    /// <summary><c>Dense1</c>, the prefix of public members.</summary>
    public string Pascal => char.ToUpperInvariant(_name[0]) + _name.Substring(1);

    /// <summary><c>dense1</c>, the prefix of locals.</summary>
    public string Camel => char.ToLowerInvariant(_name[0]) + _name.Substring(1);

    /// <summary>Workspace field holding the layer's outputs.</summary>
    public string OutputField => "_" + Camel + "Output";

    /// <summary>Workspace field holding the outputs before the activation, when they are kept.</summary>
    public string PreActivationField => "_" + Camel + "PreActivation";

    /// <summary>Workspace field holding dLoss/dOutput, turned in place into dLoss/dPreActivation.</summary>
    public string GradientField => "_" + Camel + "Gradient";
}
