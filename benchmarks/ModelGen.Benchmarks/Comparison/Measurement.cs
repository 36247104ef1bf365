namespace ModelGen.Benchmarks.Comparison;

/// <summary>The frameworks compared.</summary>
public enum Framework
{
    /// <summary>The code ModelGen generates.</summary>
    ModelGen,
    /// <summary>ONNX Runtime on ModelGen's ONNX export, inference only.</summary>
    OnnxRuntime,
    /// <summary>libtorch through TorchSharp.</summary>
    LibTorch,
}

/// <summary>Marks a comparison benchmark with the framework it runs.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FrameworkAttribute(Framework framework) : Attribute
{
    /// <summary>The framework the benchmark runs.</summary>
    public Framework Framework { get; } = framework;
}

/// <summary>
/// What is measured, one benchmark category each. Every row reads per sample: batched benchmarks
/// divide by their batch (<c>OperationsPerInvoke</c>).
/// </summary>
public static class Measurement
{
    /// <summary>One sample in, its output out: latency.</summary>
    public const string Predict = "Predict";

    /// <summary>Inference on a batch of <see cref="ForwardBatch"/> samples.</summary>
    public const string Forward256 = "Forward256";

    /// <summary>One Adam training step (forward, loss, backward, update) on <see cref="SmallTrainBatch"/> samples.</summary>
    public const string Train32 = "Train32";

    /// <summary>The same on <see cref="LargeTrainBatch"/> samples.</summary>
    public const string Train128 = "Train128";

    /// <summary>Samples of the batched inference.</summary>
    public const int ForwardBatch = 256;

    /// <summary>Samples of the smaller training batch.</summary>
    public const int SmallTrainBatch = 32;

    /// <summary>Samples of the larger training batch.</summary>
    public const int LargeTrainBatch = 128;

    /// <summary>Every measurement, in the order the report lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Predict, Forward256, Train32, Train128];

    /// <summary>Whether the measurement is a training step (flops per sample are then three forward passes).</summary>
    public static bool IsTraining(string measurement) => measurement is Train32 or Train128;
}
