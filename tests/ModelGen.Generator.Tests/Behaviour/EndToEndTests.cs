using ModelGen.Data;
using ModelGen.Generator.Tests.Models;
using ModelGen.Optimizers;
using ModelGen.Training;

namespace ModelGen.Generator.Tests.Behaviour;

/// <summary>The two samples' programs, run as tests so their accuracy bars are checked on every build.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public void Tutorial_classifier_reaches_85_percent_on_its_200_held_out_samples()
    {
        var (x, y) = Datasets.MakeClassification(nSamples: 1000, nFeatures: 10, nClasses: 2, randomState: 42);
        var (xTrain, xTest, yTrain, yTest) = DataSplit.TrainTestSplit(x, y, testSize: 0.2, randomState: 42);
        var model = new TutorialClassifier();
        model.Fit(xTrain, yTrain, epochs: 10, batchSize: 32, validationData: (xTest, yTest), optimizer: new Adam(), verbose: 0);

        var (_, accuracy) = model.Evaluate(xTest, yTest);

        Assert.Equal(200, xTest.GetLength(0));
        Assert.True(accuracy >= 0.85, $"test accuracy {accuracy:F4}");
    }

    [Fact]
    public void Breast_cancer_classifier_reaches_95_percent_on_held_out_samples()
    {
        var (x, y) = CsvLoader.Load(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"));
        var (xTrain, xTest, yTrain, yTest) = DataSplit.TrainTestSplit(x, y, testSize: 0.2, randomState: 42, stratify: true);
        var scaler = new StandardScaler().Fit(xTrain);
        var model = new BreastCancerClassifier(seed: 42);
        var stopping = new EarlyStopping(monitor: "val_loss", patience: 10, restoreBestWeights: true);
        model.Fit(scaler.Transform(xTrain), yTrain, epochs: 100, batchSize: 32, optimizer: new Adam(0.001f), validationSplit: 0.2, callbacks: [stopping], verbose: 0);

        var (_, accuracy) = model.Evaluate(scaler.Transform(xTest), yTest);

        Assert.True(accuracy >= 0.95, $"test accuracy {accuracy:F4}");
    }
}
