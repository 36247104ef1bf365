using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using ModelGen.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelGen.Benchmarks.Comparison;

/// <summary>
/// One model run by ModelGen, ONNX Runtime and libtorch on the same weights and the same inputs, on
/// one thread and on every core: one-sample latency, batch-256 inference and an Adam training step
/// (learning rate 1e-3) on 32 and on 128 samples. Batched rows divide by the batch, so every row
/// reads as time per sample.
/// </summary>
/// <remarks>
/// <para>Each framework is used as a user after its best per-call cost would use it: ModelGen's
/// spans into preallocated arrays; libtorch with inputs already in tensors and inference under
/// <c>torch.inference_mode()</c>; ONNX Runtime with inputs and outputs bound once to preallocated
/// memory.</para>
/// <para>Setup first proves the frameworks compute the same thing (<see cref="Agreement"/>): the
/// inference outputs on a batch and on one sample within 1e-4, and libtorch's loss and gradients within 1e-4 of
/// ModelGen's. Then it runs every path once, so workspaces and optimizer state exist and the
/// Allocated column shows steady-state calls. Each benchmark runs in its own process, so the thread
/// settings of one do not leak into another.</para>
/// </remarks>
/// <typeparam name="TModel">The generated model.</typeparam>
[Config(typeof(ComparisonConfig))]
[GenericTypeArguments(typeof(TutorialClassifier))]
[GenericTypeArguments(typeof(MnistMlp))]
[GenericTypeArguments(typeof(LeNet))]
[GenericTypeArguments(typeof(FashionCnn))]
public class FrameworkComparison<TModel> where TModel : class, IComparedModel, new()
{
    private const float Tolerance = 1e-4f;

    private readonly TModel _model = new();
    private readonly Adam _adam = new();
    private float[] _sample = []; // (1, ...sample shape)
    private float[] _prediction = []; // (1, outputs)
    private float[] _inputs = []; // (256, ...sample shape), the first 32 and 128 samples are the training batches
    private float[] _outputs = []; // (256, outputs)
    private float[] _targets = []; // (128, targets)
    private float[] _ortPrediction = []; // (1, outputs)
    private float[] _ortOutputs = []; // (256, outputs)
    private OnnxRuntimeTwin? _ort;
    private OrtIoBinding? _ortSample; // _sample -> _ortPrediction
    private OrtIoBinding? _ortBatch; // _inputs -> _ortOutputs
    private TorchTwin? _torch;
    private Tensor? _torchSample; // (1, ...torch sample shape)
    private Tensor? _torchInputs; // (256, ...torch sample shape)
    private Tensor? _torchSmallBatch; // (32, ...torch sample shape)
    private Tensor? _torchSmallTargets; // (32) or (32, 1)
    private Tensor? _torchLargeBatch; // (128, ...torch sample shape)
    private Tensor? _torchLargeTargets; // (128) or (128, 1)

    /// <summary>Threads every framework may use: 1, and every core of the machine.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>1 and <see cref="Environment.ProcessorCount"/>.</summary>
    public static IEnumerable<int> ThreadCounts => new[] { 1, Environment.ProcessorCount }.Distinct();

    private TorchTwin Torch => _torch!;

    private OnnxRuntimeTwin Ort => _ort!;

    /// <summary>Sets the thread counts, builds every framework's copy of the model, checks that they agree and warms every path.</summary>
    [GlobalSetup]
    public void Setup()
    {
        ComputeThreads.Count = Threads;
        torch.set_num_threads(Threads);

        var random = new Random(BenchmarkData.Seed);
        int inputLength = _model.InputLength;
        _sample = BenchmarkData.Features(random, 1, inputLength);
        _prediction = new float[_model.OutputLength];
        _inputs = BenchmarkData.Features(random, Measurement.ForwardBatch, inputLength);
        _outputs = new float[Measurement.ForwardBatch * _model.OutputLength];
        _targets = BenchmarkData.Labels(random, Measurement.LargeTrainBatch, classes: Math.Max(2, _model.OutputLength));
        _model.EnsureBatchCapacity(Measurement.ForwardBatch);

        int[] sampleShape = TModel.ComparisonSpec.SampleShape;
        _ortPrediction = new float[_prediction.Length];
        _ortOutputs = new float[_outputs.Length];
        _ort = OnnxRuntimeTwin.Create(_model, Threads);
        _ortSample = Ort.Bind(_sample, sampleShape, _ortPrediction, batch: 1);
        _ortBatch = Ort.Bind(_inputs, sampleShape, _ortOutputs, Measurement.ForwardBatch);

        _torch = TorchTwin.Create(_model);
        _torchSample = Torch.Inputs(_sample, 1);
        _torchInputs = Torch.Inputs(_inputs, Measurement.ForwardBatch);
        _torchSmallBatch = Torch.Inputs(_inputs.AsSpan(0, Measurement.SmallTrainBatch * inputLength), Measurement.SmallTrainBatch);
        _torchSmallTargets = Torch.Targets(_targets.AsSpan(0, Measurement.SmallTrainBatch));
        _torchLargeBatch = Torch.Inputs(_inputs.AsSpan(0, Measurement.LargeTrainBatch * inputLength), Measurement.LargeTrainBatch);
        _torchLargeTargets = Torch.Targets(_targets);

        RequireAgreement();

        ModelGenPredict();
        OnnxRuntimePredict();
        TorchPredict();
        ModelGenForward256();
        OnnxRuntimeForward256();
        TorchForward256();
        ModelGenTrain32();
        TorchTrain32();
        ModelGenTrain128();
        TorchTrain128();
    }

