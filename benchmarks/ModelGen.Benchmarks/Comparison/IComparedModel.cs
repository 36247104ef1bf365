namespace ModelGen.Benchmarks.Comparison;

/// <summary>
/// What the framework comparison needs of a generated model beyond <see cref="ITrainableModel"/>:
/// its one-sample <c>Predict</c> and its ONNX export, which the generator emits on every model, and a
/// description of its libtorch twin. The models in Models.cs take this interface on in ComparedModels.cs.
/// </summary>
public interface IComparedModel : ITrainableModel
{
    /// <summary>The generated one-sample inference: no allocation, scratch on the stack.</summary>
    void Predict(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>The generated ONNX export: the model with its current weights, NHWC input <c>input</c>, output <c>output</c>.</summary>
    void ExportOnnx(Stream stream);

    /// <summary>The model's libtorch twin and the arithmetic one sample costs.</summary>
    static abstract ComparedModelSpec ComparisonSpec { get; }
}
