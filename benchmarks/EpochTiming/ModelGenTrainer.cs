using System.Diagnostics;
using System.Globalization;
using ModelGen.Optimizers;
using ModelGen.Training;

namespace ModelGen.Benchmarks.EpochTiming;

/// <summary>Times <c>model.Fit</c>, exactly as a user calls it, one epoch per call.</summary>
internal static class ModelGenTrainer
{
    private const int EvaluationBatchSize = 1000;

    /// <summary>
    /// Builds a fresh model, trains <see cref="TimingOptions.WarmupBatches"/> untimed steps with
    /// <c>TrainOnBatch</c> on the same optimizer (so the JIT has compiled the step and the workspaces
    /// and Adam's moments exist), then times each epoch's <c>Fit</c> call and measures test accuracy.
    /// </summary>
    public static EpochMeasurement Measure(BenchmarkModel spec, FashionData data, TimingOptions options)
    {
        ITrainableModel model = spec.CreateModelGen();
        var optimizer = new Adam(learningRate: 1e-3f);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{spec.Name} ModelGen: {model.Parameters.Length:N0} trainable parameters"));
        int inputLength = model.InputLength;
        float[] warmupInputs = new float[options.BatchSize * inputLength];
        float[] warmupTargets = new float[options.BatchSize];
        for (int batch = 0; batch < options.WarmupBatches; batch++)
        {
            int first = batch * options.BatchSize % data.TrainCount;
            int count = Math.Min(options.BatchSize, data.TrainCount - first);
            for (int i = 0; i < count; i++)
            {
                for (int j = 0; j < inputLength; j++) warmupInputs[i * inputLength + j] = data.TrainImages[first + i, j];
                warmupTargets[i] = data.TrainLabels[first + i];
            }
            model.TrainOnBatch(warmupInputs.AsSpan(0, count * inputLength), warmupTargets.AsSpan(0, count), optimizer);
        }

        var seconds = new List<double>();
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            var stopwatch = Stopwatch.StartNew();
            History history = model.Fit(data.TrainImages, data.TrainLabels, epochs: 1, batchSize: options.BatchSize,
                optimizer: optimizer, verbose: 0, seed: options.Seed + epoch);
            stopwatch.Stop();
            seconds.Add(stopwatch.Elapsed.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{spec.Name} ModelGen epoch {epoch + 1}: {stopwatch.Elapsed.TotalSeconds:F2} s, mean training loss {history.Loss[^1]:F4}"));
        }

        double accuracy = model.Evaluate(data.TestImages, data.TestLabels, EvaluationBatchSize).Accuracy;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{spec.Name} ModelGen test accuracy: {accuracy:F4}"));
        // The generated code runs on the calling thread only.
        return new EpochMeasurement(spec.Name, Framework.ModelGen, 1, seconds, accuracy);
    }
}
