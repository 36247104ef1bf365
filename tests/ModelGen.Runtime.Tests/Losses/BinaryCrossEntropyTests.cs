using ModelGen.Kernels;
using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Losses.Tests;

/// <summary>Both forms of binary cross-entropy, with soft targets (label smoothing) as well as hard ones.</summary>
public sealed class BinaryCrossEntropyTests
{
    // Two blocks of the 16-logit vector path and a scalar tail.
    private const int Length = 37;

    public static TheoryData<bool> TargetKinds => [true, false];

    [Theory]
    [MemberData(nameof(TargetKinds))]
    public void FromLogits_value_and_gradient_match_double_reference(bool softTargets)
    {
        var random = new Random(1);
        float[] logits = RandomFloats.Uniform(random, Length, -3, 3);
        float[] targets = Targets(random, softTargets);

        LossCheck.ValueAndGradient(
            (values, gradient) => BinaryCrossEntropy.FromLogits(values, targets, gradient),
            z => LossReference.BinaryCrossEntropyFromLogits(z, CentralDifference.Widen(targets)),
            logits,
            $"BCE from logits, soft targets {softTargets}");
    }

    [Theory]
    [MemberData(nameof(TargetKinds))]
    public void FromProbabilities_value_and_gradient_match_double_reference(bool softTargets)
    {
        var random = new Random(2);
        float[] probabilities = RandomFloats.Uniform(random, Length, 0.05, 0.95);
        float[] targets = Targets(random, softTargets);

        LossCheck.ValueAndGradient(
            (values, gradient) => BinaryCrossEntropy.FromProbabilities(values, targets, gradient),
            p => LossReference.BinaryCrossEntropyFromProbabilities(p, CentralDifference.Widen(targets)),
            probabilities,
            $"BCE from probabilities, soft targets {softTargets}");
    }

    /// <summary>
    /// The fused and unfused paths of a sigmoid output layer must agree. The sigmoid is the runtime's
    /// float kernel, so they differ by its rounding carried through log and through the gradient's
    /// division by p (1 - p): 1e-6 absolute plus 1e-4 relative on the gradient.
    /// </summary>
    [Theory]
    [MemberData(nameof(TargetKinds))]
    public void FromLogits_agrees_with_FromProbabilities_of_the_sigmoid(bool softTargets)
    {
        var random = new Random(3);
        float[] logits = RandomFloats.Uniform(random, Length, -3, 3);
        float[] targets = Targets(random, softTargets);
        float[] probabilities = new float[Length];
        ActivationKernels.Sigmoid(logits, probabilities);
        float[] dLogits = new float[Length], dProbabilities = new float[Length], chained = new float[Length];

        float fromLogits = BinaryCrossEntropy.FromLogits(logits, targets, dLogits);
        float fromProbabilities = BinaryCrossEntropy.FromProbabilities(probabilities, targets, dProbabilities);
        ActivationKernels.SigmoidBackward(probabilities, dProbabilities, chained);

        NumericAssert.RelativelyClose(fromLogits, fromProbabilities, 1e-5, "loss");
        NumericAssert.Close(Array.ConvertAll(dLogits, x => (double)x), chained, 1e-6, 1e-4, "dLogits against sigmoid backward of dProbabilities");
    }

    [Fact]
    public void FromLogits_stays_finite_and_exact_at_extreme_logits()
    {
        // Three times over: 16 in the vector path, the last 2 in the scalar tail.
        float[] logits = [.. Enumerable.Repeat<float[]>([80f, -80f, 80f, -80f, 0.5f, -0.5f], 3).SelectMany(x => x)];
        float[] targets = [.. Enumerable.Repeat<float[]>([1f, 0f, 0f, 1f, 0.5f, 1f], 3).SelectMany(x => x)];
        LossKernel loss = (values, gradient) => BinaryCrossEntropy.FromLogits(values, targets, gradient);

        LossCheck.AllFinite(loss, logits, "BCE at ±80");
        LossCheck.ValueAndGradient(loss, z => LossReference.BinaryCrossEntropyFromLogits(z, CentralDifference.Widen(targets)), logits, "BCE at ±80");
    }

    [Fact]
    public void FromProbabilities_clips_zero_and_one_to_a_finite_loss() =>
        LossCheck.AllFinite(
            (values, gradient) => BinaryCrossEntropy.FromProbabilities(values, [1f, 0f, 0f, 1f], gradient),
            [0f, 1f, 0f, 1f],
            "BCE of certain probabilities");

    private static float[] Targets(Random random, bool soft) =>
        soft ? RandomFloats.Uniform(random, Length, 0, 1) : RandomFloats.Labels(random, Length, 2);
}
