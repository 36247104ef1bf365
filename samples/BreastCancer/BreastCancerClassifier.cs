using ModelGen;

/// <summary>30 features -> 64 -> 32 -> 1 with a sigmoid output and a light L2 penalty.</summary>
[Model(Loss = Loss.BinaryCrossEntropy)]
[Input(30)]
[Dense(64, Activation.ReLU, L2 = 1e-4f)]
[Dense(32, Activation.ReLU, L2 = 1e-4f)]
[Dense(1, Activation.Sigmoid)]
public partial class BreastCancerClassifier;
