using System.Collections.Generic;
using System.Linq;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Shapes;

/// <summary>A layer with the shapes it maps between and where its parameters and state lie in the flat buffer.</summary>
/// <param name="StateOffset">Offset of the layer's non-trainable state, counted from the end of all trainable parameters.</param>
/// <param name="StateCount">Non-trainable values the layer keeps (batch-norm moving statistics).</param>
internal sealed record LayerPlan(LayerSpec Spec, TensorShape Input, TensorShape Output, int ParameterOffset, int ParameterCount, bool IsLast,
    int StateOffset = 0, int StateCount = 0);

/// <summary>The result of shape inference: every layer placed, or the problems that prevent it.</summary>
internal sealed record ModelPlan(ModelSpec Spec, IReadOnlyList<LayerPlan> Layers, IReadOnlyList<ModelProblem> Problems)
{
    /// <summary>True when no problem is an error (warnings and infos do not stop the generator).</summary>
    public bool IsValid => Layers.Count == Spec.Layers.Count && Layers.Count > 0 && Problems.All(p => p.Severity != ProblemSeverity.Error);

    public TensorShape Input => Spec.InputShape!;

    public TensorShape Output => Layers[Layers.Count - 1].Output;

    public LayerPlan Last => Layers[Layers.Count - 1];

    public int ParameterCount => Layers.Sum(l => l.ParameterCount);

    /// <summary>Non-trainable values, stored after the parameters.</summary>
    public int StateCount => Layers.Sum(l => l.StateCount);

    /// <summary>Floats per target sample: one class index for sparse categorical cross-entropy, else one per output.</summary>
    public int TargetLength => Spec.Loss == LossKind.SparseCategoricalCrossEntropy ? 1 : Output.Length;
}
