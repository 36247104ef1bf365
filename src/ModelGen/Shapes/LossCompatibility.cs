using System.Collections.Generic;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Shapes;

/// <summary>
/// Checks the output layer against the loss: errors where training cannot work (MG0009), warnings
/// where the loss would be fed values that are not probabilities (MG0015).
/// </summary>
internal static class LossCompatibility
{
    public static void Check(ModelPlan plan, List<ModelProblem> problems)
    {
        LayerPlan last = plan.Last;
        ActivationKind activation = OutputActivation(last.Spec);
        string layer = $"layer '{last.Spec.Name}'";
        int width = last.Output.Length, classes = plan.Spec.Classes;
        void Error(string message) => problems.Add(new(ProblemIds.OutputDoesNotMatchLoss, message, last.Spec.AttributeIndex));
        void Warn(string message) => problems.Add(new(ProblemIds.OutputMayNotMatchLoss, message, last.Spec.AttributeIndex));

        switch (plan.Spec.Loss)
        {
            case LossKind.BinaryCrossEntropy:
                if (activation == ActivationKind.Softmax)
                    Error($"Binary cross-entropy needs independent probabilities, but {layer} ends in softmax; use a sigmoid output, or categorical cross-entropy");
                else if (classes > 0 && width != (classes == 2 ? 1 : classes))
                    Error($"The model declares {classes} classes, so binary cross-entropy needs {(classes == 2 ? "one sigmoid unit" : $"{classes} sigmoid units (one per label)")}, but {layer} outputs {last.Output}");
                else if (activation != ActivationKind.Sigmoid)
                    Warn($"Binary cross-entropy expects probabilities in (0, 1), but {layer} ends in {activation}; use Activation.Sigmoid, which is also fused with the loss for stability");
                break;
            case LossKind.CategoricalCrossEntropy:
            case LossKind.SparseCategoricalCrossEntropy:
                if (width < 2)
                    Error($"Categorical cross-entropy needs one output per class (at least 2), but {layer} outputs {last.Output}; use binary cross-entropy with one sigmoid unit, or widen the layer");
                else if (classes > 0 && width != classes)
                    Error($"The model declares {classes} classes, but {layer} outputs {last.Output}; give it {classes} units");
                else if (activation != ActivationKind.Softmax)
                    Warn($"Categorical cross-entropy expects a probability distribution, but {layer} ends in {activation}; use Activation.Softmax, which is also fused with the loss for stability");
                break;
        }
    }

    private static ActivationKind OutputActivation(LayerSpec layer) => layer switch
    {
        DenseSpec dense => dense.Activation,
        Conv2DSpec conv => conv.Activation,
        _ => ActivationKind.Linear,
    };
}
