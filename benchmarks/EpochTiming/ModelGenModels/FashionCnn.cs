namespace ModelGen.Benchmarks.EpochTiming;

/// <summary>
/// The small convolutional network: two 3x3 same-padded convolutions (32 and 64 filters, ReLU), each
/// followed by 2x2 max pooling, then Dense(128, relu) and Dense(10, softmax).
/// </summary>
[Model(Loss = Loss.SparseCategoricalCrossEntropy)]
[Input(28, 28, 1)]
[Conv2D(32, 3, Activation.ReLU, Padding = Padding.Same)]
[MaxPool2D(2)]
[Conv2D(64, 3, Activation.ReLU, Padding = Padding.Same)]
[MaxPool2D(2)]
[Flatten]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class FashionCnn;
