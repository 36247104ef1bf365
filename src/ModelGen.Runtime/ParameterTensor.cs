namespace ModelGen;

/// <summary>One named tensor inside a model's flat weight buffer (<see cref="ITrainableModel.Weights"/>).</summary>
/// <param name="Name">PyTorch-style name, for example <c>dense1.weight</c>.</param>
/// <param name="Offset">Index of the first element in the flat buffer.</param>
/// <param name="Shape">Shape as stored in memory, row-major.</param>
/// <param name="FileLayout">How the tensor is laid out in weight files relative to memory.</param>
/// <param name="L1">L1 penalty coefficient (0 for none).</param>
/// <param name="L2">L2 penalty coefficient (0 for none).</param>
/// <param name="Trainable">
/// False for state the optimizer must not touch (batch-norm moving statistics): such tensors lie in
/// <see cref="ITrainableModel.Weights"/> after <see cref="ITrainableModel.Parameters"/>.
/// </param>
public sealed record ParameterTensor(string Name, int Offset, int[] Shape, FileLayout FileLayout, float L1, float L2, bool Trainable = true)
{
    /// <summary>Number of elements.</summary>
    public int Length { get; } = Shape.Aggregate(1, (product, dimension) => product * dimension);

    /// <summary>Shape in weight files (PyTorch's convention).</summary>
    public int[] FileShape => FileAxes.Select(axis => Shape[axis]).ToArray();

    /// <summary>For each file axis, the memory axis it is: file shape = <c>Shape[FileAxes[i]]</c>.</summary>
    internal int[] FileAxes => FileLayout switch
    {
        FileLayout.Transposed => [1, 0],
        FileLayout.ConvolutionKernel => [3, 2, 0, 1],
        _ => Enumerable.Range(0, Shape.Length).ToArray(),
    };
}

/// <summary>How a tensor is written to weight files.</summary>
public enum FileLayout
{
    /// <summary>Same order as in memory.</summary>
    Same,
    /// <summary>A 2-D tensor written transposed: a Dense kernel <c>(in, out)</c> becomes PyTorch's <c>(out, in)</c> weight.</summary>
    Transposed,
    /// <summary>A convolution kernel, Keras' <c>(kh, kw, in, out)</c> in memory, written as PyTorch's <c>(out, in, kh, kw)</c> weight.</summary>
    ConvolutionKernel,
}
