namespace ModelGen.Optimizers;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov and Hutter): each step first shrinks the
/// parameters, <c>p -= lr * weightDecay * p</c>, then applies the <see cref="Adam"/> update.
/// </summary>
/// <remarks>
/// The decay does not pass through the moment estimates, unlike an L2 penalty in the loss, so
/// every weight decays at the same rate however large its gradients. The order matches PyTorch.
/// </remarks>
/// <example><c>var optimizer = new AdamW(learningRate: 0.001f, weightDecay: 0.01f);</c></example>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Step size.</param>
    /// <param name="beta1">Decay of the first-moment estimate, in [0, 1).</param>
    /// <param name="beta2">Decay of the second-moment estimate, in [0, 1).</param>
    /// <param name="epsilon">Added to <c>sqrt(v̂)</c> so that the division stays finite.</param>
    /// <param name="weightDecay">Fraction of each parameter removed per unit of learning rate (Keras's default).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter lies outside its range.</exception>
    public AdamW(
        float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f,
        float weightDecay = 0.004f)
        : base(learningRate, beta1, beta2, epsilon)
    {
        OptimizerArguments.RequireNonNegative(weightDecay);
        WeightDecay = weightDecay;
    }

    /// <summary>Fraction of each parameter removed per unit of learning rate.</summary>
    public float WeightDecay { get; }

    private protected override float DecoupledWeightDecay => WeightDecay;
}
