namespace ModelGen.Generator.Weights;

/// <summary>One tensor entry of a safetensors header: its dtype, file shape and byte range in the data section.</summary>
internal sealed record StoredTensor(string Name, string DType, long[] Shape, long Begin, long End)
{
    public string ShapeText => "(" + string.Join(", ", Shape) + ")";
}
