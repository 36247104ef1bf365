// Fashion-MNIST, the tutorials' second data set: 60,000 training and 10,000 test images of 28x28
// pixels in 10 clothing classes. Trains one of three models on all training images, then reports
// accuracy and the confusion matrix on the official test images and saves the weights.
//
//   dotnet run -c Release --project samples/FashionMnist -- [mlp|cnn|cnn-bn] [--epochs N] [--data DIR]
using System.Diagnostics;
using FashionMnistSample;
using ModelGen;
using ModelGen.Data;
using ModelGen.Optimizers;
using ModelGen.Training;

var options = SampleOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: FashionMnist [mlp|cnn|cnn-bn] [--epochs N] [--batch N] [--data DIR]");
    return 2;
}

// Batched kernels split over every core; one-sample Predict is unaffected.
ComputeThreads.Count = Environment.ProcessorCount;
FashionMnist data = FashionMnist.Load(options.DataFolder);
Console.WriteLine($"Fashion-MNIST from {data.Folder}: {data.Train.Count} training and {data.Test.Count} test images");
float[,] xTrain = Pixels.Normalize(data.Train.Images), xTest = Pixels.Normalize(data.Test.Images);

ITrainableModel model = options.Model switch
{
    "mlp" => new FashionMlp(seed: 1),
    "cnn" => new FashionCnn(seed: 1),
    _ => new FashionCnnBatchNorm(seed: 1),
};
Console.WriteLine(model.Summary());

var epochTimes = new EpochTimer();
List<Callback> callbacks = [epochTimes];
// The batch-norm model trains longest: after 5 epochs at 1e-3 its step shrinks by 0.9 per epoch.
if (options.Model == "cnn-bn") callbacks.Add(new LearningRateScheduler((epoch, rate) => epoch < 5 ? rate : rate * 0.9f));
var watch = Stopwatch.StartNew();
model.Fit(xTrain, data.Train.Labels, epochs: options.Epochs, batchSize: options.BatchSize, optimizer: new Adam(1e-3f), callbacks: callbacks);
watch.Stop();

Evaluation test = model.Evaluate(xTest, data.Test.Labels);
Console.WriteLine();
Console.WriteLine(test.Confusion!.ToString(FashionMnist.ClassNames));
Console.WriteLine($"{options.Model}: test accuracy {test.Accuracy:F4} (loss {test.Loss:F4}) on {data.Test.Count} test images after {options.Epochs} epochs");
Console.WriteLine($"training time {watch.Elapsed.TotalSeconds:F1} s, {epochTimes.Mean:F1} s per epoch (batch {options.BatchSize}, Adam 1e-3, {ComputeThreads.Count} compute threads)");

// One image, the way an application would classify it.
var scores = new float[10];
model.Forward(Row(xTest, 0), scores);
Console.WriteLine($"test image 0: predicted '{FashionMnist.ClassNames[Array.IndexOf(scores, scores.Max())]}', labelled '{FashionMnist.ClassNames[data.Test.Labels[0]]}'");

string weights = $"fashion-{options.Model}.safetensors";
model.Save(weights);
Console.WriteLine($"weights saved to {Path.GetFullPath(weights)}");
return 0;

static float[] Row(float[,] images, int index) =>
    Enumerable.Range(0, images.GetLength(1)).Select(i => images[index, i]).ToArray();
