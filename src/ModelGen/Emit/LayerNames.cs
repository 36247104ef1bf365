using ModelGen.Generator.Shapes;

namespace ModelGen.Generator.Emit;

/// <summary>The generated member and local names of one layer, derived from its name (<c>dense1</c>).</summary>
/// <remarks>
/// Every name built here ends in a fixed suffix (<see cref="Pascal"/> and <see cref="Camel"/> are only
/// prefixes for them), and no member of the generated class, nor any parameter or local of a method
/// that declares layer locals, ends in one (hence <c>RunBackward</c>'s <c>dInputs</c>). So no layer
/// name, be it a C# keyword (<c>class</c>) or a generated parameter (<c>input</c>), can clash with the
/// code around it.
/// </remarks>
internal readonly struct LayerNames(LayerPlan layer)
{
    private readonly string _name = layer.Spec.Name;

    /// <summary><c>Dense1</c>, <c>BatchNormalization1</c> (from <c>batch_normalization1</c>): the prefix of public members.</summary>
    public string Pascal => ToPascal(_name);

    /// <summary>Keras' snake_case names as C# members: each underscore-separated part capitalized and joined.</summary>
    public static string ToPascal(string name)
    {
        var text = new System.Text.StringBuilder(name.Length);
        foreach (string part in name.Split('_'))
            if (part.Length > 0) text.Append(char.ToUpperInvariant(part[0])).Append(part, 1, part.Length - 1);
        // A name of underscores only still needs an identifier.
        return text.Length == 0 ? "Layer" + name.Length : text.ToString();
    }

    /// <summary><c>dense1</c>, the prefix of locals and fields.</summary>
    private string Camel => char.ToLowerInvariant(_name[0]) + _name.Substring(1);

    /// <summary>Workspace field holding the layer's outputs.</summary>
    public string OutputField => "_" + Camel + "Output";

    /// <summary>Workspace field holding the outputs before the activation, when they are kept.</summary>
    public string PreActivationField => "_" + Camel + "PreActivation";

    /// <summary>Workspace field holding dLoss/dOutput, turned in place into dLoss/dPreActivation.</summary>
    public string GradientField => "_" + Camel + "Gradient";

    /// <summary>Field holding the other shares' partial sums when a split step splits the layer's kernel by rows.</summary>
    public string PartialSumsField => "_" + Camel + "PartialSums";

    /// <summary>Field of one of the layer's batched workspaces (<c>_conv2d1Patches</c>).</summary>
    public string WorkspaceField(string suffix) => "_" + Camel + suffix;

    /// <summary>Field of the one-sample copy of a workspace, used by <c>Predict</c>.</summary>
    public string PredictWorkspaceField(string suffix) => "_" + Camel + suffix + "ForPredict";

    /// <summary>Local over the layer's outputs (<c>dense1Output</c>).</summary>
    public string OutputLocal => Camel + "Output";

    /// <summary>Local over the layer's outputs before the activation.</summary>
    public string PreActivationLocal => Camel + "PreActivation";

    /// <summary>Local over the layer's gradient.</summary>
    public string GradientLocal => Camel + "Gradient";
}
