using System.Reflection;
using ModelGen.Generator.Tests.Models;
using ModelGen.Optimizers;
using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Generator.Tests.Behaviour;

/// <summary>
/// Models of dense, convolution and pooling layers split a training step's batch over the compute threads: each
/// share runs the whole step into its own gradient buffer and the buffers are summed. The loss and gradients must be
/// the one-thread step's, for every loss, fused with its output activation and not, with a Flatten in front, for
/// every convolution strategy, and for wide first layers whose kernel the shares split by rows.
/// </summary>
[Collection(ComputeThreadsCollection.Name)]
public sealed class SplitTrainingTests
{
    // Odd, so the shares differ in size (326 and 325), and large enough that even the smallest model here
    // (ReshapingRegressor, 135 multiply-adds a sample) has the work to split.
    private const int Batch = 651;

    public static TheoryData<string> Models => new(Factories.Keys);

    private static readonly Dictionary<string, Func<ITrainableModel>> Factories = new()
    {
        ["TutorialClassifier"] = () => new TutorialClassifier(seed: 1),
        ["OddReluRegressor"] = () => new OddReluRegressor(seed: 1),
        ["OddLeakyTanhRegressor"] = () => new OddLeakyTanhRegressor(seed: 1),
        ["OddGeluMultiLabel"] = () => new OddGeluMultiLabel(seed: 1),
        ["OddTanhSoftmaxClassifier"] = () => new OddTanhSoftmaxClassifier(seed: 1),
        ["OddSparseClassifier"] = () => new OddSparseClassifier(seed: 1),
        ["OddSoftmaxRegressor"] = () => new OddSoftmaxRegressor(seed: 1),
        ["OddSigmoidCategorical"] = () => new OddSigmoidCategorical(seed: 1),
        ["ReshapingRegressor"] = () => new ReshapingRegressor(seed: 1),
        // Wide first layers, whose kernel the shares split by rows.
        ["WideReluClassifier"] = () => new WideReluClassifier(seed: 1),
        ["WideTanhRegressor"] = () => new WideTanhRegressor(seed: 1),
        ["WideGeluMultiLabel"] = () => new WideGeluMultiLabel(seed: 1),
        // Image models: im2col convolutions (whose patch scratch each share's thread must own), average and global
        // average pooling, a 1x1 convolution read as a product; then image layers taken in chunks inside each
        // share, with direct and Winograd convolutions and max pooling taking the ReLU's backward.
        ["StridedSameCnn"] = () => new StridedSameCnn(seed: 1),
        ["DilatedMaxPoolCnn"] = () => new DilatedMaxPoolCnn(seed: 1),
        ["ReluMaxPoolCnn"] = () => new ReluMaxPoolCnn(seed: 1),
        ["ChunkedCnn"] = () => new ChunkedCnn(seed: 1),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Two_threads_split_the_batch_and_match_one_thread(string name)
    {
        ITrainableModel whole = Factories[name](), split = Factories[name]();
        var random = new Random(name.Length);
        float[] inputs = [.. Enumerable.Range(0, Batch * whole.InputLength).Select(_ => random.NextSingle() * 2 - 1)];
        float[] targets = Targets(whole, random);

        float wholeLoss = WithThreads(1, () => whole.ComputeLossAndGradients(inputs, targets));
        float splitLoss = WithThreads(2, () => split.ComputeLossAndGradients(inputs, targets));

        Assert.True(ShareBuffers(split) >= 1, $"{name} did not split its step.");
        Assert.Equal(name.StartsWith("Wide", StringComparison.Ordinal), PartialSumBuffers(split) >= 1);
        Assert.Equal(0, ShareBuffers(whole));
        Assert.True(Math.Abs(wholeLoss - splitLoss) <= 1e-6 * Math.Abs(wholeLoss), $"loss: one thread {wholeLoss}, two {splitLoss}");
        // Summed in a different order: float rounding of sums over 651 samples, far below a share counted twice or dropped.
        AssertClose("gradient", whole.Gradients, split.Gradients, 1e-4);
        // A share's last rows take other register tiles than in the whole batch, which round differently.
        AssertClose("output", whole.LastOutputs, split.LastOutputs, 1e-5);
    }

    /// <summary>
    /// Inference splits its batch likewise (<c>RunInferenceShare</c>): the outputs must be the one-thread pass's, and a
    /// <c>Backward</c> after a split <c>Forward</c> must find every share's inputs and layer outputs where it looks.
    /// </summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void Two_threads_split_inference_and_match_one_thread(string name)
    {
        ITrainableModel whole = Factories[name](), split = Factories[name]();
        var random = new Random(name.Length + 1);
        float[] inputs = [.. Enumerable.Range(0, Batch * whole.InputLength).Select(_ => random.NextSingle() * 2 - 1)];
        float[] outputGradient = [.. Enumerable.Range(0, Batch * whole.OutputLength).Select(_ => random.NextSingle() - 0.5f)];
        float[] wholeOutputs = new float[Batch * whole.OutputLength], splitOutputs = new float[wholeOutputs.Length];

        WithThreads(1, () => { whole.PredictOnBatch(inputs, wholeOutputs); return 0f; });
        WithThreads(2, () => { split.PredictOnBatch(inputs, splitOutputs); return 0f; });
        AssertClose("PredictOnBatch output", wholeOutputs, splitOutputs, 1e-5);

        float[] wholeInputGradient = new float[inputs.Length], splitInputGradient = new float[inputs.Length];
        WithThreads(1, () => { whole.Forward(inputs, wholeOutputs); whole.ZeroGradients(); whole.Backward(outputGradient, wholeInputGradient); return 0f; });
        WithThreads(2, () => { split.Forward(inputs, splitOutputs); split.ZeroGradients(); split.Backward(outputGradient, splitInputGradient); return 0f; });
        AssertClose("Forward output", wholeOutputs, splitOutputs, 1e-5);
        AssertClose("gradient after Forward", whole.Gradients, split.Gradients, 1e-4);
        AssertClose("input gradient", wholeInputGradient, splitInputGradient, 1e-4);
    }

    /// <summary>
    /// <c>TrainOnBatch</c> on two threads sums the gradients and updates the parameters in the shares' threads, each a
    /// range: three steps must leave the parameters, the last gradients (penalties included) and the losses of three
    /// one-thread steps, for each built-in rule and with L2 penalties (the breast-cancer model).
    /// </summary>
    [Theory]
    [InlineData("TutorialClassifier", "Sgd")]
    [InlineData("TutorialClassifier", "RmsProp")]
    [InlineData("BreastCancerClassifier", "Adam")]
    [InlineData("OddSparseClassifier", "AdamW")]
    [InlineData("WideReluClassifier", "Adam")]
    [InlineData("WideTanhRegressor", "Sgd")]
    public void Two_thread_training_steps_match_one_thread(string name, string rule)
    {
        ITrainableModel whole = name == "BreastCancerClassifier" ? new BreastCancerClassifier(seed: 1) : Factories[name]();
        ITrainableModel split = name == "BreastCancerClassifier" ? new BreastCancerClassifier(seed: 1) : Factories[name]();
        Optimizer wholeRule = Rule(rule), splitRule = Rule(rule);
        var random = new Random(rule.Length);
        float[] inputs = [.. Enumerable.Range(0, Batch * whole.InputLength).Select(_ => random.NextSingle() * 2 - 1)];
        float[] targets = Targets(whole, random);

        for (int step = 0; step < 3; step++)
        {
            float wholeLoss = WithThreads(1, () => whole.TrainOnBatch(inputs, targets, wholeRule));
            float splitLoss = WithThreads(2, () => split.TrainOnBatch(inputs, targets, splitRule));
            Assert.True(Math.Abs(wholeLoss - splitLoss) <= 1e-5 * Math.Abs(wholeLoss), $"step {step} loss: one thread {wholeLoss}, two {splitLoss}");
        }

        Assert.True(ShareBuffers(split) >= 1, $"{name} did not split its step.");
        Assert.Equal(3, splitRule.Iterations);
        AssertClose("gradient", whole.Gradients, split.Gradients, 1e-3);
        AssertClose("parameter", whole.Parameters, split.Parameters, 1e-4);
    }

    /// <summary>
    /// The same for an image model, whose shares take their image layers in chunks and clear those layers' gradients
    /// each step. Compared tensor by tensor as whole vectors: a parameter one ulp apart can move a max-pooling window's
    /// argmax, which moves a few kernel gradients by a sample's share (measured: 5.7e-5 against 9.6e-6 in one element
    /// after one step, the losses equal to every printed digit); a range summed twice or not cleared moves them all.
    /// </summary>
    [Theory]
    [InlineData("SgdMomentum")]
    [InlineData("Adam")]
    public void Two_thread_training_steps_of_an_image_model_match_one_thread(string rule)
    {
        var whole = new ChunkedCnn(seed: 1);
        var split = new ChunkedCnn(seed: 1);
        Optimizer wholeRule = Rule(rule), splitRule = Rule(rule);
        var random = new Random(rule.Length);
        float[] inputs = [.. Enumerable.Range(0, Batch * ChunkedCnn.InputLength).Select(_ => random.NextSingle() * 2 - 1)];
        float[] targets = Targets(whole, random);

        for (int step = 0; step < 3; step++)
        {
            float wholeLoss = WithThreads(1, () => whole.TrainOnBatch(inputs, targets, wholeRule));
            float splitLoss = WithThreads(2, () => split.TrainOnBatch(inputs, targets, splitRule));
            Assert.True(Math.Abs(wholeLoss - splitLoss) <= 1e-5 * Math.Abs(wholeLoss), $"step {step} loss: one thread {wholeLoss}, two {splitLoss}");
            AssertTensorsClose($"step {step} gradient", whole.Gradients, split.Gradients, 1e-2);
        }

        Assert.True(ShareBuffers(split) >= 1, "ChunkedCnn did not split its step.");
        Assert.Equal(3, splitRule.Iterations);
        AssertTensorsClose("parameter", whole.Parameters, split.Parameters, 1e-3);
    }

    // Each of ChunkedCnn's tensors within |expected - actual| <= relative * |expected| (Euclidean norms). Measured over
    // three steps: gradients at most 3.6e-3 apart (Adam), parameters 2.8e-4; a doubled or missing share is 1 or more.
    private static void AssertTensorsClose(string what, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double relative)
    {
        foreach (ParameterTensor tensor in ChunkedCnn.ParameterTensors)
        {
            int length = tensor.Shape.Aggregate(1, (product, dimension) => product * dimension);
            double distance = RelativeDistance(expected.Slice(tensor.Offset, length), actual.Slice(tensor.Offset, length));
            Assert.True(distance <= relative, $"{what} {tensor.Name}: one thread and two {distance:G3} apart");
        }
    }

    // |expected - actual| / |expected|, Euclidean norms.
    private static double RelativeDistance(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        double difference = 0, norm = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            difference += (double)(expected[i] - actual[i]) * (expected[i] - actual[i]);
            norm += (double)expected[i] * expected[i];
        }
        return Math.Sqrt(difference / norm);
    }

