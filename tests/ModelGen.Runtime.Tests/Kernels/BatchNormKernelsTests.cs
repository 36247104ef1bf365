using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Kernels.Tests;

/// <summary>
/// <see cref="BatchNormKernels"/> against <see cref="DirectBatchNorm"/> in double (forwards directly,
/// backward by central differences through the batch statistics) and against its scalar twins.
/// </summary>
/// <remarks>
/// Inputs are <c>3 + 2u</c> for u uniform in [-1, 1], so the mean must really be subtracted, and
/// gamma is in [0.5, 1.5]. Outputs and gradients are then of order 1 and carry float rounding of a
/// few 1e-7 per operation over sums of up to 60 rows: 2e-5 absolute plus 1e-4 relative. The 3-row
/// case is the hardest: some of its 300 channels hold three nearly equal values, whose inverse
/// standard deviation (~30) magnifies the rounding of <c>x - mean</c>; it uses about a third of the
/// tolerance, the other cases under 5%. The central difference of this smooth function is good to
/// ~1e-9. A wrong sign or a missing term of the input gradient (the mean(dy) or x̂·mean(dy·x̂)
/// correction) misses by order 0.1.
/// </remarks>
public sealed class BatchNormKernelsTests
{
    private const double AbsoluteTolerance = 2e-5, RelativeTolerance = 1e-4;
    private const float Epsilon = 1e-3f, Momentum = 0.99f;

