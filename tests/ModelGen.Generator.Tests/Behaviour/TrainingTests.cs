using ModelGen.Data;
using ModelGen.Generator.Tests.Models;
using ModelGen.Optimizers;
using ModelGen.Training;

namespace ModelGen.Generator.Tests.Behaviour;

/// <summary>Seeded reproducibility, the Keras-like loop, and weight files on generated models.</summary>
public sealed class TrainingTests
{
    private static (float[,] X, int[] Y) Data() => Datasets.MakeClassification(nSamples: 300, nFeatures: 10, randomState: 7);

    [Fact]
    public void Same_seed_gives_same_weights_and_different_seeds_differ()
    {
        Assert.Equal(new TutorialClassifier(seed: 5).Parameters.ToArray(), new TutorialClassifier(seed: 5).Parameters.ToArray());
        Assert.NotEqual(new TutorialClassifier(seed: 5).Parameters.ToArray(), new TutorialClassifier(seed: 6).Parameters.ToArray());
    }

    [Fact]
    public void Same_seed_gives_the_same_loss_curve()
    {
        var (x, y) = Data();
        History first = new TutorialClassifier(seed: 3).Fit(x, y, epochs: 5, batchSize: 32, validationSplit: 0.2, verbose: 0, seed: 9);
        History second = new TutorialClassifier(seed: 3).Fit(x, y, epochs: 5, batchSize: 32, validationSplit: 0.2, verbose: 0, seed: 9);

        Assert.Equal(first.Loss, second.Loss);
        Assert.Equal(first["val_loss"], second["val_loss"]);
        Assert.True(first.Loss[^1] < first.Loss[0], $"loss should fall: {string.Join(", ", first.Loss)}");
    }

    [Fact]
    public void Glorot_uniform_kernels_stay_within_their_limit_and_biases_start_at_zero()
    {
        var model = new TutorialClassifier(seed: 1);
        float limit = MathF.Sqrt(6f / (10 + 64));
        Assert.All(model.Dense1Kernel.ToArray(), w => Assert.InRange(w, -limit, limit));
        Assert.All(model.Dense1Bias.ToArray(), b => Assert.Equal(0f, b));
        Assert.True(model.Dense1Kernel.ToArray().Max() > limit * 0.9f);
    }

    [Fact]
    public void History_records_keras_metric_names_per_epoch()
    {
        var (x, y) = Data();
        var (xTrain, xTest, yTrain, yTest) = DataSplit.TrainTestSplit(x, y, testSize: 0.25, randomState: 1);
        History history = new TutorialClassifier().Fit(xTrain, yTrain, epochs: 3, validationData: (xTest, yTest), verbose: 0);

        Assert.Equal(3, history.Epochs);
        Assert.Equal(["accuracy", "loss", "val_accuracy", "val_loss"], history.Metrics.Keys.Order());
        Assert.All(history["val_accuracy"], a => Assert.InRange(a, 0, 1));
    }

    [Fact]
    public void Evaluate_matches_a_manual_count_over_predictions()
    {
        var (x, y) = Data();
        var model = new TutorialClassifier(seed: 2);
        model.Fit(x, y, epochs: 2, verbose: 0);

        var (_, accuracy) = model.Evaluate(x, y);
        float[,] predictions = model.Predict(x);
        int correct = Enumerable.Range(0, y.Length).Count(i => (predictions[i, 0] >= 0.5f ? 1 : 0) == y[i]);
        Assert.Equal((double)correct / y.Length, accuracy, 12);
    }

    [Fact]
    public void Early_stopping_stops_and_restores_the_best_weights()
    {
        var (x, y) = Data();
        var model = new TutorialClassifier(seed: 4);
        // A learning rate this large makes the validation loss bounce, so patience runs out.
        var stopping = new EarlyStopping(monitor: "val_loss", patience: 1, restoreBestWeights: true);
        History history = model.Fit(x, y, epochs: 50, optimizer: new Sgd(2f), validationSplit: 0.3, callbacks: [stopping], verbose: 0);

        Assert.True(stopping.StoppedEpoch >= 0 && history.Epochs < 50, $"ran {history.Epochs} epochs");
        Assert.Equal(stopping.StoppedEpoch + 1, history.Epochs);
        double best = history["val_loss"].Min();
        Assert.Equal(history["val_loss"].ToList().IndexOf(best), stopping.BestEpoch);
        float[] validationX = Features.AsSpan(x).Slice(210 * 10).ToArray();
        float[] validationY = y.Skip(210).Select(v => (float)v).ToArray();
        Assert.Equal(best, model.ComputeLoss(validationX, validationY), 5);
    }

