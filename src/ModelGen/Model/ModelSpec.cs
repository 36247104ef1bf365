using System.Linq;

namespace ModelGen.Generator.Model;

/// <summary>
/// Everything the generator knows about one model class, reduced to strings, numbers, enums and
/// <see cref="EquatableArray{T}"/>s. It never holds an ISymbol, SyntaxNode, Location or
/// Compilation: it is compared by value to decide whether the emitted source must be rebuilt, and
/// holding compiler objects would both defeat that and keep old compilations alive.
/// </summary>
/// <param name="Namespace">Containing namespace, empty for the global namespace.</param>
/// <param name="ClassName">The model class's name.</param>
/// <param name="ContainingTypes">Declarations of enclosing types, outermost first (<c>partial class Outer</c>).</param>
/// <param name="InputShape">Declared input shape, or null when missing.</param>
/// <param name="Loss">The declared loss.</param>
/// <param name="L1">Model-wide L1 penalty on kernels.</param>
/// <param name="L2">Model-wide L2 penalty on kernels.</param>
/// <param name="Classes">Declared number of classes, 0 when undeclared.</param>
/// <param name="Layers">Layers in declaration order.</param>
/// <param name="Problems">Mistakes found while parsing.</param>
/// <param name="EmbeddedWeights">The weights file to embed, when the class declares one.</param>
internal sealed record ModelSpec(
    string Namespace, string ClassName, EquatableArray<string> ContainingTypes, TensorShape? InputShape,
    LossKind Loss, float L1, float L2, int Classes, EquatableArray<LayerSpec> Layers, EquatableArray<ModelProblem> Problems,
    EmbeddedWeightsSpec? EmbeddedWeights = null)
{
    /// <summary>File name of the emitted source.</summary>
    public string HintName => (Namespace.Length == 0 ? "" : Namespace + ".") + string.Join(".", ContainingTypes.Select(t => t.Substring(t.LastIndexOf(' ') + 1))) + (ContainingTypes.Count == 0 ? "" : ".") + ClassName + ".g.cs";
}
