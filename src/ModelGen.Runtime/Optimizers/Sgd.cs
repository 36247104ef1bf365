namespace ModelGen.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum, in PyTorch's form:
/// <c>b = momentum * b + g; p -= lr * b</c>, or with Nesterov <c>p -= lr * (g + momentum * b)</c>.
/// </summary>
/// <remarks>
/// PyTorch's form accumulates raw gradients in <c>b</c> and scales by the learning rate at the
/// end, so changing the learning rate mid-training takes effect at once (Keras scales first).
/// </remarks>
/// <example><c>var optimizer = new Sgd(learningRate: 0.1f, momentum: 0.9f, nesterov: true);</c></example>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Step size.</param>
    /// <param name="momentum">Decay of the velocity buffer, in [0, 1); 0 keeps no buffer.</param>
    /// <param name="nesterov">Whether to look ahead along the velocity; needs a momentum above 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter lies outside its range.</exception>
    /// <exception cref="ArgumentException"><paramref name="nesterov"/> is set without momentum.</exception>
    public Sgd(float learningRate = 0.01f, float momentum = 0f, bool nesterov = false)
        : base(learningRate)
    {
        OptimizerArguments.RequireDecayRate(momentum);
        if (nesterov && momentum == 0f)
        {
            throw new ArgumentException("Nesterov momentum needs a momentum above 0.", nameof(nesterov));
        }

        Momentum = momentum;
        Nesterov = nesterov;
    }

    /// <summary>Decay of the velocity buffer.</summary>
    public float Momentum { get; }

    /// <summary>Whether the update looks ahead along the velocity.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    protected override int StateBuffersPerParameter => Momentum == 0f ? 0 : 1;

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state) =>
        UpdateRange(parameters, gradients, state, 0, parameters.Length);

    private protected override void UpdateRange(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, int start, int stride) =>
        SgdKernel.Update(parameters, gradients, Momentum == 0f ? default : StateBuffer(state, 0, start, parameters.Length, stride),
            new SgdCoefficients(LearningRate, Momentum, Nesterov));
}
