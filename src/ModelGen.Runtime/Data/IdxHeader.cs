namespace ModelGen.Data;

/// <summary>What an IDX header declares: the value type, the dimension sizes, and their product.</summary>
internal readonly record struct IdxHeader(IdxDataType DataType, int[] Dimensions, long Count)
{
    /// <summary>The sizes as a reader would write them: <c>60000 x 28 x 28</c>.</summary>
    public string Shape => string.Join(" x ", Dimensions);
}
