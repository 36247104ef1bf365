using ModelGen.Generator.Model;
using ModelGen.Generator.Shapes;

namespace ModelGen.Generator.Emit;

/// <summary>The loss call of a model, fused with a sigmoid or softmax output where that is stable.</summary>
internal static class LossEmitter
{
    /// <summary>
    /// Whether the loss is taken from the last layer's logits: sigmoid with binary cross-entropy, or
    /// softmax with either categorical cross-entropy. Then the gradient is simply <c>p - t</c> and no
    /// probability near 0 or 1 loses precision.
    /// </summary>
    public static bool IsFused(ModelPlan plan)
    {
        ActivationKind activation = Layers.LayerEmitter.For(plan.Layers[plan.Layers.Count - 1].Spec).Activation(plan.Layers[plan.Layers.Count - 1]).Activation;
        return plan.Spec.Loss switch
        {
            LossKind.BinaryCrossEntropy => activation == ActivationKind.Sigmoid,
            LossKind.CategoricalCrossEntropy or LossKind.SparseCategoricalCrossEntropy => activation == ActivationKind.Softmax,
            _ => false,
        };
    }

    /// <summary>An expression computing the mean loss and, unless <paramref name="gradient"/> is <c>default</c>, its gradient.</summary>
    public static string Call(ModelPlan plan, string outputs, string logits, string targets, string gradient)
    {
        bool fused = IsFused(plan);
        string values = fused ? logits : outputs;
        string variant = fused ? "FromLogits" : "FromProbabilities";
        int classes = plan.Output.Length;
        return plan.Spec.Loss switch
        {
            LossKind.BinaryCrossEntropy => $"global::ModelGen.Losses.BinaryCrossEntropy.{variant}({values}, {targets}, {gradient})",
            LossKind.CategoricalCrossEntropy => $"global::ModelGen.Losses.CategoricalCrossEntropy.{variant}({values}, {targets}, {gradient}, {classes})",
            LossKind.SparseCategoricalCrossEntropy => $"global::ModelGen.Losses.SparseCategoricalCrossEntropy.{variant}({values}, {targets}, {gradient}, {classes})",
            _ => $"global::ModelGen.Losses.MeanSquaredError.Compute({outputs}, {targets}, {gradient})",
        };
    }

    /// <summary>A comment line saying how the loss is taken.</summary>
    public static string Comment(ModelPlan plan) => IsFused(plan)
        ? $"// {plan.Spec.Loss} fused with the output activation: computed from the logits, whose gradient is (p - t) / batch."
        : $"// {plan.Spec.Loss} on the outputs; the output activation's backward runs after it.";
}
