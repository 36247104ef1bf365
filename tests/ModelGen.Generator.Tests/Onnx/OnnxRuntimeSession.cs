using Microsoft.ML.OnnxRuntime;

namespace ModelGen.Generator.Tests.Onnx;

/// <summary>An exported model loaded into ONNX Runtime (CPU), run on float batches by its graph names.</summary>
internal sealed class OnnxRuntimeSession : IDisposable
{
    private readonly InferenceSession _session;

    public OnnxRuntimeSession(byte[] model) => _session = new InferenceSession(model);

    public OnnxRuntimeSession(string path) => _session = new InferenceSession(path);

    /// <summary>The input's dimensions as ONNX Runtime reads them, the symbolic one by name (<c>batch, 28, 28, 1</c>).</summary>
    public string InputShape => Shape(_session.InputMetadata["input"]);

    /// <summary>The output's dimensions, as <see cref="InputShape"/>.</summary>
    public string OutputShape => Shape(_session.OutputMetadata["output"]);

    /// <summary>Runs <paramref name="inputs"/>, <c>(batch, sample...)</c>, and returns the flat output.</summary>
    public float[] Run(float[] inputs, int batch)
    {
        int[] sample = _session.InputMetadata["input"].Dimensions[1..];
        long[] shape = [batch, .. sample.Select(d => (long)d)];
        using var input = OrtValue.CreateTensorValueFromMemory(inputs, shape);
        using var options = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results = _session.Run(options, ["input"], [input], ["output"]);
        OrtValue output = Assert.Single(results);
        Assert.Equal(batch, output.GetTensorTypeAndShape().Shape[0]);
        return output.GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose() => _session.Dispose();

    private static string Shape(NodeMetadata metadata) =>
        string.Join(", ", metadata.Dimensions.Select((d, i) => d < 0 ? metadata.SymbolicDimensions[i] : d.ToString()));
}
