// The models under measurement. Each is declared exactly as a user would declare it, so the
// benchmarks time the code the generator emits for users and nothing written by hand. Their
// libtorch twins and flop counts are in Comparison/ComparedModels.cs.
namespace ModelGen.Benchmarks;

/// <summary>The deep-learning tutorial's classifier, the same declaration as samples/QuickStart's.</summary>
[Model(Loss = Loss.BinaryCrossEntropy)]
[Input(10)]
[Dense(64, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class TutorialClassifier;

/// <summary>An MNIST-sized multilayer perceptron: 28x28 pixels in, ten class probabilities out.</summary>
[Model(Loss = Loss.SparseCategoricalCrossEntropy)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class MnistMlp;

/// <summary>A LeNet-style network: two valid 3x3 convolutions with 2x2 max pooling, then a dense head.</summary>
[Model(Loss = Loss.SparseCategoricalCrossEntropy)]
[Input(28, 28, 1)]
[Conv2D(32, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(64, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class LeNet;

/// <summary>The CNN of samples/FashionMnist: the same as <see cref="LeNet"/> with same-padded convolutions.</summary>
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
