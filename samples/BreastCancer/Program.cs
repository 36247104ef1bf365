// The Wisconsin diagnostic breast-cancer table (569 samples, 30 features; see samples/data/README.md
// for its provenance and license) with a 30-64-32-1 network: standardize on the training split only,
// train with Adam and early stopping on a validation split, then report held-out accuracy. Saves the
// weights, and a copy with the standardization folded in for raw inputs (samples/Inference embeds it).
using ModelGen;
using ModelGen.Data;
using ModelGen.Optimizers;
using ModelGen.Training;

string path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv");
var (x, y) = CsvLoader.Load(path);
var (xTrain, xTestRaw, yTrain, yTest) = DataSplit.TrainTestSplit(x, y, testSize: 0.2, randomState: 42, stratify: true);
var scaler = new StandardScaler().Fit(xTrain);
xTrain = scaler.Transform(xTrain);
var xTest = scaler.Transform(xTestRaw);

var model = new BreastCancerClassifier(seed: 42);
Console.WriteLine(model.Summary());
var stopping = new EarlyStopping(monitor: "val_loss", patience: 10, restoreBestWeights: true);
model.Fit(xTrain, yTrain, epochs: 100, batchSize: 32, optimizer: new Adam(0.001f), validationSplit: 0.2, callbacks: [stopping], verbose: 2);
var (loss, accuracy) = model.Evaluate(xTest, yTest);
Console.WriteLine($"Test loss: {loss:F4} - test accuracy: {accuracy:F4} ({xTest.GetLength(0)} held-out samples)");

string weights = Path.Combine(Path.GetTempPath(), "breast_cancer.safetensors");
model.Save(weights);
Console.WriteLine($"Weights saved to {weights}");

// The same network on raw measurements, as samples/Inference embeds it.
StandardizationFolding.Fold(model, scaler);
Console.WriteLine($"With the standardization folded into dense1: test accuracy {model.Evaluate(xTestRaw, yTest).Accuracy:F4} on raw features");
string rawWeights = Path.Combine(Path.GetTempPath(), "breast_cancer_raw_input.safetensors");
model.Save(rawWeights);
Console.WriteLine($"Raw-input weights saved to {rawWeights}");
