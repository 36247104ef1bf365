namespace ModelGen;

/// <summary>One named tensor inside a model's flat parameter buffer.</summary>
/// <param name="Name">PyTorch-style name, for example <c>dense1.weight</c>.</param>
/// <param name="Offset">Index of the first element in the flat buffer.</param>
/// <param name="Shape">Shape as stored in memory, row-major.</param>
/// <param name="FileLayout">How the tensor is laid out in weight files relative to memory.</param>
/// <param name="L1">L1 penalty coefficient (0 for none).</param>
/// <param name="L2">L2 penalty coefficient (0 for none).</param>
public sealed record ParameterTensor(string Name, int Offset, int[] Shape, FileLayout FileLayout, float L1, float L2)
{
    /// <summary>Number of elements.</summary>
    public int Length { get; } = Shape.Aggregate(1, (product, dimension) => product * dimension);

    /// <summary>Shape in weight files (PyTorch's convention).</summary>
    public int[] FileShape => FileLayout == FileLayout.Transposed ? [Shape[1], Shape[0]] : Shape;
}

/// <summary>How a tensor is written to weight files.</summary>
public enum FileLayout
{
    /// <summary>Same order as in memory.</summary>
    Same,
    /// <summary>A 2-D tensor written transposed: a Dense kernel <c>(in, out)</c> becomes PyTorch's <c>(out, in)</c> weight.</summary>
    Transposed,
}
