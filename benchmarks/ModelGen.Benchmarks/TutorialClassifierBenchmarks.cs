using BenchmarkDotNet.Attributes;
using ModelGen.Optimizers;

namespace ModelGen.Benchmarks;

/// <summary>
/// The tutorial classifier (10 -> 64 -> 32 -> 1): one-sample latency, batched inference and one
/// Adam training step. Batched rows divide by the batch (OperationsPerInvoke), so every row reads
/// as time per sample. Setup runs each path once, so workspaces and optimizer state already exist
/// and the Allocated column shows what a steady-state call allocates.
/// </summary>
[Config(typeof(ShortJobConfig))]
[MemoryDiagnoser]
public class TutorialClassifierBenchmarks
{
    private const int ForwardBatch = 256;
    private const int SmallTrainBatch = 32;
    private const int LargeTrainBatch = 128;

    private readonly TutorialClassifier _model = new();
    private readonly Adam _optimizer = new();
    private float[] _sample = [];
    private readonly float[] _prediction = new float[TutorialClassifier.OutputLength];
    private float[] _inputs = []; // (256, 10)
    private float[] _outputs = []; // (256, 1)
    private float[] _targets = []; // (128) labels 0 or 1

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(BenchmarkData.Seed);
        _sample = BenchmarkData.Features(random, 1, TutorialClassifier.InputLength);
        _inputs = BenchmarkData.Features(random, ForwardBatch, TutorialClassifier.InputLength);
        _outputs = new float[ForwardBatch * TutorialClassifier.OutputLength];
        _targets = BenchmarkData.Labels(random, LargeTrainBatch, classes: 2);
        PredictOneSample();
        ForwardBatch256();
        TrainOnBatch32();
        TrainOnBatch128();
    }

    [Benchmark]
    public void PredictOneSample() => _model.Predict(_sample, _prediction);

    [Benchmark(OperationsPerInvoke = ForwardBatch)]
    public void ForwardBatch256() => _model.Forward(_inputs, _outputs);

    [Benchmark(OperationsPerInvoke = SmallTrainBatch)]
    public float TrainOnBatch32() => TrainOnBatch(SmallTrainBatch);

    [Benchmark(OperationsPerInvoke = LargeTrainBatch)]
    public float TrainOnBatch128() => TrainOnBatch(LargeTrainBatch);

    private float TrainOnBatch(int batch) => _model.TrainOnBatch(
        _inputs.AsSpan(0, batch * TutorialClassifier.InputLength),
        _targets.AsSpan(0, batch * TutorialClassifier.TargetLength),
        _optimizer);
}
