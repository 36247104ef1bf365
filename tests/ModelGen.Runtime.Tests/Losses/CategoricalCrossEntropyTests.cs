using ModelGen.Kernels;
using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Losses.Tests;

/// <summary>Both forms of categorical cross-entropy, with one-hot and with smoothed target rows.</summary>
public sealed class CategoricalCrossEntropyTests
{
    private const int Batch = 3;

    public static TheoryData<int, bool> ClassesAndTargetKinds => new()
    {
        { 2, false }, { 5, false }, { 13, false },
        { 2, true }, { 5, true }, { 13, true },
    };

    [Theory]
    [MemberData(nameof(ClassesAndTargetKinds))]
    public void FromLogits_value_and_gradient_match_double_reference(int classes, bool softTargets)
    {
        var random = new Random(classes);
        float[] logits = RandomFloats.Uniform(random, Batch * classes, -3, 3);
        float[] targets = Targets(random, classes, softTargets);

        LossCheck.ValueAndGradient(
            (values, gradient) => CategoricalCrossEntropy.FromLogits(values, targets, gradient, classes),
            z => LossReference.CategoricalCrossEntropyFromLogits(z, CentralDifference.Widen(targets), classes),
            logits,
            $"CCE from logits, {classes} classes, soft targets {softTargets}");
    }

    [Theory]
    [MemberData(nameof(ClassesAndTargetKinds))]
    public void FromProbabilities_value_and_gradient_match_double_reference(int classes, bool softTargets)
    {
        var random = new Random(classes);
        float[] probabilities = RandomFloats.Distributions(random, Batch, classes);
        float[] targets = Targets(random, classes, softTargets);

        LossCheck.ValueAndGradient(
            (values, gradient) => CategoricalCrossEntropy.FromProbabilities(values, targets, gradient, classes),
            p => LossReference.CategoricalCrossEntropyFromProbabilities(p, CentralDifference.Widen(targets), classes),
            probabilities,
            $"CCE from probabilities, {classes} classes, soft targets {softTargets}");
    }

    /// <summary>
    /// The fused and unfused paths of a softmax output layer must agree; they differ by the float
    /// softmax kernel's rounding, so 1e-5 relative on the loss and 1e-6 absolute plus 1e-4 relative
    /// on the gradient.
    /// </summary>
    [Theory]
    [MemberData(nameof(ClassesAndTargetKinds))]
    public void FromLogits_agrees_with_FromProbabilities_of_the_softmax(int classes, bool softTargets)
    {
        var random = new Random(classes + 100);
        float[] logits = RandomFloats.Uniform(random, Batch * classes, -3, 3);
        float[] targets = Targets(random, classes, softTargets);
        float[] probabilities = new float[logits.Length];
        ActivationKernels.Softmax(logits, probabilities, classes);
        float[] dLogits = new float[logits.Length], dProbabilities = new float[logits.Length], chained = new float[logits.Length];

        float fromLogits = CategoricalCrossEntropy.FromLogits(logits, targets, dLogits, classes);
        float fromProbabilities = CategoricalCrossEntropy.FromProbabilities(probabilities, targets, dProbabilities, classes);
        ActivationKernels.SoftmaxBackward(probabilities, dProbabilities, chained, classes);

        NumericAssert.RelativelyClose(fromLogits, fromProbabilities, 1e-5, "loss");
        NumericAssert.Close(Array.ConvertAll(dLogits, x => (double)x), chained, 1e-6, 1e-4, "dLogits against softmax backward of dProbabilities");
    }

    [Fact]
    public void FromLogits_stays_finite_and_exact_at_extreme_logits()
    {
        const int Classes = 3;
        float[] logits = [80f, -80f, 0f, -80f, 80f, 80f];
        float[] targets = [0f, 1f, 0f, 1f, 0f, 0f];
        LossKernel loss = (values, gradient) => CategoricalCrossEntropy.FromLogits(values, targets, gradient, Classes);

        LossCheck.AllFinite(loss, logits, "CCE at ±80");
        LossCheck.ValueAndGradient(loss, z => LossReference.CategoricalCrossEntropyFromLogits(z, CentralDifference.Widen(targets), Classes), logits, "CCE at ±80");
    }

    [Fact]
    public void FromProbabilities_clips_zero_to_a_finite_loss() =>
        LossCheck.AllFinite(
            (values, gradient) => CategoricalCrossEntropy.FromProbabilities(values, [1f, 0f, 0f, 1f], gradient, 2),
            [0f, 1f, 1f, 0f],
            "CCE of certain probabilities");

    private static float[] Targets(Random random, int classes, bool soft) =>
        soft ? RandomFloats.Distributions(random, Batch, classes) : RandomFloats.OneHot(RandomFloats.Labels(random, Batch, classes), classes);
}
