namespace ModelGen;

/// <summary>Base of the 2-D pooling layers: a <c>poolSize x poolSize</c> window over each channel.</summary>
/// <remarks>
/// Input shape: <c>(height, width, channels)</c>. Output shape: <c>(outHeight, outWidth, channels)</c>
/// with <c>out = (in - poolSize) / stride + 1</c> for <see cref="Padding.Valid"/> and
/// <c>ceil(in / stride)</c> for <see cref="Padding.Same"/>.
/// </remarks>
public abstract class Pooling2DAttribute(int poolSize) : LayerAttribute
{
    /// <summary>Height and width of the window (Keras' default is 2).</summary>
    public int PoolSize { get; } = poolSize;

    /// <summary>Step between windows; 0, the default, means <see cref="PoolSize"/> as in Keras.</summary>
    public int Stride { get; set; }

    /// <summary>Border handling (default <see cref="Padding.Valid"/>).</summary>
    public Padding Padding { get; set; } = Padding.Valid;
}

/// <summary>Keeps the largest value of each window.</summary>
/// <example><c>[MaxPool2D(2)]</c></example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class MaxPool2DAttribute(int poolSize = 2) : Pooling2DAttribute(poolSize);

/// <summary>Averages each window (padding, where <see cref="Padding.Same"/> adds it, is left out of the average, as Keras).</summary>
/// <example><c>[AvgPool2D(2)]</c></example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class AvgPool2DAttribute(int poolSize = 2) : Pooling2DAttribute(poolSize);

/// <summary>Averages each channel over the whole image: <c>(height, width, channels)</c> to <c>(channels)</c>.</summary>
/// <example><c>[GlobalAveragePooling2D]</c></example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class GlobalAveragePooling2DAttribute : LayerAttribute;
