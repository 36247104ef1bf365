namespace ModelGen.Benchmarks.EpochTiming;

/// <summary>
/// The multilayer perceptron, Keras' <c>Sequential([Input(784), Dense(256, relu), Dense(128, relu),
/// Dense(100, relu), Dense(10, softmax)])</c> with sparse categorical cross-entropy.
/// </summary>
[Model(Loss = Loss.SparseCategoricalCrossEntropy)]
[Input(784)]
[Dense(256, Activation.ReLU)]
[Dense(128, Activation.ReLU)]
[Dense(100, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class FashionMlp;
