using ModelGen.Benchmarks.Comparison;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelGen.Benchmarks;

// Each compared model's libtorch twin, layer for layer. Images are NCHW there, so the same
// convolution reads the same numbers transposed; "same" 3x3 padding is padding 1.

public partial class TutorialClassifier : IComparedModel
{
    /// <inheritdoc/>
    public static ComparedModelSpec ComparisonSpec { get; } = new(
        SampleShape: [10],
        CreateTorchLogits: () => nn.Sequential(
            ("dense1", nn.Linear(10, 64)), ("relu1", nn.ReLU()),
            ("dense2", nn.Linear(64, 32)), ("relu2", nn.ReLU()),
            ("dense3", nn.Linear(32, 1))),
        Flattened: null,
        ForwardMultiplyAdds: (10 * 64) + (64 * 32) + (32 * 1),
        FirstLayerMultiplyAdds: 10 * 64);
}

public partial class MnistMlp : IComparedModel
{
    /// <inheritdoc/>
    public static ComparedModelSpec ComparisonSpec { get; } = new(
        SampleShape: [784],
        CreateTorchLogits: () => nn.Sequential(
            ("dense1", nn.Linear(784, 128)), ("relu1", nn.ReLU()),
            ("dense2", nn.Linear(128, 64)), ("relu2", nn.ReLU()),
            ("dense3", nn.Linear(64, 10))),
        Flattened: null,
        ForwardMultiplyAdds: (784 * 128) + (128 * 64) + (64 * 10),
        FirstLayerMultiplyAdds: 784 * 128);
}

public partial class LeNet : IComparedModel
{
    /// <inheritdoc/>
    public static ComparedModelSpec ComparisonSpec { get; } = new(
        SampleShape: [28, 28, 1],
        CreateTorchLogits: () => nn.Sequential(
            ("conv2d1", nn.Conv2d(1, 32, kernel_size: 3)), ("relu1", nn.ReLU()),
            ("max_pooling2d1", nn.MaxPool2d(kernel_size: 2)),
            ("conv2d2", nn.Conv2d(32, 64, kernel_size: 3)), ("relu2", nn.ReLU()),
            ("max_pooling2d2", nn.MaxPool2d(kernel_size: 2)),
            ("flatten1", nn.Flatten()),
            ("dense1", nn.Linear(5 * 5 * 64, 128)), ("relu3", nn.ReLU()),
            ("dense2", nn.Linear(128, 10))),
        Flattened: new("dense1", Height: 5, Width: 5, Channels: 64),
        // 28x28x1 -> 26x26x32 -> 13x13x32 -> 11x11x64 -> 5x5x64 -> 1600 -> 128 -> 10
        ForwardMultiplyAdds: (26 * 26 * 3 * 3 * 1 * 32) + (11 * 11 * 3 * 3 * 32 * 64) + (1600 * 128) + (128 * 10),
        FirstLayerMultiplyAdds: 26 * 26 * 3 * 3 * 1 * 32);
}

public partial class FashionCnn : IComparedModel
{
    /// <inheritdoc/>
    public static ComparedModelSpec ComparisonSpec { get; } = new(
        SampleShape: [28, 28, 1],
        CreateTorchLogits: () => nn.Sequential(
            ("conv2d1", nn.Conv2d(1, 32, kernel_size: 3, padding: 1)), ("relu1", nn.ReLU()),
            ("max_pooling2d1", nn.MaxPool2d(kernel_size: 2)),
            ("conv2d2", nn.Conv2d(32, 64, kernel_size: 3, padding: 1)), ("relu2", nn.ReLU()),
            ("max_pooling2d2", nn.MaxPool2d(kernel_size: 2)),
            ("flatten1", nn.Flatten()),
            ("dense1", nn.Linear(7 * 7 * 64, 128)), ("relu3", nn.ReLU()),
            ("dense2", nn.Linear(128, 10))),
        Flattened: new("dense1", Height: 7, Width: 7, Channels: 64),
        // 28x28x1 -> 28x28x32 -> 14x14x32 -> 14x14x64 -> 7x7x64 -> 3136 -> 128 -> 10
        ForwardMultiplyAdds: (28 * 28 * 3 * 3 * 1 * 32) + (14 * 14 * 3 * 3 * 32 * 64) + (3136 * 128) + (128 * 10),
        FirstLayerMultiplyAdds: 28 * 28 * 3 * 3 * 1 * 32);
}
