using Microsoft.ML.OnnxRuntime;

namespace ModelGen.Benchmarks.Comparison;

/// <summary>
/// A compared model in ONNX Runtime: ModelGen's own ONNX export (<c>ExportOnnx</c>, current weights,
/// NHWC input <c>input</c> and output <c>output</c> as ModelGen's <c>Forward</c> reads and writes them),
/// run on the CPU with <paramref name="threads"/> intra-op threads, sequential execution and every
/// graph optimization, and with inputs and outputs bound once to preallocated arrays.
/// </summary>
internal sealed class OnnxRuntimeTwin : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly List<IDisposable> _bound = [];

    private OnnxRuntimeTwin(byte[] onnx, int threads)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(onnx, options);
    }

    /// <summary>Exports <paramref name="model"/> to ONNX in memory and opens a session on it.</summary>
    public static OnnxRuntimeTwin Create(IComparedModel model, int threads)
    {
        using var onnx = new MemoryStream();
        model.ExportOnnx(onnx);
        return new OnnxRuntimeTwin(onnx.ToArray(), threads);
    }

    /// <summary>
    /// Binds <paramref name="inputs"/>, <c>(batch, ...sample shape)</c>, and <paramref name="outputs"/>,
    /// <c>(batch, outputs)</c>, to the graph once: each <see cref="Run"/> then reads and writes
    /// those arrays in place, with no copy and no allocation for the tensors.
    /// </summary>
    public OrtIoBinding Bind(float[] inputs, int[] sampleShape, float[] outputs, int batch)
    {
        var input = OrtValue.CreateTensorValueFromMemory(inputs, [batch, .. sampleShape.Select(d => (long)d)]);
        var output = OrtValue.CreateTensorValueFromMemory(outputs, [batch, outputs.Length / batch]);
        OrtIoBinding binding = _session.CreateIoBinding();
        binding.BindInput("input", input);
        binding.BindOutput("output", output);
        _bound.AddRange([binding, input, output]);
        return binding;
    }

    /// <summary>Runs the graph on the arrays <paramref name="binding"/> holds.</summary>
    public void Run(OrtIoBinding binding) => _session.RunWithBinding(_runOptions, binding);

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (IDisposable bound in _bound) bound.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
