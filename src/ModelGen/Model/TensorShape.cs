using System;
using System.Linq;

namespace ModelGen.Generator.Model;

/// <summary>The shape of one sample, without the batch dimension.</summary>
internal sealed record TensorShape(EquatableArray<int> Dimensions)
{
    public TensorShape(params int[] dimensions) : this(dimensions.ToEquatableArray()) { }

    public int Rank => Dimensions.Count;

    /// <summary>Number of floats in one sample.</summary>
    public int Length => Dimensions.Aggregate(1, (product, dimension) => product * dimension);

    /// <summary><c>(64)</c> or <c>(28, 28, 1)</c>.</summary>
    public override string ToString() => "(" + string.Join(", ", Dimensions) + ")";

    /// <summary>With the batch dimension, as shape comments show it: <c>(B, 64)</c>.</summary>
    public string WithBatch(string batch = "B") => "(" + string.Join(", ", new[] { batch }.Concat(Dimensions.Select(d => d.ToString()))) + ")";
}