    [Fact]
    public void Learning_rate_schedule_sets_the_rate_before_each_epoch()
    {
        var (x, y) = Data();
        var seen = new List<(int Epoch, float Rate)>();
        var optimizer = new Adam(0.01f);
        var schedule = new LearningRateScheduler((epoch, rate) =>
        {
            seen.Add((epoch, rate));
            return epoch < 2 ? rate : rate / 2;
        });
        new TutorialClassifier().Fit(x, y, epochs: 4, optimizer: optimizer, callbacks: [schedule], verbose: 0);

        Assert.Equal([(0, 0.01f), (1, 0.01f), (2, 0.01f), (3, 0.005f)], seen);
        Assert.Equal(0.0025f, optimizer.LearningRate);
        var broken = new LearningRateScheduler((_, _) => -1f);
        Assert.Throws<InvalidOperationException>(() => new TutorialClassifier().Fit(x, y, epochs: 1, callbacks: [broken], verbose: 0));
    }

    [Fact]
    public void Batch_norm_moving_statistics_travel_with_the_weights_file()
    {
        var model = new BatchNormDropoutCnn(seed: 1);
        var random = new Random(5);
        float[] inputs = Enumerable.Range(0, 8 * BatchNormDropoutCnn.InputLength).Select(_ => (float)random.NextDouble()).ToArray();
        float[] targets = new float[8 * BatchNormDropoutCnn.TargetLength];
        for (int b = 0; b < 8; b++) targets[b * 3 + b % 3] = 1;
        for (int step = 0; step < 3; step++) model.TrainOnBatch(inputs, targets, new Adam());
        Assert.NotEqual(0f, model.BatchNormalization1MovingMean[0]);
        string path = Path.Combine(Path.GetTempPath(), $"modelgen-{Guid.NewGuid():N}.safetensors");
        try
        {
            model.Save(path);
            var loaded = new BatchNormDropoutCnn(seed: 2);
            loaded.Load(path);
            Assert.Equal(model.Weights.ToArray(), loaded.Weights.ToArray());
            var expected = new float[8 * BatchNormDropoutCnn.OutputLength];
            var actual = new float[expected.Length];
            model.Forward(inputs, expected);
            loaded.Forward(inputs, actual);
            Assert.Equal(expected, actual);
            Assert.Contains(BatchNormDropoutCnn.ParameterTensors, t => t.Name == "batch_normalization1.running_var" && !t.Trainable);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Saved_weights_load_into_a_fresh_model_and_predict_the_same()
    {
        var (x, y) = Data();
        var trained = new TutorialClassifier(seed: 1);
        trained.Fit(x, y, epochs: 2, verbose: 0);
        string path = Path.Combine(Path.GetTempPath(), $"modelgen-{Guid.NewGuid():N}.safetensors");
        try
        {
            trained.Save(path);
            var loaded = new TutorialClassifier(seed: 99);
            loaded.Load(path);
            Assert.Equal(trained.Parameters.ToArray(), loaded.Parameters.ToArray());
            Assert.Equal(trained.Predict(x), loaded.Predict(x));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Loading_another_models_weights_throws_and_leaves_the_model_unchanged()
    {
        string path = Path.Combine(Path.GetTempPath(), $"modelgen-{Guid.NewGuid():N}.safetensors");
        try
        {
            new RegularizedClassifier().Save(path);
            var model = new TutorialClassifier(seed: 1);
            float[] before = model.Parameters.ToArray();
            var error = Assert.ThrowsAny<Exception>(() => model.Load(path));
            Assert.Contains("dense3.weight", error.Message);
            Assert.Equal(before, model.Parameters.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Penalties_add_their_exact_gradient()
    {
        var model = new RegularizedClassifier(seed: 2);
        float[] weights = model.Dense1Kernel.ToArray();
        float[] inputs = new float[2 * 6], targets = [0, 1];
        model.ComputeLossAndGradients(inputs, targets);
        float[] dataGradient = model.Dense1KernelGradient.ToArray();

        float penalty = Regularization.AddGradients(model);

        // Model L2 0.01 plus layer L1 0.02 on dense1; model L2 alone on dense2.
        double expected = weights.Sum(w => 0.02 * Math.Abs(w) + 0.01 * w * w) + model.Dense2Kernel.ToArray().Sum(w => 0.01 * w * w);
        Assert.Equal(expected, penalty, 1e-6);
        for (int i = 0; i < weights.Length; i++)
            Assert.Equal(dataGradient[i] + 0.02f * MathF.Sign(weights[i]) + 0.02f * weights[i], model.Dense1KernelGradient[i], 1e-6f);
    }
}
