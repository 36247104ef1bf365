using TorchSharp;
using static TorchSharp.torch;

namespace ModelGen.Benchmarks.EpochTiming;

/// <summary>
/// The TorchSharp twins of the ModelGen declarations in ModelGenModels/, layer for layer. Images
/// come in NCHW, so a 3x3 "same" convolution is padding 1. The models end in logits: softmax with
/// cross-entropy is <see cref="nn.CrossEntropyLoss"/>'s fused form, as ModelGen fuses them too.
/// Weights start from libtorch's default initializers (Kaiming uniform), not Keras' Glorot; the
/// initial values do not change the time an epoch takes.
/// </summary>
internal static class TorchModels
{
    /// <summary>784 -> 256 -> 128 -> 100 -> 10, ReLU between.</summary>
    public static nn.Module<Tensor, Tensor> Mlp() => nn.Sequential(
        ("dense1", nn.Linear(784, 256)), ("relu1", nn.ReLU()),
        ("dense2", nn.Linear(256, 128)), ("relu2", nn.ReLU()),
        ("dense3", nn.Linear(128, 100)), ("relu3", nn.ReLU()),
        ("dense4", nn.Linear(100, 10)));

    /// <summary>Conv(32) -> pool -> Conv(64) -> pool -> Dense(128) -> Dense(10).</summary>
    public static nn.Module<Tensor, Tensor> Cnn() => nn.Sequential(
        ("conv1", nn.Conv2d(1, 32, kernel_size: 3, padding: 1)), ("relu1", nn.ReLU()),
        ("pool1", nn.MaxPool2d(kernel_size: 2)),
        ("conv2", nn.Conv2d(32, 64, kernel_size: 3, padding: 1)), ("relu2", nn.ReLU()),
        ("pool2", nn.MaxPool2d(kernel_size: 2)),
        ("flatten", nn.Flatten()),
        ("dense1", nn.Linear(64 * 7 * 7, 128)), ("relu3", nn.ReLU()),
        ("dense2", nn.Linear(128, 10)));

    /// <summary>
    /// <see cref="Cnn"/> with batch normalization after each convolution's ReLU and elementwise
    /// dropout. Keras' batch-normalization momentum 0.99 (weight of the old moving average) is
    /// torch's 0.01 (weight of the new batch); epsilon is Keras' 1e-3.
    /// </summary>
    public static nn.Module<Tensor, Tensor> CnnBnDropout() => nn.Sequential(
        ("conv1", nn.Conv2d(1, 32, kernel_size: 3, padding: 1)), ("relu1", nn.ReLU()),
        ("bn1", nn.BatchNorm2d(32, eps: 1e-3, momentum: 0.01)),
        ("pool1", nn.MaxPool2d(kernel_size: 2)), ("dropout1", nn.Dropout(0.25)),
        ("conv2", nn.Conv2d(32, 64, kernel_size: 3, padding: 1)), ("relu2", nn.ReLU()),
        ("bn2", nn.BatchNorm2d(64, eps: 1e-3, momentum: 0.01)),
        ("pool2", nn.MaxPool2d(kernel_size: 2)), ("dropout2", nn.Dropout(0.25)),
        ("flatten", nn.Flatten()),
        ("dense1", nn.Linear(64 * 7 * 7, 128)), ("relu3", nn.ReLU()), ("dropout3", nn.Dropout(0.5)),
        ("dense2", nn.Linear(128, 10)));
}
