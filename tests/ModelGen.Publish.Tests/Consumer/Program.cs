// The consumer program the package tests build against the packed ModelGen package, in a fresh
// project outside the repository, as a user would. It prints `key=value` lines that the tests read.
using System.Globalization;
using ModelGen;
using ModelGen.Data;
using ModelGen.Optimizers;

var (x, y) = Datasets.MakeClassification(nSamples: 256, nFeatures: 4, nInformative: 2, nRedundant: 2, randomState: 7);
var model = new PackageProbe();
double lossBefore = model.Evaluate(x, y).Loss;
model.Fit(x, y, epochs: 20, batchSize: 32, optimizer: new Adam(), verbose: 0);
var (lossAfter, accuracy) = model.Evaluate(x, y);

float[] sample = [x[0, 0], x[0, 1], x[0, 2], x[0, 3]];
float[] prediction = new float[PackageProbe.OutputLength];
model.Predict(sample, prediction);

Print("ParameterCount", PackageProbe.ParameterCount);
Print("LossBefore", lossBefore);
Print("LossAfter", lossAfter);
Print("Accuracy", accuracy);
Print("Prediction", prediction[0]);

static void Print(string key, IFormattable value) =>
    Console.WriteLine($"{key}={value.ToString(null, CultureInfo.InvariantCulture)}");

/// <summary>4 -> 8 -> 1: (4 * 8 + 8) + (8 * 1 + 1) = 49 parameters.</summary>
[Model(Loss = Loss.BinaryCrossEntropy)]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class PackageProbe;
