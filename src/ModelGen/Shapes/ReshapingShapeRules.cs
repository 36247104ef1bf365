using System.Collections.Generic;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Shapes;

/// <summary>Shapes of the layers that keep every value: Flatten, Reshape, Dropout and BatchNormalization.</summary>
internal static class ReshapingShapeRules
{
    public static (TensorShape? Output, int Parameters) Flatten(TensorShape input) => (new TensorShape(input.Length), 0);

    public static (TensorShape? Output, int Parameters) Reshape(ReshapeSpec reshape, TensorShape input, List<ModelProblem> problems)
    {
        if (reshape.Shape is null) return (null, 0);
        if (reshape.Shape.Length == input.Length) return (reshape.Shape, 0);
        problems.Add(new(ProblemIds.LayerDoesNotFitShape,
            $"Layer '{reshape.Name}' (Reshape) cannot turn {input} ({input.Length} values) into {reshape.Shape} ({reshape.Shape.Length} values); " +
            "the target shape must hold the same number of values", reshape.AttributeIndex));
        return (null, 0);
    }

    public static (TensorShape? Output, int Parameters) Dropout(TensorShape input) => (input, 0);

    /// <summary>Gamma and beta per feature of the last axis are trained; the moving statistics are state (<see cref="StateCount"/>).</summary>
    public static (TensorShape? Output, int Parameters) BatchNormalization(TensorShape input) =>
        (input, 2 * input.Dimensions[input.Rank - 1]);

    /// <summary>Non-trainable values a layer keeps: batch norm's moving mean and variance per feature.</summary>
    public static int StateCount(LayerSpec layer, TensorShape input) =>
        layer is BatchNormalizationSpec ? 2 * input.Dimensions[input.Rank - 1] : 0;
}
