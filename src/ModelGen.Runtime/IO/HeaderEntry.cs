namespace ModelGen.IO;

/// <summary>One tensor as a safetensors header describes it, before any check against a model.</summary>
/// <param name="Name">Tensor name, the header's key.</param>
/// <param name="DType">Element type, for example <c>F32</c>.</param>
/// <param name="Shape">Dimensions in file order.</param>
/// <param name="Begin">First byte, relative to the start of the data section.</param>
/// <param name="End">One past the last byte, relative to the start of the data section.</param>
internal sealed record HeaderEntry(string Name, string DType, long[] Shape, long Begin, long End);
