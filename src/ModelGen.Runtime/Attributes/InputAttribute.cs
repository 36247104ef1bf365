namespace ModelGen;

/// <summary>
/// The shape of one input sample, without the batch dimension (Keras' <c>input_shape</c>).
/// </summary>
/// <example><c>[Input(10)]</c> for 10 features; <c>[Input(28, 28, 1)]</c> for an image.</example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class InputAttribute(params int[] shape) : Attribute
{
    /// <summary>Dimensions of one sample.</summary>
    public int[] Shape { get; } = shape;
}