    /// <summary>Frees libtorch's tensors and ONNX Runtime's session.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (Tensor? tensor in (Tensor?[])[_torchSample, _torchInputs, _torchSmallBatch, _torchSmallTargets, _torchLargeBatch, _torchLargeTargets])
        {
            tensor?.Dispose();
        }
        _torch?.Dispose();
        _ort?.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Measurement.Predict), Framework(Framework.ModelGen)]
    public void ModelGenPredict() => _model.Predict(_sample, _prediction);

    [Benchmark, BenchmarkCategory(Measurement.Predict), Framework(Framework.OnnxRuntime)]
    public void OnnxRuntimePredict() => Ort.Run(_ortSample!);

    [Benchmark, BenchmarkCategory(Measurement.Predict), Framework(Framework.LibTorch)]
    public void TorchPredict() => TorchInference(_torchSample!, _prediction);

    [Benchmark(Baseline = true, OperationsPerInvoke = Measurement.ForwardBatch), BenchmarkCategory(Measurement.Forward256), Framework(Framework.ModelGen)]
    // Inference that keeps nothing for a backward pass, as ONNX Runtime's run and libtorch's inference mode do
    // (Forward also copies the inputs for Backward: 1.02 against 0.97 us per MNIST sample in the ad-hoc harness).
    public void ModelGenForward256() => _model.PredictOnBatch(_inputs, _outputs);

    [Benchmark(OperationsPerInvoke = Measurement.ForwardBatch), BenchmarkCategory(Measurement.Forward256), Framework(Framework.OnnxRuntime)]
    public void OnnxRuntimeForward256() => Ort.Run(_ortBatch!);

    [Benchmark(OperationsPerInvoke = Measurement.ForwardBatch), BenchmarkCategory(Measurement.Forward256), Framework(Framework.LibTorch)]
    public void TorchForward256() => TorchInference(_torchInputs!, _outputs);

    [Benchmark(Baseline = true, OperationsPerInvoke = Measurement.SmallTrainBatch), BenchmarkCategory(Measurement.Train32), Framework(Framework.ModelGen)]
    public float ModelGenTrain32() => ModelGenTrain(Measurement.SmallTrainBatch);

    [Benchmark(OperationsPerInvoke = Measurement.SmallTrainBatch), BenchmarkCategory(Measurement.Train32), Framework(Framework.LibTorch)]
    public float TorchTrain32() => Torch.TrainStep(_torchSmallBatch!, _torchSmallTargets!);

    [Benchmark(Baseline = true, OperationsPerInvoke = Measurement.LargeTrainBatch), BenchmarkCategory(Measurement.Train128), Framework(Framework.ModelGen)]
    public float ModelGenTrain128() => ModelGenTrain(Measurement.LargeTrainBatch);

    [Benchmark(OperationsPerInvoke = Measurement.LargeTrainBatch), BenchmarkCategory(Measurement.Train128), Framework(Framework.LibTorch)]
    public float TorchTrain128() => Torch.TrainStep(_torchLargeBatch!, _torchLargeTargets!);

    private float ModelGenTrain(int batch) => _model.TrainOnBatch(
        _inputs.AsSpan(0, batch * _model.InputLength),
        _targets.AsSpan(0, batch * _model.TargetLength),
        _adam);

    // Forward under inference mode, and the outputs copied out as a caller would read them.
    private void TorchInference(Tensor inputs, float[] outputs)
    {
        using var inference = torch.inference_mode();
        using Tensor result = Torch.Inference.forward(inputs);
        result.data<float>().CopyTo(outputs);
    }

    private void RequireAgreement()
    {
        _model.PredictOnBatch(_inputs, _outputs);
        RequireSameOutputs("batch-256 outputs", _outputs, _torchInputs!, _ortBatch!, _ortOutputs);
        _model.Predict(_sample, _prediction);
        RequireSameOutputs("one-sample output", _prediction, _torchSample!, _ortSample!, _ortPrediction);

        int batch = Measurement.SmallTrainBatch;
        float loss = _model.ComputeLossAndGradients(_inputs.AsSpan(0, batch * _model.InputLength), _targets.AsSpan(0, batch * _model.TargetLength));
        var torchGradients = new float[_model.Gradients.Length];
        float torchLoss = Torch.LossAndGradients(_model, _torchSmallBatch!, _torchSmallTargets!, torchGradients);
        string model = typeof(TModel).Name;
        Agreement.Require($"{model} batch-32 loss, libtorch against ModelGen", [loss], [torchLoss], Tolerance);
        Agreement.Require($"{model} batch-32 gradients, libtorch against ModelGen", _model.Gradients, torchGradients, Tolerance);
        _model.ZeroGradients();
    }

    // libtorch's and ONNX Runtime's inference on the same inputs as ModelGen's, whose outputs are given.
    private void RequireSameOutputs(string what, float[] modelGen, Tensor torchInputs, OrtIoBinding ortBinding, float[] ortOutputs)
    {
        string model = typeof(TModel).Name;
        var torchOutputs = new float[modelGen.Length];
        TorchInference(torchInputs, torchOutputs);
        Agreement.Require($"{model} {what}, libtorch against ModelGen", modelGen, torchOutputs, Tolerance);
        Ort.Run(ortBinding);
        Agreement.Require($"{model} {what}, ONNX Runtime against ModelGen", modelGen, ortOutputs, Tolerance);
    }
}
