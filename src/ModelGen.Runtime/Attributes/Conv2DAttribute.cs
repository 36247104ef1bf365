namespace ModelGen;

/// <summary>
/// 2-D convolution over an image: <c>output = activation(conv(input, kernel) + bias)</c>.
/// </summary>
/// <remarks>
/// <para>Input shape: <c>(height, width, channels)</c>, channels last as in Keras. Output shape:
/// <c>(outHeight, outWidth, filters)</c>, where with <see cref="Padding.Valid"/>
/// <c>out = (in - dilation * (kernel - 1) - 1) / stride + 1</c> and with <see cref="Padding.Same"/>
/// <c>out = ceil(in / stride)</c>.</para>
/// <para>The kernel is square, <c>kernelSize x kernelSize</c>, with one stride and dilation for both axes.</para>
/// </remarks>
/// <example><c>[Conv2D(32, 3, Activation.ReLU, Padding = Padding.Same)]</c></example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class Conv2DAttribute(int filters, int kernelSize, Activation activation = Activation.Linear) : LayerAttribute
{
    /// <summary>Output channels.</summary>
    public int Filters { get; } = filters;

    /// <summary>Height and width of the kernel.</summary>
    public int KernelSize { get; } = kernelSize;

    /// <summary>Element-wise activation applied after the convolution.</summary>
    public Activation Activation { get; } = activation;

    /// <summary>Step between window positions along both axes (default 1).</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Border handling (default <see cref="Padding.Valid"/>, as Keras).</summary>
    public Padding Padding { get; set; } = Padding.Valid;

    /// <summary>Spacing between kernel taps (default 1, a dense kernel).</summary>
    public int Dilation { get; set; } = 1;

    /// <summary>Whether the layer adds one bias per filter (default true).</summary>
    public bool UseBias { get; set; } = true;

    /// <summary>Kernel initializer (default Glorot uniform, as Keras).</summary>
    public Initializer KernelInitializer { get; set; } = Initializer.GlorotUniform;

    /// <summary>L1 penalty on this layer's kernel.</summary>
    public float L1 { get; set; }

    /// <summary>L2 penalty on this layer's kernel.</summary>
    public float L2 { get; set; }

    /// <summary>Slope for negative inputs when <see cref="Activation"/> is LeakyReLU (default 0.2).</summary>
    public float NegativeSlope { get; set; } = 0.2f;
}
