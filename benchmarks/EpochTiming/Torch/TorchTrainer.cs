using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelGen.Benchmarks.EpochTiming;

/// <summary>
/// The usual PyTorch training loop, in TorchSharp: shuffle with <c>randperm</c>, gather each batch
/// with <c>index_select</c>, zero the gradients, forward, cross-entropy, backward, Adam step, and read
/// the loss back with <c>item()</c> as a training loop that reports it does.
/// </summary>
internal static class TorchTrainer
{
    private const int EvaluationBatchSize = 1000;

    /// <summary>
    /// Builds a fresh model, trains <see cref="TimingOptions.WarmupBatches"/> untimed steps, then
    /// times each of <see cref="TimingOptions.Epochs"/> epochs, and measures test accuracy.
    /// </summary>
    public static EpochMeasurement Measure(BenchmarkModel spec, TorchData data, int threads, TimingOptions options)
    {
        torch.set_num_threads(threads);
        torch.manual_seed(options.Seed);
        using var generator = new Generator((ulong)options.Seed);
        using nn.Module<Tensor, Tensor> model = spec.CreateTorch();
        long parameterCount = model.parameters().Sum(p => p.numel());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{spec.Name} TorchSharp: {parameterCount:N0} trainable parameters"));
        // Keras' and ModelGen's Adam epsilon (1e-7) rather than torch's 1e-8; the cost is the same.
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-3, eps: 1e-7);
        using var loss = nn.CrossEntropyLoss();
        long[] batchShape = [-1, .. spec.TorchSampleShape];
        using Tensor images = data.TrainImages.reshape(batchShape);
        using Tensor testImages = data.TestImages.reshape(batchShape);
        long samples = images.shape[0];

        model.train();
        using (Tensor order = randperm(samples, generator: generator))
        {
            for (int batch = 0; batch < options.WarmupBatches; batch++)
            {
                long start = batch * (long)options.BatchSize % samples;
                using Tensor indices = order.narrow(0, start, Math.Min(options.BatchSize, samples - start));
                Step(model, optimizer, loss, images, data.TrainLabels, indices);
            }
        }

        var seconds = new List<double>();
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            var stopwatch = Stopwatch.StartNew();
            double lossSum = 0;
            long steps = 0;
            using (Tensor order = randperm(samples, generator: generator))
            {
                for (long start = 0; start < samples; start += options.BatchSize)
                {
                    using Tensor indices = order.narrow(0, start, Math.Min(options.BatchSize, samples - start));
                    lossSum += Step(model, optimizer, loss, images, data.TrainLabels, indices);
                    steps++;
                }
            }
            stopwatch.Stop();
            seconds.Add(stopwatch.Elapsed.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{spec.Name} TorchSharp {threads} thread(s) epoch {epoch + 1}: {stopwatch.Elapsed.TotalSeconds:F2} s, mean training loss {lossSum / steps:F4}"));
        }

        double accuracy = Accuracy(model, testImages, data.TestLabels);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{spec.Name} TorchSharp {threads} thread(s) test accuracy: {accuracy:F4}"));
        return new EpochMeasurement(spec.Name, Framework.TorchSharp, threads, seconds, accuracy);
    }

    private static float Step(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, TorchSharp.Modules.CrossEntropyLoss loss,
        Tensor images, Tensor labels, Tensor indices)
    {
        // Every intermediate tensor of the step is freed when the scope ends, not left to the GC.
        using DisposeScope scope = torch.NewDisposeScope();
        Tensor inputs = images.index_select(0, indices);
        Tensor targets = labels.index_select(0, indices);
        optimizer.zero_grad();
        Tensor batchLoss = loss.forward(model.forward(inputs), targets);
        batchLoss.backward();
        optimizer.step();
        return batchLoss.item<float>();
    }

    private static double Accuracy(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels)
    {
        model.eval();
        using var noGradients = torch.no_grad();
        long samples = images.shape[0];
        long correct = 0;
        for (long start = 0; start < samples; start += EvaluationBatchSize)
        {
            using DisposeScope scope = torch.NewDisposeScope();
            long count = Math.Min(EvaluationBatchSize, samples - start);
            Tensor predicted = model.forward(images.narrow(0, start, count)).argmax(1);
            correct += predicted.eq(labels.narrow(0, start, count)).sum().item<long>();
        }
        return (double)correct / samples;
    }
}
