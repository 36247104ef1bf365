namespace ModelGen;

/// <summary>
/// Marks a <c>partial</c> class as a ModelGen model. The generator reads the class's
/// <see cref="InputAttribute"/> and its layer attributes, in declaration order, and emits the
/// forward and backward passes, the parameter buffers and the training entry points.
/// </summary>
/// <example>
/// <code>
/// [Model(Loss = Loss.BinaryCrossEntropy)]
/// [Input(10)]
/// [Dense(64, Activation.ReLU)]
/// [Dense(1, Activation.Sigmoid)]
/// public partial class Classifier;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class ModelAttribute : Attribute
{
    /// <summary>The loss minimized by <c>Fit</c>. Fused with a sigmoid or softmax output for stability.</summary>
    public Loss Loss { get; set; } = Loss.MeanSquaredError;

    /// <summary>L1 penalty on every kernel of the model (added to each layer's own).</summary>
    public float L1 { get; set; }

    /// <summary>L2 penalty on every kernel of the model (added to each layer's own).</summary>
    public float L2 { get; set; }

    /// <summary>
    /// Number of classes the targets hold, when the task is classification; 0 (the default) leaves
    /// it undeclared. Declaring it lets the analyzers check the output layer's width against it.
    /// </summary>
    public int Classes { get; set; }
}
