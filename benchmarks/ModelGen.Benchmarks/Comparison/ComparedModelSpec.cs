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
public sealed record ComparedModelSpec(
    int[] SampleShape,
    Func<nn.Module<Tensor, Tensor>> CreateTorchLogits,
    FlattenedImage? Flattened,
    long ForwardMultiplyAdds)
{
    /// <summary>Flops of one sample's forward pass, two per multiply-add.</summary>
    public long ForwardFlops => 2 * ForwardMultiplyAdds;

    /// <summary>
    /// Flops of one sample's training step, counted as three forward passes: the forward itself and,
    /// per layer, the gradients with respect to the weights and to the input. (The first layer needs
    /// no input gradient, so this slightly overcounts; Adam's update is per parameter, not per sample.)
    /// </summary>
    public long TrainFlops => 3 * ForwardFlops;
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