    /// <summary>(rows, channels): an NHWC image batch (3 x 4 x 5, 7 channels), a vector batch, and channels across the 256-channel block.</summary>
    public static TheoryData<int, int> Shapes => new() { { 60, 7 }, { 8, 5 }, { 3, 300 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Training_forward_and_backward_match_the_definition(int rows, int channels)
    {
        var (input, gamma, beta, weights) = Sample(rows, channels);
        float[] output = new float[input.Length], savedMean = new float[channels], savedInverseStd = new float[channels];
        float[] movingMean = new float[channels], movingVariance = RandomFloats.Filled(channels, 1f);
        float[] dGamma = new float[channels], dBeta = new float[channels], dInput = RandomFloats.Filled(input.Length, float.NaN);

        BatchNormKernels.TrainingForward(input, gamma, beta, output, movingMean, movingVariance, savedMean, savedInverseStd, rows, channels, Epsilon, Momentum);
        BatchNormKernels.Backward(input, gamma, weights, savedMean, savedInverseStd, dGamma, dBeta, dInput, rows, channels);

        double[] x = FloatArrays.Widen(input), g = FloatArrays.Widen(gamma), b = FloatArrays.Widen(beta);
        double Loss(double[] x, double[] g, double[] b) => FloatArrays.WeightedSum(DirectBatchNorm.Training(x, g, b, rows, channels, Epsilon), weights);
        NumericAssert.Close(DirectBatchNorm.Training(x, g, b, rows, channels, Epsilon), output, AbsoluteTolerance, RelativeTolerance, "output");
        NumericAssert.Close(CentralDifference.Gradient(x => Loss(x, g, b), input), dInput, AbsoluteTolerance, RelativeTolerance, "dInput");
        NumericAssert.Close(CentralDifference.Gradient(g => Loss(x, g, b), gamma), dGamma, AbsoluteTolerance, RelativeTolerance, "dGamma");
        NumericAssert.Close(CentralDifference.Gradient(b => Loss(x, g, b), beta), dBeta, AbsoluteTolerance, RelativeTolerance, "dBeta");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Training_saves_the_batch_statistics_and_moves_the_averages_by_Keras_rule(int rows, int channels)
    {
        var (input, gamma, beta, _) = Sample(rows, channels);
        var random = new Random(rows);
        float[] movingMean = RandomFloats.Uniform(random, channels), movingVariance = RandomFloats.Uniform(random, channels, 0.5, 2);
        float[] oldMean = (float[])movingMean.Clone(), oldVariance = (float[])movingVariance.Clone();
        float[] savedMean = new float[channels], savedInverseStd = new float[channels];

        BatchNormKernels.TrainingForward(input, gamma, beta, new float[input.Length], movingMean, movingVariance, savedMean, savedInverseStd,
            rows, channels, Epsilon, Momentum);

        double[] x = FloatArrays.Widen(input);
        var moments = Enumerable.Range(0, channels).Select(c => DirectBatchNorm.Moments(x, rows, channels, c)).ToArray();
        NumericAssert.Close(moments.Select(m => m.Mean).ToArray(), savedMean, AbsoluteTolerance, RelativeTolerance, "saved mean");
        NumericAssert.Close(moments.Select(m => 1 / Math.Sqrt(m.Variance + Epsilon)).ToArray(), savedInverseStd, AbsoluteTolerance, RelativeTolerance, "saved inverse std");
        NumericAssert.Close(moments.Select((m, c) => oldMean[c] * (double)Momentum + m.Mean * (1 - (double)Momentum)).ToArray(),
            movingMean, 1e-6, 1e-6, "moving mean");
        NumericAssert.Close(moments.Select((m, c) => oldVariance[c] * (double)Momentum + m.Variance * (1 - (double)Momentum)).ToArray(),
            movingVariance, 1e-6, 1e-6, "moving variance");
    }

    /// <summary>Values 1 and 3: biased variance 1 (Keras), unbiased 2 (PyTorch's running_var would move to 1.5).</summary>
    [Fact]
    public void The_moving_variance_moves_towards_the_biased_batch_variance()
    {
        float[] movingMean = [0f], movingVariance = [1f];

        BatchNormKernels.TrainingForward([1f, 3f], [1f], [0f], new float[2], movingMean, movingVariance, new float[1], new float[1], 2, 1, Epsilon, 0.5f);

        Assert.Equal(1f, movingMean[0]);
        Assert.Equal(1f, movingVariance[0]);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Inference_forward_matches_the_definition_and_its_twin(int rows, int channels)
    {
        var (input, gamma, beta, _) = Sample(rows, channels);
        var random = new Random(rows);
        float[] movingMean = RandomFloats.Uniform(random, channels, 2, 4), movingVariance = RandomFloats.Uniform(random, channels, 0.5, 2);
        float[] output = RandomFloats.Filled(input.Length, float.NaN), twin = new float[input.Length];

        BatchNormKernels.InferenceForward(input, gamma, beta, movingMean, movingVariance, output, rows, channels, Epsilon);
        BatchNormKernels.InferenceForwardReference(input, gamma, beta, movingMean, movingVariance, twin, rows, channels, Epsilon);

        double[] expected = DirectBatchNorm.Inference(FloatArrays.Widen(input), FloatArrays.Widen(gamma), FloatArrays.Widen(beta), movingMean, movingVariance, channels, Epsilon);
        NumericAssert.Close(expected, output, AbsoluteTolerance, RelativeTolerance, "inference output");
        NumericAssert.Close(FloatArrays.Widen(twin), output, AbsoluteTolerance, RelativeTolerance, "inference twin");
    }

    /// <summary>dGamma and dBeta start non-zero and must end as start + gradient; dInput may share dOutput's buffer.</summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void Training_matches_its_twins_accumulates_and_runs_in_place(int rows, int channels)
    {
        var (input, gamma, beta, dOutput) = Sample(rows, channels);
        var kernel = new BatchNormRun(rows, channels);
        var twin = new BatchNormRun(rows, channels);

        BatchNormKernels.TrainingForward(input, gamma, beta, kernel.Output, kernel.MovingMean, kernel.MovingVariance, kernel.SavedMean, kernel.SavedInverseStd, rows, channels, Epsilon, Momentum);
        float[] dInPlace = (float[])dOutput.Clone();
        BatchNormKernels.Backward(input, gamma, dInPlace, kernel.SavedMean, kernel.SavedInverseStd, kernel.DGamma, kernel.DBeta, dInPlace, rows, channels);
        BatchNormKernels.TrainingForwardReference(input, gamma, beta, twin.Output, twin.MovingMean, twin.MovingVariance, twin.SavedMean, twin.SavedInverseStd, rows, channels, Epsilon, Momentum);
        float[] dInput = new float[input.Length];
        BatchNormKernels.BackwardReference(input, gamma, dOutput, twin.SavedMean, twin.SavedInverseStd, twin.DGamma, twin.DBeta, dInput, rows, channels);

        NumericAssert.Close(FloatArrays.Widen(twin.Output), kernel.Output, AbsoluteTolerance, RelativeTolerance, "output");
        NumericAssert.Close(FloatArrays.Widen(twin.MovingMean), kernel.MovingMean, 1e-6, 1e-6, "moving mean");
        NumericAssert.Close(FloatArrays.Widen(twin.MovingVariance), kernel.MovingVariance, 1e-6, 1e-5, "moving variance");
        NumericAssert.Close(FloatArrays.Widen(twin.DGamma), kernel.DGamma, AbsoluteTolerance, RelativeTolerance, "dGamma");
        NumericAssert.Close(FloatArrays.Widen(twin.DBeta), kernel.DBeta, AbsoluteTolerance, RelativeTolerance, "dBeta");
        NumericAssert.Close(FloatArrays.Widen(dInput), dInPlace, AbsoluteTolerance, RelativeTolerance, "dInput in place");
    }

    /// <summary>The buffers of one training step, with dGamma and dBeta starting at the same non-zero values for kernel and twin.</summary>
    private sealed class BatchNormRun(int rows, int channels)
    {
        public float[] Output { get; } = new float[rows * channels];
        public float[] MovingMean { get; } = RandomFloats.Filled(channels, 0.5f);
        public float[] MovingVariance { get; } = RandomFloats.Filled(channels, 2f);
        public float[] SavedMean { get; } = new float[channels];
        public float[] SavedInverseStd { get; } = new float[channels];
        public float[] DGamma { get; } = RandomFloats.Uniform(new Random(channels), channels);
        public float[] DBeta { get; } = RandomFloats.Uniform(new Random(-channels), channels);
    }

    private static (float[] Input, float[] Gamma, float[] Beta, float[] Weights) Sample(int rows, int channels)
    {
        var random = new Random(rows * 1000 + channels);
        return (RandomFloats.Uniform(random, rows * channels, 1, 5),
            RandomFloats.Uniform(random, channels, 0.5, 1.5),
            RandomFloats.Uniform(random, channels),
            RandomFloats.Uniform(random, rows * channels));
    }
}
