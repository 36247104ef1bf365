namespace ModelGen;

/// <summary>
/// What the training loop, the optimizers and weight I/O need from a generated model. The
/// generator implements it on every <see cref="ModelAttribute"/> class; users call the
/// extension methods in <see cref="ModelExtensions"/> (<c>Fit</c>, <c>Evaluate</c>, <c>Predict</c>,
/// <c>Save</c>, <c>Load</c>).
/// </summary>
/// <remarks>
/// Batched methods take the batch size from the span lengths: <c>inputs.Length / InputLength</c>.
/// Workspaces grow to the largest batch seen, so after the first call at a given size no call
/// allocates.
/// </remarks>
public interface ITrainableModel
{
    /// <summary>Floats per input sample.</summary>
    int InputLength { get; }

    /// <summary>Floats per output sample.</summary>
    int OutputLength { get; }

    /// <summary>Floats per target sample: 1 for sparse categorical cross-entropy, else <see cref="OutputLength"/>.</summary>
    int TargetLength { get; }

    /// <summary>The loss declared on the model.</summary>
    Loss Loss { get; }

    /// <summary>Every tensor a weights file holds, in the order they lie in <see cref="Weights"/>.</summary>
    IReadOnlyList<ParameterTensor> ParameterTensors { get; }

    /// <summary>All trainable parameters, one contiguous buffer: what optimizers update.</summary>
    Span<float> Parameters { get; }

    /// <summary>
    /// Everything a weights file holds: <see cref="Parameters"/>, then non-trainable state such as
    /// batch-norm moving statistics (Keras' non-trainable weights). Models without such state return
    /// <see cref="Parameters"/>.
    /// </summary>
    Span<float> Weights => Parameters;

    /// <summary>Gradients of the loss, laid out as <see cref="Parameters"/>.</summary>
    Span<float> Gradients { get; }

    /// <summary>Outputs of the most recent forward pass, <c>(batch, OutputLength)</c>.</summary>
    ReadOnlySpan<float> LastOutputs { get; }

    /// <summary>Grows the workspaces to hold <paramref name="batchSize"/> samples.</summary>
    void EnsureBatchCapacity(int batchSize);

    /// <summary>Inference forward pass over a batch.</summary>
    void Forward(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>
    /// Inference over a batch, as <see cref="Forward"/>, keeping nothing for <see cref="Backward"/>: the inputs are
    /// read where they are rather than copied (Keras' <c>predict_on_batch</c>).
    /// </summary>
    void PredictOnBatch(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>
    /// Backward pass of the most recent forward: given dLoss/dOutputs, accumulates into
    /// <see cref="Gradients"/> and writes dLoss/dInputs into <paramref name="inputGradient"/> unless it
    /// is empty. This is how gradients flow from one model into another (a GAN's discriminator into
    /// its generator) or into the input (saliency).
    /// </summary>
    void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient);

    /// <summary>Sets every gradient to zero; backward passes accumulate.</summary>
    void ZeroGradients();

    /// <summary>
    /// Zeroes <see cref="Gradients"/>, runs a training forward pass, and accumulates the gradients of
    /// the mean loss over the batch. Returns that loss (without regularization penalties).
    /// </summary>
    float ComputeLossAndGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>Inference forward pass and mean loss over the batch; gradients are untouched.</summary>
    float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>A Keras-style table of layers, output shapes and parameter counts.</summary>
    string Summary();
}
