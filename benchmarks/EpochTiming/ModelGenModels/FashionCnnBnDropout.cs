namespace ModelGen.Benchmarks.EpochTiming;

/// <summary>
/// <see cref="FashionCnn"/> with batch normalization after each convolution and dropout after each
/// pooling (0.25) and after the hidden dense layer (0.5).
/// </summary>
[Model(Loss = Loss.SparseCategoricalCrossEntropy)]
[Input(28, 28, 1)]
[Conv2D(32, 3, Activation.ReLU, Padding = Padding.Same)]
[BatchNormalization]
[MaxPool2D(2)]
[Dropout(0.25f)]
[Conv2D(64, 3, Activation.ReLU, Padding = Padding.Same)]
[BatchNormalization]
[MaxPool2D(2)]
[Dropout(0.25f)]
[Flatten]
[Dense(128, Activation.ReLU)]
[Dropout(0.5f)]
[Dense(10, Activation.Softmax)]
public partial class FashionCnnBnDropout;
