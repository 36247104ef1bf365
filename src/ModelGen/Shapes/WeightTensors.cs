using System.Collections.Generic;
using System.Linq;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Shapes;

/// <summary>How a tensor is ordered in weight files relative to memory; mirrors the runtime's <c>ModelGen.FileLayout</c>.</summary>
internal enum TensorLayout { Same, Transposed, ConvolutionKernel }

/// <summary>
/// One named tensor in the model's weights: the single description from which the generated
/// <c>ParameterTensors</c>, the embedded-weights check and the embedding itself are all derived.
/// </summary>
/// <param name="Name">PyTorch's name (<c>dense1.weight</c>, <c>batch_normalization1.running_mean</c>).</param>
/// <param name="Offset">First element in the weights buffer (parameters, then state).</param>
/// <param name="Shape">Shape in memory, row-major (a Dense kernel is <c>(in, out)</c>).</param>
/// <param name="Layout">How the file's axes permute memory's.</param>
/// <param name="L1">L1 penalty coefficient.</param>
/// <param name="L2">L2 penalty coefficient.</param>
/// <param name="Trainable">False for state (batch-norm moving statistics), which follows all parameters.</param>
internal sealed record TensorPlan(string Name, int Offset, EquatableArray<int> Shape, TensorLayout Layout, float L1, float L2, bool Trainable)
{
    public int Length => Shape.Aggregate(1, (product, dimension) => product * dimension);

    /// <summary>For each file axis, the memory axis it is.</summary>
    public int[] FileAxes => Layout switch
    {
        TensorLayout.Transposed => [1, 0],
        TensorLayout.ConvolutionKernel => [3, 2, 0, 1],
        _ => Enumerable.Range(0, Shape.Count).ToArray(),
    };

    /// <summary>Shape in weight files: PyTorch's <c>(out, in)</c> and <c>(out, in, kh, kw)</c>.</summary>
    public int[] FileShape => FileAxes.Select(axis => Shape[axis]).ToArray();
}

/// <summary>Every layer's tensors, in buffer order; a layer kind with parameters adds its case here.</summary>
internal static class WeightTensors
{
    public static IReadOnlyList<TensorPlan> Of(ModelPlan plan) =>
        plan.Layers.SelectMany(layer => OfLayer(layer, plan.Spec, plan.ParameterCount)).ToList();

    private static IEnumerable<TensorPlan> OfLayer(LayerPlan layer, ModelSpec model, int parameterCount) => layer.Spec switch
    {
        DenseSpec dense => Kernel(dense.Name, layer.ParameterOffset, [layer.Input.Length, dense.Units], TensorLayout.Transposed,
            dense.L1 + model.L1, dense.L2 + model.L2, dense.UseBias ? dense.Units : 0),
        Conv2DSpec conv => Kernel(conv.Name, layer.ParameterOffset, [conv.KernelSize, conv.KernelSize, Channels(layer), conv.Filters],
            TensorLayout.ConvolutionKernel, conv.L1 + model.L1, conv.L2 + model.L2, conv.UseBias ? conv.Filters : 0),
        BatchNormalizationSpec => BatchNormalization(layer, parameterCount),
        _ => [],
    };

    private static IEnumerable<TensorPlan> Kernel(string layer, int offset, int[] shape, TensorLayout layout, float l1, float l2, int biasLength)
    {
        var kernel = new TensorPlan(layer + ".weight", offset, shape.ToEquatableArray(), layout, l1, l2, Trainable: true);
        yield return kernel;
        if (biasLength > 0) yield return Vector(layer + ".bias", offset + kernel.Length, biasLength, trainable: true);
    }

    // PyTorch's names, so files line up with BatchNorm2d's state dict.
    private static IEnumerable<TensorPlan> BatchNormalization(LayerPlan layer, int parameterCount)
    {
        string name = layer.Spec.Name;
        int channels = Channels(layer), state = parameterCount + layer.StateOffset;
        yield return Vector(name + ".weight", layer.ParameterOffset, channels, trainable: true);
        yield return Vector(name + ".bias", layer.ParameterOffset + channels, channels, trainable: true);
        yield return Vector(name + ".running_mean", state, channels, trainable: false);
        yield return Vector(name + ".running_var", state + channels, channels, trainable: false);
    }

    private static TensorPlan Vector(string name, int offset, int length, bool trainable) =>
        new(name, offset, new[] { length }.ToEquatableArray(), TensorLayout.Same, 0f, 0f, trainable);

    private static int Channels(LayerPlan layer) => layer.Input.Dimensions[layer.Input.Rank - 1];
}
