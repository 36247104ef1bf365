namespace ModelGen.Optimizers;

/// <summary>
/// RMSprop in Keras's form: <c>v = rho * v + (1 - rho) * g²</c>, then
/// <c>p -= lr * g / (sqrt(v) + epsilon)</c>; with momentum the step goes through
/// <c>m = momentum * m + lr * g / (sqrt(v) + epsilon)</c> and <c>p -= m</c>.
/// </summary>
/// <example><c>var optimizer = new RmsProp(learningRate: 0.001f, rho: 0.9f);</c></example>
public sealed class RmsProp : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Step size.</param>
    /// <param name="rho">Decay of the mean square of gradients, in [0, 1).</param>
    /// <param name="epsilon">Added to the root mean square so that the division stays finite.</param>
    /// <param name="momentum">Decay of the step buffer, in [0, 1); 0 keeps no buffer.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter lies outside its range.</exception>
    public RmsProp(float learningRate = 0.001f, float rho = 0.9f, float epsilon = 1e-7f, float momentum = 0f)
        : base(learningRate)
    {
        OptimizerArguments.RequireDecayRate(rho);
        OptimizerArguments.RequireNonNegative(epsilon);
        OptimizerArguments.RequireDecayRate(momentum);
        Rho = rho;
        Epsilon = epsilon;
        Momentum = momentum;
    }

    /// <summary>Decay of the mean square of gradients.</summary>
    public float Rho { get; }

    /// <summary>Added to the root mean square so that the division stays finite.</summary>
    public float Epsilon { get; }

    /// <summary>Decay of the step buffer.</summary>
    public float Momentum { get; }

    /// <inheritdoc/>
    protected override int StateBuffersPerParameter => Momentum == 0f ? 1 : 2;

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state) =>
        UpdateRange(parameters, gradients, state, 0, parameters.Length);

    private protected override void UpdateRange(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, int start, int stride)
    {
        int count = parameters.Length;
        RmsPropKernel.Update(
            parameters, gradients, StateBuffer(state, 0, start, count, stride),
            Momentum == 0f ? default : StateBuffer(state, 1, start, count, stride),
            new RmsPropCoefficients(LearningRate, Rho, Epsilon, Momentum));
    }
}
