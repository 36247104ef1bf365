using ModelGen.Generator.Tests.Models;

namespace ModelGen.Generator.Tests.Gradients;

/// <summary>
/// Finite-difference checks of whole generated CNNs in training mode: parameter gradients of the
/// loss, and input gradients of <c>Backward</c>. Each layer's kernels are checked in float64 against
/// direct-loop references in the runtime tests; these check the wiring the generator emits (buffers,
/// workspaces, the training flag, accumulation, state after the parameters).
/// </summary>
/// <remarks>
/// The generated code is float32, so the differences are taken in float32 with h = 1e-3, and every
/// evaluation starts from a fresh model with the same seed so that dropout draws the same mask.
/// Noise in a float loss is ~1e-6, giving ~5e-4 in a difference quotient; smooth activations keep
/// the truncation error near h² ~ 1e-6. A wiring error gives errors of the gradient's own size.
/// </remarks>
public sealed class CnnGradientTests
{
    private const int Batch = 4, Seed = 5; // Batch as DenseGradientTests.Targets makes them
    private const float Step = 1e-3f;

    public static TheoryData<string> Models => new(Cases.Keys);

    // HasKinks: max pooling switches its argmax when a perturbation reorders a window, so a central
    // difference straddling the switch mixes two slopes; there, the side that keeps the argmax must
    // agree (probed: at h = 3e-4 central, forward and backward all give the analytic -0.1089).
    private static readonly Dictionary<string, (Func<ITrainableModel> Create, bool HasKinks)> Cases = new()
    {
        ["stride2-same-7x7x3-5-filters-avgpool"] = (() => new StridedSameCnn(Seed), false),
        ["dilation2-overlapping-maxpool-global-average"] = (() => new DilatedMaxPoolCnn(Seed), true),
        ["relu-into-maxpool-and-leaky-relu-into-overlapping-maxpool"] = (() => new ReluMaxPoolCnn(Seed), true),
        ["batchnorm-training-dropout-1x1-conv"] = (() => new BatchNormDropoutCnn(Seed), false),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Parameter_gradients_of_the_training_loss_match_finite_differences(string name)
    {
        var (create, hasKinks) = Cases[name];
        ITrainableModel model = create();
        var random = new Random(21);
        float[] inputs = DenseGradientTests.RandomValues(random, Batch * model.InputLength);
        float[] targets = DenseGradientTests.Targets(model, random);
        float[] parameters = model.Parameters.ToArray();

        model.ComputeLossAndGradients(inputs, targets);
        float[] analytic = model.Gradients.ToArray();

        float Loss()
        {
            ITrainableModel fresh = create();
            parameters.CopyTo(fresh.Parameters);
            return fresh.ComputeLossAndGradients(inputs, targets);
        }
        for (int j = 0; j < parameters.Length; j++)
            AssertClose(Differences(parameters, j, Loss), analytic[j], hasKinks, $"{name}: d loss / d parameter {j}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Backward_after_a_training_pass_gives_input_gradients(string name)
    {
        var (create, hasKinks) = Cases[name];
        ITrainableModel model = create();
        var random = new Random(22);
        float[] inputs = DenseGradientTests.RandomValues(random, Batch * model.InputLength);
        float[] targets = DenseGradientTests.Targets(model, random);
        float[] upstream = DenseGradientTests.RandomValues(random, Batch * model.OutputLength);
        var inputGradient = new float[inputs.Length];

        model.ComputeLossAndGradients(inputs, targets);
        model.Backward(upstream, inputGradient);

        // L = sum(upstream * outputs of the same training pass).
        float Objective()
        {
            ITrainableModel fresh = create();
            fresh.ComputeLossAndGradients(inputs, targets);
            ReadOnlySpan<float> outputs = fresh.LastOutputs;
            double sum = 0;
            for (int i = 0; i < outputs.Length; i++) sum += outputs[i] * (double)upstream[i];
            return (float)sum;
        }
        for (int i = 0; i < inputs.Length; i++)
            AssertClose(Differences(inputs, i, Objective), inputGradient[i], hasKinks, $"{name}: d L / d input {i}");
    }

    [Fact]
    public void Backward_after_an_inference_pass_treats_batch_norm_and_dropout_as_fixed_maps()
    {
        var model = new BatchNormDropoutCnn(Seed);
        var random = new Random(23);
        float[] inputs = DenseGradientTests.RandomValues(random, Batch * BatchNormDropoutCnn.InputLength);
        // Train a little so the moving statistics are not the initial 0 and 1.
        for (int step = 0; step < 5; step++) model.ComputeLossAndGradients(inputs, DenseGradientTests.Targets(model, random));
        float[] upstream = DenseGradientTests.RandomValues(random, Batch * BatchNormDropoutCnn.OutputLength);
        var outputs = new float[upstream.Length];
        var inputGradient = new float[inputs.Length];

        model.Forward(inputs, outputs);
        model.Backward(upstream, inputGradient);

        float Objective()
        {
            var copy = new BatchNormDropoutCnn(Seed);
            model.Weights.CopyTo(copy.Weights);
            var y = new float[upstream.Length];
            copy.Forward(inputs, y);
            double sum = 0;
            for (int i = 0; i < y.Length; i++) sum += y[i] * (double)upstream[i];
            return (float)sum;
        }
        for (int i = 0; i < inputs.Length; i++)
            AssertClose(Differences(inputs, i, Objective), inputGradient[i], hasKinks: false, $"inference d L / d input {i}");
    }

    /// <summary>Central, forward and backward difference quotients of <paramref name="objective"/> at one coordinate.</summary>
    private static (double Central, double Forward, double Backward) Differences(float[] values, int index, Func<float> objective)
    {
        float original = values[index];
        double center = objective();
        values[index] = original + Step;
        double plus = objective();
        values[index] = original - Step;
        double minus = objective();
        values[index] = original;
        return ((plus - minus) / (2.0 * Step), (plus - center) / Step, (center - minus) / Step);
    }

    private static void AssertClose((double Central, double Forward, double Backward) numeric, double analytic, bool hasKinks, string what)
    {
        // The loss is float32: its rounding shows as disagreement between the two one-sided quotients
        // (in a smooth map they differ by only Step * f''), and half of it bounds the noise in the central one.
        double noise = hasKinks ? 0 : 0.5 * Math.Abs(numeric.Forward - numeric.Backward);
        double tolerance = 5e-4 + 2e-2 * Math.Abs(numeric.Central) + noise;
        double error = Math.Abs(numeric.Central - analytic);
        if (hasKinks) error = Math.Min(error, Math.Min(Math.Abs(numeric.Forward - analytic), Math.Abs(numeric.Backward - analytic)));
        Assert.True(error <= tolerance, $"{what}: analytic {analytic:R}, numeric {numeric}, tolerance {tolerance:R}");
    }
}
