// The models under measurement. Each is declared exactly as a user would declare it, so the
// benchmarks time the code the generator emits for users and nothing written by hand.
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
