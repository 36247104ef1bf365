namespace ModelGen;

/// <summary>
/// Inverted dropout: in training, zeroes each value with probability <c>rate</c> and scales the rest
/// by <c>1 / (1 - rate)</c>; in inference, passes values through unchanged.
/// </summary>
/// <example><c>[Dropout(0.25f)]</c></example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class DropoutAttribute(float rate) : LayerAttribute
{
    /// <summary>Fraction of values dropped in training, in [0, 1).</summary>
    public float Rate { get; } = rate;
}

/// <summary>
/// Batch normalization over the last axis (channels), as Keras: batch statistics in training,
/// moving averages in inference, then a learned scale (gamma) and offset (beta).
/// </summary>
/// <example><c>[BatchNormalization]</c> after a convolution.</example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class BatchNormalizationAttribute : LayerAttribute
{
    /// <summary>Weight of the old value in the moving averages, in [0, 1) (default 0.99, as Keras).</summary>
    public float Momentum { get; set; } = 0.99f;

    /// <summary>Added to the variance before the square root, positive (default 0.001, as Keras).</summary>
    public float Epsilon { get; set; } = 1e-3f;
}
