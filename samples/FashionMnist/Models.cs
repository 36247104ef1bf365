using ModelGen;

namespace FashionMnistSample;

/// <summary>The multilayer perceptron of the dataset's benchmark table: 784-256-128-100-10.</summary>
[Model(Loss = Loss.SparseCategoricalCrossEntropy, Classes = 10)]
[Input(28, 28, 1)]
[Flatten]
[Dense(256, Activation.ReLU)]
[Dense(128, Activation.ReLU)]
[Dense(100, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class FashionMlp;

/// <summary>Two convolutions with pooling, then a dense head: Keras' classic small CNN.</summary>
[Model(Loss = Loss.SparseCategoricalCrossEntropy, Classes = 10)]
[Input(28, 28, 1)]
[Conv2D(32, 3, Activation.ReLU, Padding = Padding.Same)]
[MaxPool2D(2)]
[Conv2D(64, 3, Activation.ReLU, Padding = Padding.Same)]
[MaxPool2D(2)]
[Flatten]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class FashionCnn;

/// <summary>The same CNN with batch normalization after each convolution and dropout (0.2, 0.2, 0.3) after each block.</summary>
[Model(Loss = Loss.SparseCategoricalCrossEntropy, Classes = 10)]
[Input(28, 28, 1)]
[Conv2D(32, 3, Activation.ReLU, Padding = Padding.Same)]
[BatchNormalization]
[MaxPool2D(2)]
[Dropout(0.2f)]
[Conv2D(64, 3, Activation.ReLU, Padding = Padding.Same)]
[BatchNormalization]
[MaxPool2D(2)]
[Dropout(0.2f)]
[Flatten]
[Dense(128, Activation.ReLU)]
[Dropout(0.3f)]
[Dense(10, Activation.Softmax)]
public partial class FashionCnnBatchNorm;