    private static Optimizer Rule(string name) => name switch
    {
        "Sgd" => new Sgd(learningRate: 0.1f, momentum: 0.9f, nesterov: true),
        "SgdMomentum" => new Sgd(learningRate: 0.01f, momentum: 0.9f),
        "RmsProp" => new RmsProp(learningRate: 0.001f, momentum: 0.5f),
        "Adam" => new Adam(learningRate: 0.001f),
        _ => new AdamW(learningRate: 0.001f, weightDecay: 0.01f),
    };

    private static void AssertClose(string what, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 + relative * Math.Abs(expected[i]), $"{what} [{i}]: one thread {expected[i]}, two {actual[i]}");
    }

    // The image model's im2col layers take their patch scratch from the thread, grown in the warm-up steps.
    [Theory]
    [InlineData("TutorialClassifier")]
    [InlineData("StridedSameCnn")]
    [InlineData("WideReluClassifier")]
    public void Split_training_steps_and_inference_allocate_nothing_after_warm_up(string name)
    {
        ITrainableModel model = Factories[name]();
        var random = new Random(3);
        float[] inputs = [.. Enumerable.Range(0, Batch * model.InputLength).Select(_ => random.NextSingle())];
        float[] targets = Targets(model, random);
        var optimizer = new Adam();

        float[] outputs = new float[Batch * model.OutputLength];
        WithThreads(2, () =>
        {
            model.TrainOnBatch(inputs, targets, optimizer);
            model.TrainOnBatch(inputs, targets, optimizer);
            model.PredictOnBatch(inputs, outputs);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 5; i++)
            {
                model.TrainOnBatch(inputs, targets, optimizer);
                model.PredictOnBatch(inputs, outputs);
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            return 0f;
        });
        Assert.True(ShareBuffers(model) >= 1);
    }

    private static float[] Targets(ITrainableModel model, Random random) => model.Loss switch
    {
        Loss.SparseCategoricalCrossEntropy => [.. Enumerable.Range(0, Batch).Select(_ => (float)random.Next(model.OutputLength))],
        Loss.CategoricalCrossEntropy => [.. Enumerable.Range(0, Batch).SelectMany(_ => OneHot(random.Next(model.OutputLength), model.OutputLength))],
        Loss.BinaryCrossEntropy => [.. Enumerable.Range(0, Batch * model.TargetLength).Select(_ => (float)random.Next(2))],
        _ => [.. Enumerable.Range(0, Batch * model.TargetLength).Select(_ => random.NextSingle())],
    };

    private static float[] OneHot(int label, int classes) => [.. Enumerable.Range(0, classes).Select(i => i == label ? 1f : 0f)];

    // The generated field holding every share's gradients but the first: non-empty once a step has split.
    private static int ShareBuffers(ITrainableModel model) =>
        ((float[][]?)model.GetType().GetField("_shareGradients", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(model))?.Length ?? 0;

    // The generated field holding the first kernel's partial sums of every share but the first: non-empty once a step
    // has split that kernel by rows.
    private static int PartialSumBuffers(ITrainableModel model) =>
        ((float[][]?)model.GetType().GetField("_dense1PartialSums", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(model))?.Length ?? 0;

    private static float WithThreads(int threads, Func<float> step)
    {
        using var scope = new ComputeThreadsScope(threads);
        return step();
    }
}
