using ModelGen.Kernels;
using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Losses.Tests;

public sealed class SparseCategoricalCrossEntropyTests
{
    private const int Batch = 3;

    public static TheoryData<int> Classes => [2, 5, 13];

    [Theory]
    [MemberData(nameof(Classes))]
    public void FromLogits_value_and_gradient_match_double_reference(int classes)
    {
        var random = new Random(classes);
        float[] logits = RandomFloats.Uniform(random, Batch * classes, -3, 3);
        float[] labels = RandomFloats.Labels(random, Batch, classes);

        LossCheck.ValueAndGradient(
            (values, gradient) => SparseCategoricalCrossEntropy.FromLogits(values, labels, gradient, classes),
            z => LossReference.SparseCategoricalCrossEntropyFromLogits(z, labels, classes),
            logits,
            $"Sparse CCE from logits, {classes} classes");
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void FromProbabilities_value_and_gradient_match_double_reference(int classes)
    {
        var random = new Random(classes);
        float[] probabilities = RandomFloats.Distributions(random, Batch, classes);
        float[] labels = RandomFloats.Labels(random, Batch, classes);

        LossCheck.ValueAndGradient(
            (values, gradient) => SparseCategoricalCrossEntropy.FromProbabilities(values, labels, gradient, classes),
            p => LossReference.SparseCategoricalCrossEntropyFromProbabilities(p, labels, classes),
            probabilities,
            $"Sparse CCE from probabilities, {classes} classes");
    }

    /// <summary>Tolerance as in <see cref="CategoricalCrossEntropyTests"/>: the float softmax kernel's rounding.</summary>
    [Theory]
    [MemberData(nameof(Classes))]
    public void FromLogits_agrees_with_FromProbabilities_of_the_softmax(int classes)
    {
        var random = new Random(classes + 100);
        float[] logits = RandomFloats.Uniform(random, Batch * classes, -3, 3);
        float[] labels = RandomFloats.Labels(random, Batch, classes);
        float[] probabilities = new float[logits.Length];
        ActivationKernels.Softmax(logits, probabilities, classes);

        float fromLogits = SparseCategoricalCrossEntropy.FromLogits(logits, labels, Span<float>.Empty, classes);
        float fromProbabilities = SparseCategoricalCrossEntropy.FromProbabilities(probabilities, labels, Span<float>.Empty, classes);

        NumericAssert.RelativelyClose(fromLogits, fromProbabilities, 1e-5, "loss");
    }

    /// <summary>Integer labels are shorthand for one-hot rows, so both losses must agree on value and gradient.</summary>
    [Theory]
    [MemberData(nameof(Classes))]
    public void Agrees_with_categorical_cross_entropy_of_one_hot_rows(int classes)
    {
        var random = new Random(classes + 200);
        float[] logits = RandomFloats.Uniform(random, Batch * classes, -3, 3);
        float[] labels = RandomFloats.Labels(random, Batch, classes);
        float[] sparseGradient = new float[logits.Length], denseGradient = new float[logits.Length];

        float sparse = SparseCategoricalCrossEntropy.FromLogits(logits, labels, sparseGradient, classes);
        float dense = CategoricalCrossEntropy.FromLogits(logits, RandomFloats.OneHot(labels, classes), denseGradient, classes);

        NumericAssert.RelativelyClose(dense, sparse, 1e-6, "loss");
        NumericAssert.Close(Array.ConvertAll(denseGradient, x => (double)x), sparseGradient, 1e-7, 1e-6, "gradient");
    }

    [Fact]
    public void FromLogits_stays_finite_and_exact_at_extreme_logits()
    {
        const int Classes = 3;
        float[] logits = [80f, -80f, 0f, -80f, 80f, 80f];
        float[] labels = [1f, 0f];
        LossKernel loss = (values, gradient) => SparseCategoricalCrossEntropy.FromLogits(values, labels, gradient, Classes);

        LossCheck.AllFinite(loss, logits, "Sparse CCE at ±80");
        LossCheck.ValueAndGradient(loss, z => LossReference.SparseCategoricalCrossEntropyFromLogits(z, labels, Classes), logits, "Sparse CCE at ±80");
    }

    [Fact]
    public void FromProbabilities_clips_zero_to_a_finite_loss() =>
        LossCheck.AllFinite(
            (values, gradient) => SparseCategoricalCrossEntropy.FromProbabilities(values, [0f, 1f], gradient, 2),
            [0f, 1f, 1f, 0f],
            "Sparse CCE of certain probabilities");

    public static TheoryData<float, bool> InvalidLabels
    {
        get
        {
            var data = new TheoryData<float, bool>();
            foreach (float label in new[] { -1f, 5f, 6f, 2.5f, -0.5f, float.NaN, float.PositiveInfinity, 1e10f })
            {
                data.Add(label, true);
                data.Add(label, false);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(InvalidLabels))]
    public void Labels_outside_the_classes_or_not_integers_are_refused(float label, bool fromLogits)
    {
        const int Classes = 5;
        float[] values = RandomFloats.Distributions(new Random(4), 2, Classes);
        float[] labels = [1f, label];

        Assert.Throws<ArgumentOutOfRangeException>(() => fromLogits
            ? SparseCategoricalCrossEntropy.FromLogits(values, labels, new float[values.Length], Classes)
            : SparseCategoricalCrossEntropy.FromProbabilities(values, labels, new float[values.Length], Classes));
    }
}
