namespace ModelGen;

/// <summary>Flattens one sample to a vector: <c>(d1, d2, ...)</c> to <c>(d1 * d2 * ...)</c>, in row-major order.</summary>
/// <example><c>[Flatten]</c> between the last pooling layer and the first dense layer.</example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class FlattenAttribute : LayerAttribute;

/// <summary>Gives one sample a new shape with the same number of values, in row-major order.</summary>
/// <example><c>[Reshape(28, 28, 1)]</c> after a 784-wide input.</example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class ReshapeAttribute(params int[] shape) : LayerAttribute
{
    /// <summary>The new shape of one sample, without the batch dimension.</summary>
    public int[] Shape { get; } = shape;
}
