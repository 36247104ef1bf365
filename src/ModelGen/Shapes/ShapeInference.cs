using System.Collections.Generic;
using System.Linq;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Shapes;

/// <summary>
/// Walks the layers from the input shape, giving each its output shape and parameter range.
/// Pure: no Roslyn types, so the analyzers run exactly the same rules.
/// </summary>
internal static class ShapeInference
{
    public static ModelPlan Infer(ModelSpec spec)
    {
        var problems = new List<ModelProblem>(spec.Problems);
        var layers = new List<LayerPlan>();
        TensorShape? shape = spec.InputShape;
        long offset = 0;
        for (int i = 0; i < spec.Layers.Count && shape is not null; i++)
        {
            LayerSpec layer = spec.Layers[i];
            (TensorShape? output, int parameters) = layer switch
            {
                DenseSpec dense => DenseShapeRule.Infer(dense, shape, problems),
                _ => (null, 0),
            };
            if (output is null) break;
            if (offset + parameters > int.MaxValue)
            {
                problems.Add(new(ProblemIds.ArgumentOutOfRange, $"The model would hold more than {int.MaxValue} parameters", layer.AttributeIndex));
                break;
            }
            layers.Add(new LayerPlan(layer, shape, output, (int)offset, parameters, IsLast: i == spec.Layers.Count - 1));
            offset += parameters;
            shape = output;
        }
        if (problems.Count == 0) CheckLoss(spec, layers[layers.Count - 1], problems);
        return new ModelPlan(spec, layers, problems);
    }

    private static void CheckLoss(ModelSpec spec, LayerPlan last, List<ModelProblem> problems)
    {
        ActivationKind? activation = (last.Spec as DenseSpec)?.Activation;
        int width = last.Output.Length;
        if (spec.Loss == LossKind.BinaryCrossEntropy && activation == ActivationKind.Softmax)
            problems.Add(new(ProblemIds.OutputDoesNotMatchLoss,
                $"Binary cross-entropy needs independent probabilities, but layer '{last.Spec.Name}' ends in softmax; use a sigmoid output, or categorical cross-entropy", last.Spec.AttributeIndex));
        if (spec.Loss is LossKind.CategoricalCrossEntropy or LossKind.SparseCategoricalCrossEntropy && width < 2)
            problems.Add(new(ProblemIds.OutputDoesNotMatchLoss,
                $"Categorical cross-entropy needs one output per class (at least 2), but layer '{last.Spec.Name}' outputs {last.Output}; use binary cross-entropy with one sigmoid unit, or widen the layer", last.Spec.AttributeIndex));
    }
}
