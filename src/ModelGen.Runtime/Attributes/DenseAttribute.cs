namespace ModelGen;

/// <summary>
/// Densely connected layer: <c>output = activation(input · kernel + bias)</c>.
/// </summary>
/// <remarks>
/// <para>Args: <c>units</c>, the output width; <c>activation</c>, applied element-wise
/// (default linear).</para>
/// <para>Input shape: <c>(batch, inputFeatures)</c>. Output shape: <c>(batch, units)</c>.</para>
/// <para>The kernel is stored <c>(inputFeatures, units)</c> as in Keras and written to weight
/// files as PyTorch's <c>(units, inputFeatures)</c> <c>weight</c>.</para>
/// </remarks>
/// <example><c>[Dense(64, Activation.ReLU)]</c></example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class DenseAttribute(int units, Activation activation = Activation.Linear) : LayerAttribute
{
    /// <summary>Output width.</summary>
    public int Units { get; } = units;

    /// <summary>Element-wise activation applied after the affine map.</summary>
    public Activation Activation { get; } = activation;

    /// <summary>Whether the layer adds a bias vector (default true).</summary>
    public bool UseBias { get; set; } = true;

    /// <summary>Kernel initializer (default Glorot uniform, as Keras).</summary>
    public Initializer KernelInitializer { get; set; } = Initializer.GlorotUniform;

    /// <summary>L1 penalty on this layer's kernel: <c>l1 * sum(|w|)</c>.</summary>
    public float L1 { get; set; }

    /// <summary>L2 penalty on this layer's kernel: <c>l2 * sum(w²)</c>, as Keras' <c>regularizers.L2</c>.</summary>
    public float L2 { get; set; }

    /// <summary>Slope for negative inputs when <see cref="Activation"/> is LeakyReLU (default 0.2, Keras 3's default).</summary>
    public float NegativeSlope { get; set; } = 0.2f;
}
