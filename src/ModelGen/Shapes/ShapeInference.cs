using System.Collections.Generic;
using System.Linq;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Shapes;

/// <summary>
/// Walks the layers from the input shape, giving each its output shape and parameter range, then
/// checks the output against the loss and the model's size.
/// Pure: no Roslyn types, so the analyzers run exactly the same rules.
/// </summary>
internal static class ShapeInference
{
    public static ModelPlan Infer(ModelSpec spec)
    {
        var problems = new List<ModelProblem>(spec.Problems);
        var layers = new List<LayerPlan>();
        TensorShape? shape = spec.InputShape;
        long offset = 0, values = 0;
        int stateOffset = 0;
        for (int i = 0; i < spec.Layers.Count && shape is not null; i++)
        {
            LayerSpec layer = spec.Layers[i];
            // A layer whose own arguments are wrong has no meaningful shape, and anything said about
            // the layers after it would be a cascade from the one real mistake.
            if (spec.Problems.Any(p => p.AttributeIndex == layer.AttributeIndex && p.Severity == ProblemSeverity.Error)) break;
            (TensorShape? output, int parameters) = InferLayer(layer, shape, problems);
            if (output is null) break;
            if (offset + parameters > int.MaxValue)
            {
                problems.Add(new(ProblemIds.ArgumentOutOfRange, $"The model would hold more than {int.MaxValue} parameters", layer.AttributeIndex));
                break;
            }
            // One sample's outputs of every layer fill one workspace (Predict's scratch), so together
            // they must fit one array; counted in long, as a wide convolution overflows its Length.
            values += output.Dimensions.Aggregate(1L, (product, dimension) => product * dimension);
            if (values > int.MaxValue)
            {
                problems.Add(new(ProblemIds.ArgumentOutOfRange, $"The model's layers would output more than {int.MaxValue} values per sample", layer.AttributeIndex));
                break;
            }
            int state = ReshapingShapeRules.StateCount(layer, shape);
            layers.Add(new LayerPlan(layer, shape, output, (int)offset, parameters, IsLast: i == spec.Layers.Count - 1, stateOffset, state));
            stateOffset += state;
            offset += parameters;
            shape = output;
        }
        var plan = new ModelPlan(spec, layers, problems);
        if (plan.IsValid)
        {
            LossCompatibility.Check(plan, problems);
            ModelSize.Check(plan, problems);
        }
        return plan;
    }

    /// <summary>One shape rule per layer kind; a new layer kind adds its line here.</summary>
    private static (TensorShape? Output, int Parameters) InferLayer(LayerSpec layer, TensorShape input, List<ModelProblem> problems) => layer switch
    {
        DenseSpec dense => DenseShapeRule.Infer(dense, input, problems),
        Conv2DSpec conv => ConvolutionShapeRules.Conv2D(conv, input, problems),
        Pooling2DSpec pool => ConvolutionShapeRules.Pooling(pool, input, problems),
        GlobalAveragePooling2DSpec pool => ConvolutionShapeRules.GlobalAveragePooling(pool, input, problems),
        FlattenSpec => ReshapingShapeRules.Flatten(input),
        ReshapeSpec reshape => ReshapingShapeRules.Reshape(reshape, input, problems),
        DropoutSpec => ReshapingShapeRules.Dropout(input),
        BatchNormalizationSpec => ReshapingShapeRules.BatchNormalization(input),
        _ => (null, 0),
    };
}
