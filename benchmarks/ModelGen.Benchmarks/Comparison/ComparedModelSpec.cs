using TorchSharp;
using static TorchSharp.torch;

namespace ModelGen.Benchmarks.Comparison;

/// <summary>One compared model as the other frameworks see it.</summary>
/// <param name="SampleShape">One input sample as ModelGen reads it: <c>(features)</c> or <c>(height, width, channels)</c>.</param>
/// <param name="CreateTorchLogits">
/// The model's layers in TorchSharp up to the last Dense, without its output activation (the
/// losses fuse it, as ModelGen's do). Submodules carry ModelGen's layer names (<c>dense1</c>,
/// <c>conv2d1</c>), so their parameters match <see cref="ITrainableModel.ParameterTensors"/> by name.
/// </param>
/// <param name="Flattened">Where a Dense follows the Flatten of an image, that Dense; else null.</param>
/// <param name="ForwardMultiplyAdds">
/// Multiply-adds of one sample's forward pass in the Dense and Conv2D layers (the activations,
/// pooling and softmax are a few percent at most and not counted).
/// </param>
/// <param name="FirstLayerMultiplyAdds">The part of <paramref name="ForwardMultiplyAdds"/> in the first layer.</param>
public sealed record ComparedModelSpec(
    int[] SampleShape,
    Func<nn.Module<Tensor, Tensor>> CreateTorchLogits,
    FlattenedImage? Flattened,
    long ForwardMultiplyAdds,
    long FirstLayerMultiplyAdds)
{
    /// <summary>Flops of one sample's forward pass, two per multiply-add.</summary>
    public long ForwardFlops => 2 * ForwardMultiplyAdds;

    /// <summary>
    /// Flops of one sample's training step. Each layer's backward pass costs what its forward does
    /// once for the weight gradient and once more for the gradient with respect to its input, except
    /// the first layer, whose input gradient nobody asks for (neither ModelGen nor libtorch computes
    /// it): three forward passes less one first layer. In the MNIST MLP the first layer is 92 % of
    /// the work, so "three forward passes" would overstate its training flops by 44 %. Adam's update
    /// is per parameter and per step, not per sample, and is not counted.
    /// </summary>
    public long TrainFlops => 2 * ((3 * ForwardMultiplyAdds) - FirstLayerMultiplyAdds);
}

/// <summary>
/// The first Dense after a Flatten of an image. ModelGen flattens <c>(h, w, c)</c> images, torch
/// <c>(c, h, w)</c> ones, so that Dense's weight columns are reordered when the weights are copied.
/// </summary>
/// <param name="DenseName">The Dense layer's name, <c>dense1</c>.</param>
/// <param name="Height">Height of the flattened image.</param>
/// <param name="Width">Width of the flattened image.</param>
/// <param name="Channels">Channels of the flattened image.</param>
public sealed record FlattenedImage(string DenseName, int Height, int Width, int Channels);
