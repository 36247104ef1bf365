namespace ModelGen.Optimizers;

/// <summary>
/// Adam (Kingma and Ba, Algorithm 1): <c>m = β1 m + (1 - β1) g</c>; <c>v = β2 v + (1 - β2) g²</c>;
/// <c>p -= lr * m̂ / (sqrt(v̂) + ε)</c> with the bias-corrected <c>m̂ = m / (1 - β1^t)</c> and
/// <c>v̂ = v / (1 - β2^t)</c>.
/// </summary>
/// <example><c>var optimizer = new Adam(learningRate: 0.001f);</c></example>
public class Adam : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Step size.</param>
    /// <param name="beta1">Decay of the first-moment estimate, in [0, 1).</param>
    /// <param name="beta2">Decay of the second-moment estimate, in [0, 1).</param>
    /// <param name="epsilon">Added to <c>sqrt(v̂)</c> so that the division stays finite (Keras's default).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter lies outside its range.</exception>
    public Adam(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        OptimizerArguments.RequireDecayRate(beta1);
        OptimizerArguments.RequireDecayRate(beta2);
        OptimizerArguments.RequireNonNegative(epsilon);
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>Decay of the first-moment estimate.</summary>
    public float Beta1 { get; }

    /// <summary>Decay of the second-moment estimate.</summary>
    public float Beta2 { get; }

    /// <summary>Added to <c>sqrt(v̂)</c> so that the division stays finite.</summary>
    public float Epsilon { get; }

    /// <inheritdoc/>
    protected sealed override int StateBuffersPerParameter => 2;

    /// <summary>Decoupled weight decay applied before each step; 0 for plain Adam.</summary>
    private protected virtual float DecoupledWeightDecay => 0f;

    /// <inheritdoc/>
    protected sealed override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state) =>
        UpdateRange(parameters, gradients, state, 0, parameters.Length);

    private protected sealed override void UpdateRange(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, int start, int stride)
    {
        int count = parameters.Length;
        AdamCoefficients coefficients = AdamCoefficients.ForStep(
            LearningRate, Beta1, Beta2, Epsilon, Iterations, DecoupledWeightDecay);
        AdamKernel.Update(parameters, gradients, StateBuffer(state, 0, start, count, stride), StateBuffer(state, 1, start, count, stride), coefficients);
    }
}
