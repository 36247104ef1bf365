using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Optimizers.Tests;

/// <summary>
/// Two Adam and AdamW steps worked by hand from p0 = [1, -2, 0.5], g1 = [0.5, -1, 2],
/// g2 = [0.1, 0.2, -0.3], lr = 0.1, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7.
/// </summary>
public sealed class AdamTests
{
    // Step 1: m1 = 0.1 g1 = [0.05, -0.1, 0.2]; v1 = 0.001 g1² = [0.00025, 0.001, 0.004].
    // Bias correction divides by 1 - 0.9 = 0.1 and 1 - 0.999 = 0.001, so m̂ = g1 and v̂ = g1²:
    // the first step is lr * g1 / (|g1| + eps), a step of almost exactly lr against each sign.
    private static readonly double[] FirstStep =
    [
        0.1 * 0.5 / (0.5 + 1e-7),
        0.1 * -1.0 / (1.0 + 1e-7),
        0.1 * 2.0 / (2.0 + 1e-7),
    ];

    // Step 2: m2 = 0.9 m1 + 0.1 g2 = [0.045 + 0.01, -0.09 + 0.02, 0.18 - 0.03] = [0.055, -0.07, 0.15];
    // v2 = 0.999 v1 + 0.001 g2² = [0.00024975 + 0.00001, 0.000999 + 0.00004, 0.003996 + 0.00009]
    //    = [0.00025975, 0.001039, 0.004086];
    // corrections: 1 - 0.9² = 0.19 and 1 - 0.999² = 0.001999; step = lr * (m2 / 0.19) / (sqrt(v2 / 0.001999) + eps).
    private static readonly double[] SecondStep =
    [
        0.1 * (0.055 / 0.19) / (Math.Sqrt(0.00025975 / 0.001999) + 1e-7),
        0.1 * (-0.07 / 0.19) / (Math.Sqrt(0.001039 / 0.001999) + 1e-7),
        0.1 * (0.15 / 0.19) / (Math.Sqrt(0.004086 / 0.001999) + 1e-7),
    ];

    [Fact]
    public void Adam_applies_bias_corrected_moments()
    {
        var optimizer = new Adam(learningRate: 0.1f, beta1: 0.9f, beta2: 0.999f, epsilon: 1e-7f);
        float[] p = [1f, -2f, 0.5f];

        optimizer.Step(p, [0.5f, -1f, 2f]);
        // p1 = p0 - step1, about [0.9, -1.9, 0.4]
        OptimizerAssert.Close([1 - FirstStep[0], -2 - FirstStep[1], 0.5 - FirstStep[2]], p);

        optimizer.Step(p, [0.1f, 0.2f, -0.3f]);
        // p2 = p1 - step2, about [0.819696, -1.848897, 0.344780]
        OptimizerAssert.Close(
            [1 - FirstStep[0] - SecondStep[0], -2 - FirstStep[1] - SecondStep[1], 0.5 - FirstStep[2] - SecondStep[2]], p);
        Assert.Equal(2, optimizer.Iterations);
    }

    [Fact]
    public void AdamW_decays_the_parameters_before_the_adam_step()
    {
        var optimizer = new AdamW(learningRate: 0.1f, beta1: 0.9f, beta2: 0.999f, epsilon: 1e-7f, weightDecay: 0.1f);
        float[] p = [1f, -2f, 0.5f];

        optimizer.Step(p, [0.5f, -1f, 2f]);
        // The decay multiplies by 1 - lr * wd = 0.99 first: p1 = 0.99 p0 - step1, about [0.89, -1.88, 0.395]
        double[] p1 = [0.99 * 1 - FirstStep[0], 0.99 * -2 - FirstStep[1], 0.99 * 0.5 - FirstStep[2]];
        OptimizerAssert.Close(p1, p);

        optimizer.Step(p, [0.1f, 0.2f, -0.3f]);
        // The moments never see the decay, so step2 is Adam's: p2 = 0.99 p1 - step2, about [0.800796, -1.810097, 0.335830]
        OptimizerAssert.Close([0.99 * p1[0] - SecondStep[0], 0.99 * p1[1] - SecondStep[1], 0.99 * p1[2] - SecondStep[2]], p);
    }

    [Fact]
    public void Learning_rate_changes_take_effect_on_the_next_step()
    {
        var optimizer = new Adam(learningRate: 0.1f);
        float[] p = [1f];
        optimizer.LearningRate = 0.2f;

        optimizer.Step(p, [0.5f]);

        // First step is lr * g / (|g| + eps) with the new lr.
        OptimizerAssert.Close([1 - 0.2 * 0.5 / (0.5 + 1e-7)], p);
    }

    /// <summary>A buffer large enough to split over two threads takes the same steps, to the bit, as on one.</summary>
    [Fact]
    public void A_step_split_over_two_threads_matches_one_thread()
    {
        const int length = 200_003;
        var random = new Random(9);
        float[] start = Enumerable.Range(0, length).Select(_ => random.NextSingle() - 0.5f).ToArray();
        float[][] gradients = [.. Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, length).Select(_ => random.NextSingle() - 0.5f).ToArray())];

        float[] Train(int threads)
        {
            float[] p = (float[])start.Clone();
            var optimizer = new AdamW(learningRate: 0.01f, weightDecay: 0.01f);
            using (new ComputeThreadsScope(threads))
            {
                foreach (float[] g in gradients) optimizer.Step(p, g);
            }
            return p;
        }

        float[] one = Train(1);
        Assert.NotEqual(start, one);
        Assert.Equal(one, Train(2));
    }
}
