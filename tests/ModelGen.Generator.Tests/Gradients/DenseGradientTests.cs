using ModelGen.Generator.Tests.Models;

namespace ModelGen.Generator.Tests.Gradients;

/// <summary>
/// Finite-difference checks of generated backward passes against <see cref="ReferenceMlp"/>, for
/// parameter gradients (through the fused and unfused losses) and input gradients (through
/// <c>Backward</c>), on odd sizes that leave tails in every vector path.
/// </summary>
/// <remarks>
/// Tolerance: |analytic - numeric| &lt;= 2e-5 + 2e-3 |numeric|. The analytic side is float32
/// (relative error ~1e-6 per operation, accumulated over 37-term sums); the numeric side is
/// central differences in double with h = 1e-6 (truncation ~1e-12, rounding ~1e-10), so any
/// real error in a derivative formula is orders of magnitude above the bound.
/// </remarks>
public sealed class DenseGradientTests
{
    private const int Batch = 4;
    private const double Step = 1e-6;

    public static TheoryData<string> Models => new(Cases.Keys);

    private static readonly Dictionary<string, (Func<ITrainableModel> Create, (Activation, double)[] Activations)> Cases = new()
    {
        ["relu-linear-mse"] = (() => new OddReluRegressor(seed: 1), [(Activation.ReLU, 0), (Activation.Linear, 0)]),
        ["leaky-tanh-nobias-mse"] = (() => new OddLeakyTanhRegressor(seed: 2), [(Activation.LeakyReLU, 0.1), (Activation.Tanh, 0)]),
        ["gelu-sigmoid-bce-fused"] = (() => new OddGeluMultiLabel(seed: 3), [(Activation.Gelu, 0), (Activation.Sigmoid, 0)]),
        ["tanh-softmax-cce-fused"] = (() => new OddTanhSoftmaxClassifier(seed: 4), [(Activation.Tanh, 0), (Activation.Softmax, 0)]),
        ["sigmoid-softmax-sparse-fused"] = (() => new OddSparseClassifier(seed: 5), [(Activation.Sigmoid, 0), (Activation.Softmax, 0)]),
        ["relu-softmax-mse"] = (() => new OddSoftmaxRegressor(seed: 6), [(Activation.ReLU, 0), (Activation.Softmax, 0)]),
        ["relu-sigmoid-cce-unfused"] = (() => new OddSigmoidCategorical(seed: 7), [(Activation.ReLU, 0), (Activation.Sigmoid, 0)]),
        ["flatten-reshape-mse"] = (() => new ReshapingRegressor(seed: 9), [(Activation.Tanh, 0), (Activation.Linear, 0)]),
        ["tutorial-bce-fused"] = (() => new TutorialClassifier(seed: 8), [(Activation.ReLU, 0), (Activation.ReLU, 0), (Activation.Sigmoid, 0)]),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Parameter_gradients_of_the_loss_match_finite_differences(string name)
    {
        var (create, activations) = Cases[name];
        ITrainableModel model = create();
        var random = new Random(11);
        float[] inputs = RandomValues(random, Batch * model.InputLength);
        float[] targets = Targets(model, random);

        float loss = model.ComputeLossAndGradients(inputs, targets);
        float[] analytic = model.Gradients.ToArray();

        var reference = new ReferenceMlp(model, activations);
        double[] parameters = ToDouble(model.Parameters), x = ToDouble(inputs), t = ToDouble(targets);
        Assert.Equal(reference.Loss(parameters, x, t, Batch), loss, 1e-5 * Math.Max(1, loss));
        for (int j = 0; j < parameters.Length; j++)
        {
            double numeric = CentralDifference(parameters, j, () => reference.Loss(parameters, x, t, Batch));
            AssertClose(numeric, analytic[j], $"{name}: d loss / d parameter {j}");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Backward_gives_input_and_parameter_gradients_of_any_upstream_gradient(string name)
    {
        var (create, activations) = Cases[name];
        ITrainableModel model = create();
        var random = new Random(12);
        float[] inputs = RandomValues(random, Batch * model.InputLength);
        float[] upstream = RandomValues(random, Batch * model.OutputLength);
        var outputs = new float[Batch * model.OutputLength];
        var inputGradient = new float[inputs.Length];

        model.Forward(inputs, outputs);
        model.ZeroGradients();
        model.Backward(upstream, inputGradient);

        // L = sum(upstream * outputs), whose gradients Backward must return.
        var reference = new ReferenceMlp(model, activations);
        double[] parameters = ToDouble(model.Parameters), x = ToDouble(inputs);
        double Objective()
        {
            double[] y = reference.Forward(parameters, x, Batch);
            return y.Select((value, i) => value * upstream[i]).Sum();
        }
        for (int i = 0; i < x.Length; i++)
            AssertClose(CentralDifference(x, i, Objective), inputGradient[i], $"{name}: d L / d input {i}");
        float[] parameterGradients = model.Gradients.ToArray();
        for (int j = 0; j < parameters.Length; j++)
            AssertClose(CentralDifference(parameters, j, Objective), parameterGradients[j], $"{name}: d L / d parameter {j}");
    }

    internal static double CentralDifference(double[] values, int index, Func<double> objective)
    {
        double original = values[index];
        values[index] = original + Step;
        double plus = objective();
        values[index] = original - Step;
        double minus = objective();
        values[index] = original;
        return (plus - minus) / (2 * Step);
    }

    internal static void AssertClose(double numeric, double analytic, string what)
    {
        double tolerance = 2e-5 + 2e-3 * Math.Abs(numeric);
        Assert.True(Math.Abs(numeric - analytic) <= tolerance, $"{what}: analytic {analytic:R}, numeric {numeric:R}, tolerance {tolerance:R}");
    }

    internal static float[] RandomValues(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

    internal static float[] Targets(ITrainableModel model, Random random)
    {
        var targets = new float[Batch * model.TargetLength];
        for (int b = 0; b < Batch; b++)
        {
            int label = random.Next(model.OutputLength);
            switch (model.Loss)
            {
                case Loss.SparseCategoricalCrossEntropy: targets[b] = label; break;
                case Loss.CategoricalCrossEntropy: targets[b * model.OutputLength + label] = 1; break;
                case Loss.BinaryCrossEntropy:
                    for (int o = 0; o < model.OutputLength; o++) targets[b * model.OutputLength + o] = random.Next(2);
                    break;
                default:
                    for (int o = 0; o < model.OutputLength; o++) targets[b * model.OutputLength + o] = (float)random.NextDouble();
                    break;
            }
        }
        return targets;
    }

    private static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }
}
